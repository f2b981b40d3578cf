/**
 * The pool backend over in-process "workers" (the real simWorkerHost behind a message channel with
 * random delays, so that ranges finish out of order): results bit-identical to one thread, progress
 * summed over the lanes, cancel leaves no worker busy. Real threads: bin/threadPool.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../../url/codec.ts';
import { runNetworks } from '../../experiments/monteCarlo.ts';
import { runSpec } from '../../experiments/runSpec.ts';
import { createCpuBackend } from '../cpu/cpuBackend.ts';
import { AbortError } from '../types.ts';
import type { FromSimWorker, SimPort, ToSimWorker } from './protocol.ts';
import { serveSimulations } from './simWorkerHost.ts';
import { createPoolBackend } from './workerPool.ts';

/** A deterministic pseudo-random delay (ms) per message, so completion order is shuffled. */
function delays(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % 7;
  };
}

function inProcessWorker(delay: () => number, log: { spawned: number }): SimPort {
  log.spawned++;
  let toPool: ((m: FromSimWorker) => void) | undefined;
  let toHost: ((m: ToSimWorker) => void) | undefined;
  let alive = true;
  serveSimulations({
    post: (m) => setTimeout(() => alive && toPool?.(structuredClone(m)), delay()),
    listen: (h) => (toHost = h),
  });
  return {
    post: (m) => setTimeout(() => alive && toHost?.(structuredClone(m)), delay()),
    listen: (onMessage) => (toPool = onMessage),
    terminate: () => (alive = false),
  };
}

function spec(query: string) {
  return decodeSpec(query).spec;
}

describe('pool backend', () => {
  it('gives the documents of one thread, bit for bit, for a depth profile, a width sweep, a commutation map and the fixed-width view (post-activation kernels)', async () => {
    const log = { spawned: 0 };
    const pool = createPoolBackend(() => inProcessWorker(delays(7), log), 3);
    for (const q of ['act=tanh&n=24&L=6&M=23&seed=2', 'view=width&nmin=8&nmax=32&L=4&M=11&seed=3', 'view=commute&nmin=4&nmax=16&Lmin=2&Lmax=8&M=7&seed=4&method=explicit', 'view=regime&L=8&M=5&seed=7']) {
      const one = await runSpec(spec(q), { backend: createCpuBackend() });
      const many = await runSpec(spec(q), { backend: pool, chunkNetworks: 2 });
      expect(JSON.stringify(many), q).toBe(JSON.stringify(one));
    }
    expect(log.spawned).toBe(3);
    expect(pool.busy()).toBe(0);
    pool.dispose();
  });

  it('splits a batch into at least one range per worker, and progress sums the networks of every lane', async () => {
    const pool = createPoolBackend(() => inProcessWorker(delays(3), { spawned: 0 }), 4);
    const jobs: number[] = [];
    const counting = Object.create(pool) as typeof pool;
    counting.simulate = (job, signal) => {
      jobs.push(job.netCount);
      return pool.simulate(job, signal);
    };
    const done: number[] = [];
    await runNetworks(spec('act=relu&n=16&L=3&M=40&seed=5'), [3], {
      backend: counting,
      partialEveryMs: 0,
      onChunk: (acc, progress) => {
        done.push(progress.done);
        expect(acc.count).toBeLessThanOrEqual(progress.done);
      },
    });
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...jobs)).toBeLessThanOrEqual(10);
    expect(done.at(-1)).toBe(40);
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThan(done[i - 1]);
    pool.dispose();
  });

  it('cancel rejects with AbortError and leaves no worker busy', async () => {
    const pool = createPoolBackend(() => inProcessWorker(() => 1, { spawned: 0 }), 3);
    const controller = new AbortController();
    let chunks = 0;
    const run = runNetworks(spec('act=tanh&n=64&L=20&M=400&seed=6'), [20], {
      backend: pool,
      chunkNetworks: 4,
      signal: controller.signal,
      partialEveryMs: 0,
      onChunk: () => {
        if (++chunks === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(pool.busy()).toBe(0);
    expect(chunks).toBeLessThan(100);
    pool.dispose();
  });

  it('a job on a disposed pool fails with a message instead of hanging', async () => {
    const pool = createPoolBackend(() => inProcessWorker(() => 0, { spawned: 0 }), 2);
    pool.dispose();
    await expect(pool.simulate({ spec: spec('n=8&L=2&M=1'), netStart: 0, netCount: 1, recordLayers: [2] })).rejects.toThrow(/disposed/);
    expect(() => createPoolBackend(() => inProcessWorker(() => 0, { spawned: 0 }), 0)).toThrow(/pool size must be an integer ≥ 1, got 0/);
  });
});

describe('defaultChunk for a pool', () => {
  it('equal chunks, at least two per lane, none above the one-thread chunk; one lane keeps the one-thread chunk', async () => {
    const { defaultChunk } = await import('../../experiments/monteCarlo.ts');
    const one = createCpuBackend();
    const cases = ['n=2048&L=32&M=64&method=gram', 'n=1024&L=64&M=256&method=gram', 'n=256&L=16&M=64&method=explicit', 'n=64&L=8&M=100000&method=gram', 'n=16&L=2&M=3'];
    for (const query of cases) {
      const spec = decodeSpec(query).spec;
      const single = defaultChunk(spec, 1, one);
      for (const lanes of [2, 3, 8]) {
        const pool = { ...one, concurrency: lanes };
        const size = defaultChunk(spec, 1, pool);
        const chunks = Math.ceil(spec.M / size);
        expect(size, `${query}, ${lanes} lanes`).toBeLessThanOrEqual(single);
        if (spec.M >= 2 * lanes) expect(chunks, `${query}, ${lanes} lanes`).toBeGreaterThanOrEqual(2 * lanes);
        else expect(size).toBe(1);
        // Equal: the last chunk is not a sliver when there are only a few per lane.
        if (chunks <= 4 * lanes) expect(spec.M - (chunks - 1) * size, `${query}, ${lanes} lanes`).toBeGreaterThan(size / 2 - 1);
      }
    }
  });
});
