/**
 * The CLI's pool on real worker_threads (bin/simThread.mjs): the same documents as one thread, bit
 * for bit, and a cancelled run leaves no thread busy. The protocol itself: src/backends/pool.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import type { PoolBackend } from '../src/backends/pool/workerPool.ts';
import { AbortError } from '../src/backends/types.ts';
import { runNetworks } from '../src/experiments/monteCarlo.ts';
import { runSpec } from '../src/experiments/runSpec.ts';
import { decodeSpec } from '../src/url/codec.ts';
import { availableParallelism } from 'node:os';
import { createThreadedCpuBackend, POOL_MIN_OPS, threadsFor } from './threadPool.ts';

const spec = (q: string) => decodeSpec(q).spec;

describe('worker-thread pool', () => {
  it('results are bit-identical to one thread (gram and explicit, depth profile and width sweep)', async () => {
    const pool = createThreadedCpuBackend(3) as PoolBackend;
    expect(pool.concurrency).toBe(3);
    try {
      for (const q of ['act=tanh&n=32&L=5&M=17&seed=21', 'act=relu&n=24&L=4&M=9&seed=22&method=explicit', 'view=width&act=erf&nmin=8&nmax=64&L=3&M=7&seed=23']) {
        const one = await runSpec(spec(q), { backend: createCpuBackend() });
        const many = await runSpec(spec(q), { backend: pool, chunkNetworks: 2 });
        expect(JSON.stringify(many), q).toBe(JSON.stringify(one));
      }
    } finally {
      pool.dispose();
    }
  });

  it('cancel stops every thread: the run rejects with AbortError and no thread is busy after it', async () => {
    const pool = createThreadedCpuBackend(2) as PoolBackend;
    try {
      const controller = new AbortController();
      let chunks = 0;
      const run = runNetworks(spec('act=tanh&n=256&L=40&M=2000&seed=24'), [40], {
        backend: pool,
        chunkNetworks: 2,
        signal: controller.signal,
        partialEveryMs: 0,
        onChunk: () => {
          if (++chunks === 3) controller.abort();
        },
      });
      await expect(run).rejects.toBeInstanceOf(AbortError);
      expect(pool.busy()).toBe(0);
      expect(chunks).toBeLessThan(1000);
    } finally {
      pool.dispose();
    }
  });

  it('--threads default: every core for runs over POOL_MIN_OPS of work, one thread below; an explicit N wins', () => {
    expect(threadsFor(POOL_MIN_OPS / 10)).toBe(1);
    expect(threadsFor(POOL_MIN_OPS * 10)).toBe(availableParallelism());
    expect(threadsFor(POOL_MIN_OPS / 10, 3)).toBe(3);
    expect(threadsFor(POOL_MIN_OPS * 10, 1)).toBe(1);
  });

  it('one thread is the plain CPU backend (no workers)', () => {
    const b = createThreadedCpuBackend(1);
    expect(b.concurrency).toBeUndefined();
    expect(b.info).toEqual(createCpuBackend().info);
  });
});
