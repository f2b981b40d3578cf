/**
 * Spec → Monte Carlo run in the Worker. A committed change of the experiment (runKey: the page-only
 * keys predict and proj do not count) restarts the run (after a short
 * debounce, so that typing or clicking through values does not start a run per keystroke); while a
 * slider is dragged the stale run is stopped and the next one waits for the release. A run
 * estimated over ASK_ABOVE_SECONDS waits for the Run button instead of starting (status 'confirm').
 */
import type { RunClient } from '../worker/runClient.ts';
import type { FromWorker } from '../worker/protocol.ts';
import type { LabStore } from './labStore.ts';
import { ASK_ABOVE_SECONDS, estimateRun } from './runEstimate.ts';

export interface RunController {
  /** Run the current spec now (the Run button). */
  runNow(): void;
  /** Stop the current run (the Cancel button). */
  cancel(): void;
  dispose(): void;
}

export function connectRuns(store: LabStore, client: RunClient, options: { debounceMs?: number; partialEveryMs?: number } = {}): RunController {
  const debounceMs = options.debounceMs ?? 200;
  // Partial results redraw every plot: a few per second show the progress without keeping the
  // main thread busy with layout (the final result is applied at once).
  const partialEveryMs = options.partialEveryMs ?? 300;
  let lastPartial = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The run whose messages count; answers of any earlier run are dropped. */
  let current = 0;

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const handle = (token: number, runKey: string, msg: FromWorker) => {
    if (token !== current) return;
    const s = store.getState();
    switch (msg.type) {
      case 'backend':
        s.setRun({ runKey, backend: msg.info });
        break;
      case 'partial': {
        const now = performance.now();
        if (now - lastPartial < partialEveryMs && s.run.status === 'running') {
          s.setRun({ runKey, progress: msg.progress });
          break;
        }
        lastPartial = now;
        s.setRun({ runKey, status: 'running', result: msg.result, samples: msg.samples, progress: msg.progress });
        break;
      }
      case 'done': {
        const startedAt = s.run.startedAt ?? performance.now();
        s.setRun({
          runKey,
          status: 'done',
          result: msg.result,
          samples: msg.samples,
          progress: msg.progress,
          digest: msg.digest,
          backend: msg.result.backend,
          elapsedMs: performance.now() - startedAt,
        });
        break;
      }
      case 'refused':
        s.setRun({ runKey, status: 'refused' });
        s.report('run', msg.issues);
        break;
      case 'cancelled':
        s.setRun({ runKey, status: 'cancelled' });
        break;
      case 'error':
        s.setRun({ runKey, status: 'error' });
        s.report('run', [{ key: 'run', message: `The Monte Carlo run failed: ${msg.message}` }]);
        break;
    }
  };

  const start = (confirmed = false) => {
    clearTimer();
    const { spec, runKey, report, setRun, run } = store.getState();
    report('run', []);
    if (!confirmed) {
      // A run that may take over ASK_ABOVE_SECONDS (its upper bound) asks first (issue 14 §4): the Run button confirms.
      const estimate = estimateRun(spec, run.backend?.name);
      if (estimate.maxSeconds > ASK_ABOVE_SECONDS) {
        current++;
        client.cancel();
        setRun({ runKey, status: 'confirm', estimate }, true);
        return;
      }
    }
    setRun({ runKey, status: 'starting', startedAt: performance.now(), progress: { done: 0, total: spec.M, phase: 'networks' } }, true);
    const token = ++current;
    client.start(spec, (msg) => handle(token, runKey, msg));
  };

  const schedule = () => {
    const { live, runKey, run } = store.getState();
    clearTimer();
    if (live) {
      // Dragging: the running experiment no longer matches the sliders; stop it, run on release.
      current++;
      if (client.cancel()) store.getState().setRun({ runKey: run.runKey, status: 'cancelled' });
      return;
    }
    if (run.runKey === runKey && run.status !== 'cancelled') return;
    timer = setTimeout(start, debounceMs);
  };

  start();
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.runKey !== prev.runKey || state.live !== prev.live) schedule();
  });

  return {
    runNow: () => start(true),
    cancel() {
      clearTimer();
      current++;
      const { run, setRun } = store.getState();
      if (client.cancel()) setRun({ runKey: run.runKey, status: 'cancelled' });
    },
    dispose() {
      clearTimer();
      unsubscribe();
      client.dispose();
    },
  };
}
