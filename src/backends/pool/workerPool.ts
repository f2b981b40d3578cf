/**
 * A SimBackend over a pool of CPU workers (issue 19 §2: every core). Each simulate() call runs one
 * range of networks on one idle worker; runNetworks keeps `concurrency` ranges in flight and puts
 * the blocks back in network order (experiments/slices.ts), so results are bit-identical to one
 * thread. The pool reports the CPU backend's info: where the networks ran does not change them.
 *
 * Cancel: an aborted job posts 'cancel' to its worker and settles only when the worker has stopped
 * (it answers within one CPU-backend checkpoint, ~20 ms); runNetworks waits for every lane, so a
 * cancelled run leaves no worker busy.
 */
import { createCpuBackend } from '../cpu/cpuBackend.ts';
import { AbortError, throwIfAborted, type KernelBlock, type SimBackend, type SimJob } from '../types.ts';
import type { FromSimWorker, SimPort } from './protocol.ts';

export interface PoolBackend extends SimBackend {
  readonly concurrency: number;
  /** Workers running a job now (0 once a cancelled run has settled). */
  busy(): number;
}

interface Pending {
  readonly resolve: (block: KernelBlock) => void;
  readonly reject: (error: Error) => void;
  readonly worker: number;
}

export function createPoolBackend(spawn: () => SimPort, size: number): PoolBackend {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be an integer ≥ 1, got ${size}`);
  const cpu = createCpuBackend();
  const ports: (SimPort | undefined)[] = new Array(size).fill(undefined);
  const busy = new Array<boolean>(size).fill(false);
  const pending = new Map<number, Pending>();
  const waiters: (() => void)[] = [];
  let nextId = 1;
  let disposed = false;

  const release = (w: number) => {
    busy[w] = false;
    waiters.shift()?.();
  };

  const port = (w: number): SimPort => {
    let p = ports[w];
    if (p) return p;
    p = spawn();
    p.listen(
      (message: FromSimWorker) => {
        const job = pending.get(message.id);
        if (!job) return;
        pending.delete(message.id);
        release(job.worker);
        if (message.type === 'block') job.resolve(message.block);
        else if (message.name === 'AbortError') job.reject(new AbortError());
        else job.reject(new Error(message.message));
      },
      (error: Error) => {
        // A worker that crashed is replaced on next use; its job fails with the worker's error.
        ports[w]?.terminate();
        ports[w] = undefined;
        for (const [id, job] of pending) {
          if (job.worker !== w) continue;
          pending.delete(id);
          release(w);
          job.reject(new Error(`a simulation worker failed: ${error.message}`));
        }
      },
    );
    ports[w] = p;
    return p;
  };

  /** Claims an idle worker (marked busy before any await, so concurrent callers get different ones). */
  const claimWorker = async (signal?: AbortSignal): Promise<number> => {
    for (;;) {
      throwIfAborted(signal);
      if (disposed) throw new Error('the worker pool was disposed');
      const w = busy.indexOf(false);
      if (w >= 0) {
        busy[w] = true;
        return w;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };

  return {
    info: cpu.info,
    concurrency: size,
    supports: () => undefined,
    busy: () => busy.filter(Boolean).length,

    async simulate(job: SimJob, signal?: AbortSignal): Promise<KernelBlock> {
      const w = await claimWorker(signal);
      const id = nextId++;
      const p = port(w);
      return new Promise<KernelBlock>((resolve, reject) => {
        const onAbort = () => p.post({ type: 'cancel', id });
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          worker: w,
          resolve: (b) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(b);
          },
          reject: (e) => {
            signal?.removeEventListener('abort', onAbort);
            reject(e);
          },
        });
        p.post({ type: 'simulate', id, job });
      });
    },

    normals: (req) => cpu.normals(req),
    activation: (actId, xs) => cpu.activation(actId, xs),

    dispose() {
      disposed = true;
      for (const p of ports) p?.terminate();
      ports.fill(undefined);
      for (const [, job] of pending) job.reject(new AbortError('the worker pool was disposed'));
      pending.clear();
      busy.fill(false);
      for (const wake of waiters.splice(0)) wake();
    },
  };
}
