/**
 * The page side of the Worker. `start` restarts: a run in progress is dropped by terminating its
 * Worker (prompt even inside a long GPU chunk) and a fresh Worker takes the new run; an idle Worker
 * is reused. `cancel` terminates too, so Cancel never waits for the engine to reach a checkpoint.
 */
import type { Spec } from '../../src/core/spec.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export interface RunClient {
  /** Start a run; messages of this run (and only this run) go to `onMessage`. */
  start(spec: Spec, onMessage: (message: FromWorker) => void): void;
  /** Stop the current run at once. Returns false when nothing was running. */
  cancel(): boolean;
  dispose(): void;
}

export type WorkerFactory = () => Worker;

export const createLabWorker: WorkerFactory = () => new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module', name: 'limits-lab-mc' });

export function createRunClient(factory: WorkerFactory = createLabWorker): RunClient {
  let worker: Worker | undefined;
  let runId = 0;
  let busy = false;
  let listener: ((message: FromWorker) => void) | undefined;

  const drop = () => {
    worker?.terminate();
    worker = undefined;
    busy = false;
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = factory();
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (w !== worker || msg.id !== runId) return;
      if (msg.type === 'done' || msg.type === 'refused' || msg.type === 'cancelled' || msg.type === 'error') busy = false;
      listener?.(msg);
    };
    w.onerror = (event) => {
      if (w !== worker) return;
      event.preventDefault();
      busy = false;
      listener?.({ type: 'error', id: runId, message: `the Monte Carlo worker failed: ${event.message || 'unknown error'}` });
    };
    worker = w;
    return w;
  };

  return {
    start(spec, onMessage) {
      if (busy) drop();
      runId += 1;
      listener = onMessage;
      busy = true;
      const message: ToWorker = { type: 'run', id: runId, spec };
      ensure().postMessage(message);
    },
    cancel() {
      if (!busy) return false;
      worker?.postMessage({ type: 'cancel', id: runId } satisfies ToWorker);
      drop();
      listener = undefined;
      return true;
    },
    dispose() {
      drop();
      listener = undefined;
    },
  };
}
