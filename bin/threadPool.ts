/**
 * The CLI's every-core CPU backend: a pool of worker_threads (bin/simThread.mjs) behind the
 * SimBackend interface (src/backends/pool/workerPool.ts). `--threads N` picks N; the default is
 * every core the process may use (os.availableParallelism) for runs of more than about a second,
 * one thread below. One thread is the plain CPU backend.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import type { FromSimWorker, SimPort, ToSimWorker } from '../src/backends/pool/protocol.ts';
import { createPoolBackend } from '../src/backends/pool/workerPool.ts';
import type { SimBackend } from '../src/backends/types.ts';

export const MAX_THREADS = 256;

export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

function spawnThread(): SimPort {
  const worker = new Worker(new URL('./simThread.mjs', import.meta.url), { name: 'limits-lab-sim' });
  // An idle worker must not keep the process alive (the CLI disposes the pool, a test may forget);
  // a busy one must, or Node would exit while the run awaits its block.
  let jobs = 0;
  worker.unref();
  return {
    post(message: ToSimWorker) {
      if (message.type === 'simulate' && jobs++ === 0) worker.ref();
      worker.postMessage(message);
    },
    listen(onMessage, onError) {
      worker.on('message', (m: FromSimWorker) => {
        if (--jobs === 0) worker.unref();
        onMessage(m);
      });
      worker.on('error', onError);
      worker.on('exit', (code) => {
        if (code !== 0) onError(new Error(`worker thread exited with code ${code}`));
      });
    },
    terminate: () => void worker.terminate(),
  };
}

/**
 * Work (core/cost.ts operations) below which the default is one thread: starting a worker thread
 * loads the engine through tsx (~1 s here), more than a run under about a second of one-thread
 * work (~5e8 operations: monteCarlo.ts's chunks of 5e7 take ~0.1 s) would save.
 */
export const POOL_MIN_OPS = 5e8;

/** --threads: what was asked for, else every core for runs worth it, else 1. */
export function threadsFor(ops: number, requested?: number): number {
  return requested ?? (ops < POOL_MIN_OPS ? 1 : defaultThreads());
}

export function createThreadedCpuBackend(threads: number = defaultThreads()): SimBackend {
  return threads <= 1 ? createCpuBackend() : createPoolBackend(spawnThread, threads);
}
