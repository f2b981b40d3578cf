/**
 * The page side of the theory Worker (issue 14 §8). At most one request computes and one waits:
 * a newer request replaces the waiting one (a drag sends one per frame; only the latest matters).
 * When a computation has held the Worker for longer than `restartMs` and a newer request waits
 * (the spec moved on while a heavy quadrature ran), the Worker is terminated and a fresh one takes
 * the newer request, so the theory never lags seconds behind the sliders.
 */
import type { Spec } from '../../src/core/spec.ts';
import type { TheoryOutput } from '../engine/theory.ts';
import type { FromTheoryWorker, ToTheoryWorker } from './theoryProtocol.ts';

/** A request dropped in favour of a newer one: not an error of the theory. */
export class TheorySuperseded extends Error {
  constructor() {
    super('superseded by a newer request');
    this.name = 'TheorySuperseded';
  }
}

export interface TheoryClient {
  compute(spec: Spec, precision: 'fast' | 'exact'): Promise<TheoryOutput>;
  dispose(): void;
}

export type TheoryWorkerFactory = () => Worker;

export const createTheoryWorker: TheoryWorkerFactory = () => new Worker(new URL('./theoryWorker.ts', import.meta.url), { type: 'module', name: 'limits-lab-theory' });

interface Job {
  readonly id: number;
  readonly spec: Spec;
  readonly precision: 'fast' | 'exact';
  readonly resolve: (out: TheoryOutput) => void;
  readonly reject: (e: Error) => void;
}

export function createTheoryClient(factory: TheoryWorkerFactory = createTheoryWorker, options: { restartMs?: number } = {}): TheoryClient {
  const restartMs = options.restartMs ?? 150;
  let worker: Worker | undefined;
  let nextId = 1;
  let busy: Job | undefined;
  let waiting: Job | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const send = (job: Job) => {
    busy = job;
    ensure().postMessage({ id: job.id, spec: job.spec, precision: job.precision } satisfies ToTheoryWorker);
    clearTimer();
    timer = setTimeout(() => {
      timer = undefined;
      // Still on the same job after restartMs, and a newer request waits: start over for it.
      if (busy === job && waiting) {
        drop();
        job.reject(new TheorySuperseded());
        next();
      }
    }, restartMs);
  };

  const next = () => {
    const job = waiting;
    waiting = undefined;
    if (job) send(job);
  };

  const drop = () => {
    worker?.terminate();
    worker = undefined;
    busy = undefined;
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = factory();
    w.onmessage = (event: MessageEvent<FromTheoryWorker>) => {
      const msg = event.data;
      const job = busy;
      if (w !== worker || !job || msg.id !== job.id) return;
      busy = undefined;
      clearTimer();
      if (msg.error !== undefined) job.reject(new Error(msg.error));
      else job.resolve(msg.output);
      next();
    };
    w.onerror = (event) => {
      if (w !== worker) return;
      event.preventDefault();
      const job = busy;
      drop();
      job?.reject(new Error(`the theory worker failed: ${event.message || 'unknown error'}`));
      next();
    };
    worker = w;
    return w;
  };

  return {
    compute(spec, precision) {
      return new Promise<TheoryOutput>((resolve, reject) => {
        const job: Job = { id: nextId++, spec, precision, resolve, reject };
        if (!busy) {
          send(job);
          return;
        }
        waiting?.reject(new TheorySuperseded());
        waiting = job;
        // A job that has already run past restartMs is dropped now (its timer has fired).
        if (timer === undefined) {
          const stale = busy;
          drop();
          stale.reject(new TheorySuperseded());
          next();
        }
      });
    },
    dispose() {
      clearTimer();
      drop();
      waiting?.reject(new TheorySuperseded());
      waiting = undefined;
    },
  };
}
