/**
 * Page entry: decode the URL into the store, connect the controllers (URL, theory, Worker runs)
 * and render. Data flows one way: URL → spec → theory / Monte Carlo → plots; controls write the spec.
 */
import 'katex/dist/katex.min.css';
import './styles/app.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabStore } from './state/labStore.ts';
import { connectRuns } from './state/runSync.ts';
import { connectTheory } from './state/theorySync.ts';
import { connectUrl, decodeLocation } from './state/urlSync.ts';
import { LabStoreContext } from './state/useLab.ts';
import { createRunClient } from './worker/runClient.ts';
import { createTheoryClient } from './worker/theoryClient.ts';

const store = createLabStore(decodeLocation(window.location));
// On a phone-sized window the panel would push the plots below the fold: start with it closed.
if (window.matchMedia('(max-width: 820px)').matches) store.getState().togglePanel(false);
connectUrl(store, { history: window.history, location: window.location, events: window });
// The theory runs in its own Worker: a heavy quadrature never holds the main thread (issue 14 §8).
const theory = createTheoryClient();
connectTheory(store, theory.compute);
const runs = connectRuns(store, createRunClient());

// The first render as a transition: React yields to the browser every few milliseconds instead of
// holding the main thread for the whole page at once; and the page's components (views, plots, D3)
// are evaluated in a task of their own, after the state above (issue 14 §8: no task over 200 ms).
const root = createRoot(document.getElementById('root')!);
void Promise.all([import('./App.tsx'), import('./views/index.ts')]).then(([{ App }]) =>
  startTransition(() =>
    root.render(
      <StrictMode>
        <LabStoreContext.Provider value={store}>
          <App runs={runs} />
        </LabStoreContext.Provider>
      </StrictMode>,
    ),
  ),
);
