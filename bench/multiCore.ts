/**
 * Multi-core scaling (issue 19 §2): runNetworks on one thread (the plain CPU backend) against the
 * worker-thread pool (bin/threadPool.ts) on the same batch, in the same run; the ratio is the
 * speed-up (acceptance: ≥ 1.7× on 2 cores for M ≥ 64). After a warm-up (JIT in every thread) the
 * backends take turns, `reps` times (at least 9, about 20 s of timed runs per case), in the order
 * A B … then … B A; a speed-up is the median of the per-repeat ratios, with its quartiles. `identical`
 * checks that the summaries agree bit for bit.
 * On a machine shared with other work the ratio drops: the load average and the cores the process
 * actually got (CPU time / wall time) are recorded next to it; cpuOverOneThread is the pool's total
 * CPU time over one thread's (its overhead: messages, the in-order merge).
 *
 * What the machine itself allows (`ceiling`): the 2-thread pool runs the whole batch through one lane
 * (one worker busy, the other idle), then two whole batches at once (both workers busy, no split, no
 * imbalance); ceiling = 2 · t(one batch alone) / t(two batches together) is the speed-up of two
 * threads that share nothing but the hardware. A pool whose speed-up equals it loses nothing to
 * splitting, messages or merging; below 2 the cores slow each other down (a shared physical core,
 * caches, power), which no scheduling of the networks can win back.
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

/** First and third quartiles (nearest rank). */
function quartiles(xs: number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor((s.length - 1) / 4)], s[Math.ceil((3 * (s.length - 1)) / 4)]];
}

/** Wall time, and CPU time of the whole process (every thread: process.cpuUsage counts workers too). */
async function once(backend: SimBackend, spec: Spec, batches = 1): Promise<{ seconds: number; cpuSeconds: number; summary: string }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const runs = await Promise.all(Array.from({ length: batches }, () => runNetworks(spec, [spec.L], { backend })));
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, cpuSeconds: (c.user + c.system) / 1e6, summary: JSON.stringify(runs[0].acc.summary()) };
}

/** The pool seen as a single lane: runNetworks sends one whole chunk at a time (ceiling runs). */
function oneLane(pool: SimBackend): SimBackend {
  return { ...pool, concurrency: 1, simulate: (job, signal) => pool.simulate(job, signal) };
}

