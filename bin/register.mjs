// Lets Node run the TypeScript engine directly (no build step): tsx compiles .ts on import, and
// raw-loader.mjs serves `import text from './x.wgsl?raw'` the way Vite does in the browser.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./raw-loader.mjs', import.meta.url);
