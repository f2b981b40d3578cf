/**
 * Multi-core scaling (issue 19 §2): runNetworks on one thread (the plain CPU backend) against the
 * worker-thread pool (bin/threadPool.ts) on the same batch, in the same run; the ratio is the
 * speed-up (acceptance: ≥ 1.7× on 2 cores for M ≥ 64). Each figure is the median of `reps` timed
 * runs after a warm-up (JIT in every thread); `identical` checks that the summaries agree bit for bit.
 * On a machine shared with other work the ratio drops: the load average is recorded next to it.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createThreadedCpuBackend } from '../bin/threadPool.ts';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import type { SimBackend } from '../src/backends/types.ts';
import { DEFAULT_SPEC, type Method, type Spec } from '../src/core/spec.ts';
import { runNetworks } from '../src/experiments/monteCarlo.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed(backend: SimBackend, spec: Spec, reps: number): Promise<{ seconds: number; summary: string }> {
  await runNetworks({ ...spec, M: Math.min(spec.M, 2 * (backend.concurrency ?? 1)) }, [spec.L], { backend }); // warm-up
  const t: number[] = [];
  let summary = '';
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const { acc } = await runNetworks(spec, [spec.L], { backend });
    t.push((performance.now() - t0) / 1000);
    summary = JSON.stringify(acc.summary());
  }
  return { seconds: median(t), summary };
}

export async function benchMultiCore(options: { quick?: boolean } = {}): Promise<object> {
  const cores = availableParallelism();
  const threadCounts = [...new Set([2, cores])].filter((t) => t >= 2);
  const reps = options.quick ? 1 : 3;
  const cases: { method: Method; n: number; L: number; M: number }[] = options.quick
    ? [{ method: 'gram', n: 256, L: 16, M: 64 }]
    : [
        { method: 'gram', n: 2048, L: 32, M: 64 },
        { method: 'gram', n: 1024, L: 64, M: 256 },
        { method: 'explicit', n: 256, L: 16, M: 64 },
      ];
  const rows: object[] = [];
  const one = createCpuBackend();
  for (const c of cases) {
    const spec: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, k: 2, ...c };
    const base = await timed(one, spec, reps);
    const scaling: Record<string, { seconds: number; speedup: number; identical: boolean }> = {};
    for (const threads of threadCounts) {
      const pool = createThreadedCpuBackend(threads);
      try {
        const r = await timed(pool, spec, reps);
        scaling[`threads${threads}`] = { seconds: r.seconds, speedup: base.seconds / r.seconds, identical: r.summary === base.summary };
      } finally {
        pool.dispose();
      }
    }
    rows.push({ ...c, k: 2, oneThreadSeconds: base.seconds, ...scaling });
  }
  return { cores, loadAverage1m: loadavg()[0], reps, cases: rows };
}