export async function benchMultiCore(options: { quick?: boolean; log?: (line: string) => void } = {}): Promise<object> {
  const cores = availableParallelism();
  const threadCounts = [...new Set([2, cores])].filter((t) => t >= 2);
  const reps = options.quick ? 1 : 5;
  const cases: { method: Method; n: number; L: number; M: number }[] = options.quick
    ? [{ method: 'gram', n: 256, L: 16, M: 64 }]
    : [
        { method: 'gram', n: 2048, L: 32, M: 64 },
        { method: 'gram', n: 1024, L: 64, M: 256 },
        { method: 'explicit', n: 256, L: 16, M: 64 },
      ];
  const rows: object[] = [];
  const pools = threadCounts.map((t): [string, SimBackend] => [`threads${t}`, createThreadedCpuBackend(t)]);
  const backends: [string, SimBackend][] = [['oneThread', createCpuBackend()], ...pools];
  // The ceiling's runs: the 2-thread pool as one lane, one batch ('alone') or two at once ('together').
  const lane = oneLane(pools[0][1]);
  const ceilingRuns: [string, SimBackend, number][] = [
    ['alone', lane, 1],
    ['together', lane, 2],
  ];
  try {
    for (const c of cases) {
      const spec: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, k: 2, ...c };
      // Warm-up (JIT in every thread: the whole batch, twice), then the backends in turn, rep after
      // rep, so that a change in the machine's load hits them alike.
      let warm = 0;
      for (let w = 0; w < 2; w++) {
        warm = performance.now();
        for (const [, b] of backends) await runNetworks(spec, [spec.L], { backend: b });
        if (!options.quick) for (const [, b, batches] of ceilingRuns) await once(b, spec, batches);
      }
      // A short case gets more repeats (about 20 s of timed runs in all, at most 61): a 0.07 s run's
      // wall time varies by ±15 % from run to run on a 2-core VM (quiet machine, 2026-12-07).
      const perRound = (performance.now() - warm) / 1000;
      const caseReps = options.quick ? reps : Math.max(9, Math.min(61, Math.ceil(20 / Math.max(perRound, 1e-3))) | 1);
      type Run = { name: string; backend: SimBackend; batches: number; cpu: boolean };
      const order: Run[] = [
        ...backends.map(([name, backend]) => ({ name, backend, batches: 1, cpu: true })),
        ...(options.quick ? [] : ceilingRuns.map(([name, backend, batches]) => ({ name, backend, batches, cpu: false }))),
      ];
      const times = new Map<string, number[]>(order.map(({ name }) => [name, []]));
      const cpu = new Map<string, number[]>(backends.map(([name]) => [name, []]));
      const summaries = new Map<string, string>();
      for (let r = 0; r < caseReps; r++) {
        // A B C D, then D C B A: a drift of the machine's speed within a repeat hits both sides of
        // each ratio alike.
        for (const run of r % 2 === 0 ? order : [...order].reverse()) {
          const x = await once(run.backend, spec, run.batches);
          times.get(run.name)!.push(x.seconds);
          if (run.cpu) {
            cpu.get(run.name)!.push(x.cpuSeconds);
            summaries.set(run.name, x.summary);
          }
        }
      }
      // Speed-ups are medians of the per-repeat ratios (each from runs seconds apart), with their
      // quartiles: the VM's speed moves between repeats, which a ratio of medians would not cancel.
      const ratios = (num: string, den: string, scale = 1) => times.get(num)!.map((t, r) => (scale * t) / times.get(den)![r]);
      const base = median(times.get('oneThread')!);
      // coresUsed = CPU time / wall time: below the thread count, the machine did not give the
      // process that many cores (shared machine), and the speed-up says more about the load.
      const row: Record<string, unknown> = { ...c, k: 2, reps: caseReps, oneThreadSeconds: base, oneThreadCoresUsed: median(cpu.get('oneThread')!) / base };
      for (const [name] of backends.slice(1)) {
        const seconds = median(times.get(name)!);
        const r = ratios('oneThread', name);
        row[name] = { seconds, speedup: median(r), speedupQuartiles: quartiles(r), coresUsed: median(cpu.get(name)!) / seconds, cpuOverOneThread: median(cpu.get(name)!) / median(cpu.get('oneThread')!), identical: summaries.get(name) === summaries.get('oneThread') };
      }
      const two = row.threads2 as { speedup: number; speedupQuartiles: [number, number]; identical: boolean } | undefined;
      if (!options.quick) {
        const r = ratios('alone', 'together', 2);
        row.ceiling = { aloneSeconds: median(times.get('alone')!), togetherSeconds: median(times.get('together')!), speedup: median(r), speedupQuartiles: quartiles(r), poolOfCeiling: two ? two.speedup / median(r) : undefined };
      }
      const ceiling = row.ceiling as { speedup: number; poolOfCeiling?: number } | undefined;
      if (two && options.log) {
        const q = two.speedupQuartiles;
        options.log(
          `multiCore: ${c.method} n=${c.n} L=${c.L} M=${c.M}: 2 threads ${two.speedup.toFixed(2)}× one thread (quartiles ${q[0].toFixed(2)}–${q[1].toFixed(2)}, ${caseReps} repeats, ${two.identical ? 'bit-identical' : 'NOT IDENTICAL'})` +
            (ceiling ? `; the machine's two-thread ceiling ${ceiling.speedup.toFixed(2)}×, the pool at ${((ceiling.poolOfCeiling ?? NaN) * 100).toFixed(0)} % of it` : ''),
        );
      }
      rows.push(row);
    }
  } finally {
    for (const [, b] of backends) b.dispose();
  }
  return { cores, loadAverage1m: loadavg()[0], reps, cases: rows };
}
