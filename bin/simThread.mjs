// Entry of a CLI simulation thread (worker_threads): the same TypeScript loaders as the CLI, then
// the worker body (simThread.ts).
import './register.mjs';

await import('./simThread.ts');
