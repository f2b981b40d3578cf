/**
 * `npm run bench`: performance as JSON (stdout and bench/results/bench-<time>.json). Figures are
 * reported as ratios against a baseline measured in the same run (timings across machines or runs
 * are not comparable):
 *   cpuMonteCarlo  gram vs explicit on the CPU backend (n = 1024 and 4096, L = 64, k = 2, same M):
 *                  seconds per network and the ratio explicit/gram (theory: ≈ n·(Philox+2k)/(k·(…)));
 *   theory         theoryBlock at L = 1000 for a quadrature activation (tanh, 'fast' and 'exact')
 *                  against a closed-form one (relu) — the cost of quadrature;
 *   webgpu         bench/webgpu.ts (Dawn; SwiftShader when there is no GPU) next to the CPU backend on
 *                  the same sizes: the speed-up of the GPU over the CPU;
 *   frameTime      bench/frameTime.ts: dragging the depth slider 1 → 1000 with tanh in Chromium;
 *   curveAnimation bench/curveAnimation.ts: the image-curve animation at k = 256 in Chromium, frames
 *                  per second from requestAnimationFrame timestamps (issue 18: ≥ 30), with the load;
 *   costModel      bench/costModel.ts: the run-time model's error, predicted vs measured seconds per
 *                  backend as ratios (re-calibrate with `npm run bench:calibrate -- --write`);
 *   peers          bench/peers.ts: the CPU backend against numpy (one thread and every core) and
 *                  PyTorch (one thread, where installed) at n = 2048, L = 16, k = 2, ReLU, explicit
 *                  and gram, as speed ratios lab/peer (issue 19 §3);
 *   cpuKernels     bench/kernels.ts: the CPU engine's kernels before/after (JavaScript path vs
 *                  WebAssembly SIMD kernel, same numbers); `wasmBeforeAfter`: bench/normalsKernel.ts,
 *                  the WebAssembly kernel against its build at an earlier commit (git), same process;
 *   multiCore      bench/multiCore.ts: one thread against the worker-thread pool (2 threads and every
 *                  core) on M = 64 and 256 networks: the speed-up, and that the numbers are identical;
 *   pageRun        bench/pageRun.ts: Cancel latency, frame gaps and click latency during a long run;
 *   longTasks      bench/longTasks.ts: the longest main-thread task while each spec of issue 14 §8
 *                  (ResNet L = 10⁴ tanh and silu, phase map 201²), each default view and each lesson
 *                  loads, computes and draws, with pass/fail against 200 ms (--trace there says what
 *                  the long tasks are made of);
 *   kernels        bench/kernelTimes.ts: one Haar 512 × 512 layer, the Fokker–Planck law;
 *   trainingViews  bench/trainingViews.ts: each training view's default and larger links — multiply–adds,
 *                  CPU seconds, ns per multiply–add (the training cost constant), the stated estimate
 *                  (--no-training skips it);
 *   defaults       bench/defaultsTime.ts: every default view and lesson through runSpec on the CPU
 *                  (the CLI's engine function), flagged when over 15 s (issue 14 §4).
 * Options: --quick (small sizes, for a smoke run), --no-browser, --no-webgpu, --no-multicore,
 *          --full (GPU sizes), --no-defaults (skip the default-view and lesson timings),
 *          --no-peers, --peers-only (just the peer comparison and the CPU kernels' before/after),
 *          --repeats=R (peer comparison, default 5).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import type { SimBackend } from '../src/backends/types.ts';
import { DEFAULT_SPEC, type Method, type Spec } from '../src/core/spec.ts';
import { theoryBlock } from '../src/archs/theory.ts';
import { VERSION } from '../src/version.ts';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const repeatsArg = process.argv.slice(2).find((a) => a.startsWith('--repeats='));
const peerRepeats = repeatsArg ? Number(repeatsArg.slice('--repeats='.length)) : quick ? 1 : 5;
if (!(Number.isInteger(peerRepeats) && peerRepeats >= 1 && peerRepeats <= 100)) {
  process.stderr.write(`bench: --repeats must be an integer in [1, 100], got '${repeatsArg}'\n`);
  process.exit(2);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function secondsPerNetwork(backend: SimBackend, spec: Spec): Promise<number> {
  const job = { spec, netStart: 0, netCount: spec.M, recordLayers: [spec.L] };
  await backend.simulate({ ...job, netCount: 1 }); // warm-up (JIT, pipelines)
  const t0 = performance.now();
  await backend.simulate(job);
  return (performance.now() - t0) / 1000 / spec.M;
}

async function cpuMonteCarlo(): Promise<object> {
  const cpu = createCpuBackend();
  const rows: object[] = [];
  const cases = quick ? [{ n: 256, M: 2 }] : [{ n: 1024, M: 4 }, { n: 4096, M: 2 }];
  for (const { n, M } of cases) {
    const base: Spec = { ...DEFAULT_SPEC, act: 'relu', n, L: quick ? 16 : 64, k: 2, M };
    const per: Record<Method, number> = { gram: 0, explicit: 0 };
    for (const method of ['gram', 'explicit'] as const) per[method] = await secondsPerNetwork(cpu, { ...base, method });
    rows.push({
      n,
      L: base.L,
      k: 2,
      M,
      secondsPerNetwork: per,
      networksPerSecond: { gram: 1 / per.gram, explicit: 1 / per.explicit },
      explicitOverGram: per.explicit / per.gram,
      gramRowNanoseconds: (per.gram / (n * base.L)) * 1e9,
    });
  }
  return { backend: cpu.info, cases: rows };
}

function theoryTimes(): object {
  const L = 1000;
  const time = (act: string, precision: 'fast' | 'exact') => {
    const spec = { ...DEFAULT_SPEC, act, sw2: act === 'relu' ? 2 : 1.5, sb2: act === 'relu' ? 0 : 0.05, L, ntk: false };
    theoryBlock(spec, { precision }); // warm-up
    const t: number[] = [];
    for (let i = 0; i < (quick ? 3 : 9); i++) {
      const t0 = performance.now();
      theoryBlock(spec, { precision });
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  const relu = time('relu', 'exact');
  const tanhFast = time('tanh', 'fast');
  const tanhExact = time('tanh', 'exact');
  return {
    L,
    milliseconds: { reluClosedForm: relu, tanhFast, tanhExact },
    ratioToClosedForm: { tanhFast: tanhFast / relu, tanhExact: tanhExact / relu },
    note: 'median of repeated theoryBlock calls after a warm-up; tanh uses the sinh-rule quadrature (src/theory/gaussianSinhRule.ts)',
  };
}

async function webgpu(): Promise<object> {
  const { benchWebGpu } = await import('./webgpu.ts');
  const gpuResult = (await benchWebGpu(args.has('--full') ? { widths: [1024, 4096], M: 1024, L: 64 } : {})) as unknown as {
    adapter?: string;
    runs?: { method: Method; n: number; M: number; L: number; k: number; networksPerSecond: number }[];
    [key: string]: unknown;
  };
  // The CPU backend on the same sizes, as the baseline of this run.
  const cpu = createCpuBackend();
  const baseline: object[] = [];
  for (const r of gpuResult.runs ?? []) {
    const M = Math.max(1, Math.min(r.M, r.method === 'explicit' ? 4 : 64));
    const s = await secondsPerNetwork(cpu, { ...DEFAULT_SPEC, method: r.method, n: r.n, L: r.L, k: r.k, M });
    baseline.push({ method: r.method, n: r.n, L: r.L, cpuNetworksPerSecond: 1 / s, gpuOverCpu: r.networksPerSecond * s });
  }
  return { ...gpuResult, cpuBaseline: baseline };
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = {
    version: VERSION,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  };
  if (!args.has('--no-peers')) {
    const { peerComparison } = await import('./peers.ts');
    const size = quick ? { n: 256, L: 4 } : { n: 2048, L: 16 };
    out.peers = await peerComparison(
      [
        { method: 'explicit', ...size, k: 2, M: 1 },
        { method: 'gram', ...size, k: 2, M: quick ? 8 : 64 },
      ],
      peerRepeats,
      (line) => process.stderr.write(`${line}\n`),
    );
  }
  if (!args.has('--no-peers')) {
    const { kernelsBeforeAfter } = await import('./kernels.ts');
    out.cpuKernels = await kernelsBeforeAfter(quick ? { n: 256, L: 4 } : { n: 2048, L: 16 }, quick ? 1 : 3);
    // The WebAssembly kernel against its build before the issue-19 speed work (bench/normalsKernel.ts).
    const { wasmBeforeAfter } = await import('./normalsKernel.ts');
    (out.cpuKernels as Record<string, unknown>).wasmBeforeAfter = await wasmBeforeAfter({ repeats: quick ? 1 : 9 });
    process.stderr.write(`bench: CPU kernels before/after ${JSON.stringify(out.cpuKernels)}\n`);
  }
  if (args.has('--peers-only')) return finish(out);
  out.theory = theoryTimes();
  out.kernels = (await import('./kernelTimes.ts')).kernelTimes();
  if (!args.has('--no-defaults')) {
    const { timeDefaults, BUDGET_SECONDS } = await import('./defaultsTime.ts');
    const report = await timeDefaults({ log: (line) => process.stderr.write(`defaults: ${line}\n`) });
    out.defaults = report;
    process.stderr.write(report.over.length > 0 ? `defaults: OVER ${BUDGET_SECONDS} s: ${report.over.join(', ')}\n` : `defaults: every default view and lesson ran in ≤ ${BUDGET_SECONDS} s\n`);
  }
  // Issue 17: the training views' cost — madds counted by the cost model, CPU seconds, ns per madd
  // (what TRAINING_CPU.secondsPerMadd is fitted to) and the stated "about" / "at most".
  if (!args.has('--no-training')) {
    const { timeTrainingViews, TRAINING_BENCH_QUERIES } = await import('./trainingViews.ts');
    out.trainingViews = timeTrainingViews(quick ? TRAINING_BENCH_QUERIES.slice(0, 5) : TRAINING_BENCH_QUERIES, (line) => process.stderr.write(`training: ${line}\n`));
  }
  out.cpuMonteCarlo = await cpuMonteCarlo();
  if (!args.has('--no-multicore')) out.multiCore = await (await import('./multiCore.ts')).benchMultiCore({ quick, log: (line) => process.stderr.write(`${line}\n`) });
  if (!args.has('--no-webgpu')) {
    try {
      out.webgpu = await webgpu();
    } catch (e) {
      out.webgpu = { unavailable: (e as Error).message };
    }
  }
  try {
    const { costModelError } = await import('./costModel.ts');
    out.costModel = await costModelError({ webgpu: !args.has('--no-webgpu'), quick });
  } catch (e) {
    out.costModel = { unavailable: (e as Error).message };
  }
  if (!args.has('--no-browser')) {
    try {
      const { benchFrameTime } = await import('./frameTime.ts');
      out.frameTime = await benchFrameTime();
    } catch (e) {
      out.frameTime = { unavailable: (e as Error).message };
    }
  }
  if (!args.has('--no-browser')) {
    try {
      const { benchCurveAnimation } = await import('./curveAnimation.ts');
      out.curveAnimation = await benchCurveAnimation({ repeats: quick ? 1 : 3 });
    } catch (e) {
      out.curveAnimation = { unavailable: (e as Error).message };
    }
  }
  if (!args.has('--no-browser')) {
    try {
      const { benchPageRun } = await import('./pageRun.ts');
      out.pageRun = await benchPageRun();
    } catch (e) {
      out.pageRun = { unavailable: (e as Error).message };
    }
  }
  if (!args.has('--no-browser')) {
    try {
      const { benchLongTasks, GOAL_MS, HEAVY_SPECS } = await import('./longTasks.ts');
      const { timedSpecs } = await import('./defaultsTime.ts');
      const report = (await benchLongTasks({ specs: quick ? HEAVY_SPECS : [...HEAVY_SPECS, ...timedSpecs()], log: (line) => process.stderr.write(`longTasks: ${line}\n`) })) as { failing: string[] };
      out.longTasks = report;
      process.stderr.write(report.failing.length > 0 ? `longTasks: OVER ${GOAL_MS} ms: ${report.failing.join(', ')}\n` : `longTasks: every main-thread task ≤ ${GOAL_MS} ms\n`);
    } catch (e) {
      out.longTasks = { unavailable: (e as Error).message };
    }
  }
  finish(out);
}

function finish(out: Record<string, unknown>): void {
  const json = JSON.stringify(out, null, 2);
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/bench-${(out.date as string).replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${json}\n`);
  process.stdout.write(`${json}\n`);
  process.stderr.write(`bench: wrote ${file}\n`);
  process.exit(0);
}

await main();
