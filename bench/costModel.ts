/**
 * The run-time model's calibration and error (issue 20 §2; model: src/core/cost.ts, constants:
 * src/core/costCalibration.ts).
 *
 *   node bin/run-ts.mjs bench/costModel.ts --calibrate [--write] [--no-webgpu] [--no-cpu] [--repeats=3] [--refit=LOG]
 *       times complete runs (runSpec; every view's runner shape) on a log-spaced grid of sizes per
 *       backend profile (cpu; WebGPU through Dawn: SwiftShader when there is no GPU, else the
 *       hardware adapter), the median of `repeats` runs each; the theory's per-layer and fixed
 *       costs; the start-up of a CLI worker thread. Fits each method's constants by non-negative
 *       least squares on relative error (the expected time), records the largest
 *       measured/expected ratio of the grid (worstRatio: the upper bound is expected × worstRatio ×
 *       headroom + 0.1 s), and prints the CALIBRATION block; --write puts it into costCalibration.ts.
 *       `npm run bench:calibrate`.
 *   node bin/run-ts.mjs bench/costModel.ts [--quick] [--no-webgpu] [--match=TEXT]
 *       the model's error: another grid of sizes (views included; --match: only the cases whose JSON
 *       contains TEXT, e.g. --match=cresnet), stated vs measured seconds,
 *       printed as ratios measured/at-most (≤ 1: the run finished within the time the model
 *       promises) and measured/expected. `npm run bench` includes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import type { SimBackend } from '../src/backends/types.ts';
import {
  costProfile,
  explicitFeatures,
  gramFeatures,
  type CostCalibration,
  type CostContext,
  type CostProfile,
  type ExplicitConstants,
  type GramConstants,
  type ProfileCalibration,
  type SimSize,
} from '../src/core/cost.ts';
import { CALIBRATION } from '../src/core/costCalibration.ts';
import { DEFAULT_SPEC, type Method, type Spec } from '../src/core/spec.ts';
import { costContext, estimateRun, planSpec, theorySeconds } from '../src/experiments/plan.ts';
import { runSpec } from '../src/experiments/runSpec.ts';
import { theoryBlock } from '../src/archs/theory.ts';
import { resolveSpec } from '../src/archs/index.ts';

type Case = Partial<Spec> & { n: number; L: number; M: number };

/**
 * Calibration grids: log-spaced sizes that separate the features — long n = 1 runs (per layer and
 * per network-layer), small-n runs of many networks (per network), wide runs (per row, per weight),
 * k > 2 (rowPair, weightInput), and every view's runner shape (views run several batches: per batch).
 * Each case's time is fitted against the sum of the features of all its batches (planSpec).
 */
const CALIBRATION_GRID: Record<'cpu' | 'gpu', Record<Method, Case[]>> = {
  cpu: {
    gram: [
      { n: 1, L: 10000, M: 200 },
      { n: 1, L: 1000, M: 2000 },
      { n: 1, L: 100, M: 20000 },
      { n: 1, L: 10, M: 100000 },
      { n: 2, L: 300, M: 3000 },
      { n: 4, L: 16, M: 30000 },
      { n: 4, L: 1000, M: 300 },
      { n: 8, L: 64, M: 3000 },
      { n: 16, L: 1000, M: 400 },
      { n: 16, L: 10000, M: 40 },
      { n: 64, L: 256, M: 600 },
      { n: 256, L: 64, M: 600 },
      { n: 1024, L: 64, M: 200 },
      { n: 4096, L: 16, M: 200 },
      { n: 4, L: 64, M: 5000, k: 8 },
      { n: 64, L: 256, M: 300, k: 4 },
      { n: 256, L: 64, M: 200, k: 8 },
      // φ that is not piecewise linear: a transcendental call per row and input
      { n: 256, L: 64, M: 300, act: 'tanh' },
      { n: 1024, L: 32, M: 100, act: 'erf' },
      { n: 4, L: 100, M: 3000, act: 'silu' },
      { n: 64, L: 256, M: 300, act: 'gelu', k: 4 },
      // the runners' shapes: many batches per run
      { n: 4, L: 16, M: 2000, view: 'regime', arch: 'resnet', sw2: 1 },
      { n: 4, L: 64, M: 3000, view: 'regime', arch: 'resnet', sw2: 1 },
      { n: 64, L: 8, M: 1000, view: 'width', nmin: 8, nmax: 256 },
      { n: 64, L: 5, M: 200, view: 'width', nmin: 4, nmax: 1024, act: 'tanh', sw2: 1.5, sb2: 0.05 },
      { n: 64, L: 16, M: 20, view: 'commute', nmin: 4, nmax: 64, Lmin: 1, Lmax: 64 },
      { n: 64, L: 16, M: 100, view: 'commute', nmin: 4, nmax: 256, Lmin: 1, Lmax: 64 },
      { n: 64, L: 64, M: 300, view: 'contrast', cp: 0, cm: -1 },
      { n: 128, L: 64, M: 300, view: 'sde', arch: 'shaped', cp: 0, cm: -1, sw2: 1, nmin: 8, nmax: 128 },
      { n: 8, L: 8, M: 8000, view: 'finite', sb2: 0.1, rho0: 0, nmin: 4, nmax: 32 },
    ],
    explicit: [
      { n: 1, L: 1000, M: 100 },
      { n: 1, L: 100, M: 1000 },
      { n: 1, L: 3000, M: 300 },
      { n: 1, L: 10, M: 20000 },
      { n: 2, L: 300, M: 1000 },
      { n: 4, L: 100, M: 2000 },
      { n: 16, L: 8, M: 1000 },
      { n: 32, L: 64, M: 300 },
      { n: 64, L: 64, M: 60 },
      { n: 256, L: 8, M: 40 },
      { n: 512, L: 4, M: 20 },
      { n: 256, L: 8, M: 20, k: 8 },
      { n: 32, L: 64, M: 100, act: 'identity', sw2: 1, weights: 'orthogonal' },
      { n: 128, L: 16, M: 20, weights: 'orthogonal' },
      { n: 8, L: 64, M: 300, weights: 'orthogonal', act: 'tanh' },
      // controlled ResNets (issue 16): priced as the dense chain of equal work (archs/cresnet/cost.ts)
      { arch: 'cresnet', n: 128, L: 32, M: 30, act: 'erf', paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
      { arch: 'cresnet', n: 64, L: 64, M: 30, act: 'relu', share: false, paths: 'sine:1,0,0.8_line:1,0.5' },
      { arch: 'cresnet', n: 256, L: 8, M: 10, act: 'identity', pdim: 3, k: 3, paths: 'line:1,0,0_line:0,1,0_line:0,0,1' },
    ],
  },
  gpu: {
    gram: [
      { n: 16, L: 100, M: 20 },
      { n: 16, L: 400, M: 20 },
      { n: 16, L: 100, M: 100 },
      { n: 1, L: 50, M: 400 },
      { n: 1, L: 1000, M: 10 },
      { n: 16, L: 1000, M: 2 },
      { n: 1024, L: 16, M: 20 },
      { n: 4096, L: 8, M: 10 },
      { n: 256, L: 16, M: 20, k: 8 },
      { n: 4, L: 16, M: 200, view: 'regime', arch: 'resnet', sw2: 1 },
      { n: 64, L: 8, M: 6, view: 'width', nmin: 8, nmax: 256 },
    ],
    explicit: [
      { n: 16, L: 100, M: 4 },
      { n: 64, L: 64, M: 4 },
      { n: 256, L: 4, M: 4 },
      { n: 1024, L: 2, M: 2 },
      { n: 128, L: 16, M: 1 },
      { n: 256, L: 4, M: 4, k: 8 },
      // controlled ResNets on WebGPU (archs/cresnet/gpu.ts: L·d dense layers of draws, shared or not)
      { arch: 'cresnet', n: 64, L: 16, M: 4, act: 'erf', paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
      { arch: 'cresnet', n: 128, L: 8, M: 4, act: 'relu', share: false, paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
    ],
  },
};

/** The error grid: other sizes, other activations and views, and scaled-down versions of issue 20's inputs. */
function errorGrid(gpu: boolean, quick: boolean): Case[] {
  const s = gpu ? 0.1 : 1;
  const r = (x: number) => Math.max(1, Math.round(x * s));
  const all: Case[] = [
    { n: 1, L: 10000, M: r(50) }, // M=100000&L=10000&n=1, scaled down
    { n: 16, L: r(2000), M: 20 }, // act=relu&L=10000&M=20&n=16
    { n: 512, L: 32, M: r(100) },
    { n: 2048, L: 20, M: r(20), act: 'tanh' },
    { n: 128, L: 50, M: r(200), act: 'tanh', ntk: true },
    { n: 64, L: 100, M: r(100), arch: 'resnet' },
    { n: 32, L: 64, M: r(50), arch: 'shaped', k: 4 },
    { n: 128, L: 16, M: r(8), method: 'explicit' },
    { n: 64, L: 8, M: r(60), view: 'width', nmin: 8, nmax: 256 },
    { n: 64, L: 16, M: r(20), view: 'commute', nmin: 4, nmax: 64, Lmin: 1, Lmax: 64 },
    { n: 64, L: 64, M: r(40), view: 'contrast' },
    { n: 64, L: 1, M: 0, view: 'phase', grid: 41 },
    { n: 4, L: 16, M: r(2000), view: 'regime', arch: 'resnet', sw2: 1 }, // 2.9 s for a stated 1.8 s before
    { n: 1, L: 3000, M: r(300), method: 'explicit' },
    { n: 32, L: 1000, M: r(10), arch: 'resnet', alpha: 0.5, act: 'softplus' },
    { n: 16, L: 32, M: r(300), view: 'finite', nmin: 4, nmax: 64, sb2: 0.1, rho0: 0 },
    { n: 64, L: 64, M: r(300), view: 'sde', arch: 'shaped', cp: 0, cm: -1, sw2: 1, nmin: 8, nmax: 64 },
    // controlled ResNets (issue 16 §3): the PDE's theory alone (erf at refine 3: 8× over before;
    // tanh at refine 1: 2–3× under), a larger quadrature grid, fresh weights (the ODE), networks
    // shared and fresh, and the signature view (its CPU loops and its own solves)
    { arch: 'cresnet', n: 64, L: 20, M: 0, act: 'erf', refine: 3, paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
    { arch: 'cresnet', n: 64, L: 20, M: 0, act: 'tanh', refine: 1, paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
    { arch: 'cresnet', n: 64, L: 20, M: 0, act: 'tanh', refine: 3, paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
    { arch: 'cresnet', n: 64, L: 100, M: 0, act: 'softplus', share: false, refine: 1, paths: 'sine:1,0,0.8_line:1,0.5' },
    { arch: 'cresnet', n: 128, L: 32, M: r(40), act: 'erf', paths: 'sine:1,0,0.8_line:1,0.5' },
    { arch: 'cresnet', n: 64, L: 64, M: r(40), act: 'relu', share: false, paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
    { arch: 'cresnet', n: 32, L: 8, M: r(20), act: 'erf', view: 'signature', nmin: 8, nmax: 64, Lmin: 4, Lmax: 32, paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0' },
  ];
  return quick ? all.filter((_, i) => i % 3 === 0) : all;
}

interface Timing {
  /** Wall-clock seconds. */
  readonly wall: number;
  /**
   * Seconds of CPU time of this process (user + system, every thread): what the run costs with a
   * core to itself. On a machine shared with other work the wall time exceeds it by about
   * load/cores; the CPU time does not, so the fit uses it (stated in costCalibration.ts).
   */
  readonly cpu: number;
}

async function timeRun(backend: SimBackend, spec: Spec): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runSpec(spec, { backend });
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The median CPU and wall seconds of `repeats` runs, and every repeat for the report. */
async function timeRunMedian(backend: SimBackend, spec: Spec, repeats: number): Promise<{ cpu: number; wall: number; all: Timing[] }> {
  const all: Timing[] = [];
  for (let r = 0; r < repeats; r++) all.push(await timeRun(backend, spec));
  return { cpu: median(all.map((t) => t.cpu)), wall: median(all.map((t) => t.wall)), all };
}

function specOf(c: Case, method: Method, backendName: 'cpu' | 'webgpu'): Spec {
  return { ...DEFAULT_SPEC, act: 'relu', k: 2, method, backend: backendName, ...c } as Spec;
}

/** Non-negative least squares by cyclic coordinate descent: min ‖A x − b‖², x ≥ 0. */
export function nnls(A: number[][], b: number[], iterations = 20000): number[] {
  const m = A.length;
  const p = A[0].length;
  const x = new Array<number>(p).fill(0);
  const r = [...b];
  const colNorm = Array.from({ length: p }, (_, j) => A.reduce((s, row) => s + row[j] * row[j], 0));
  for (let it = 0; it < iterations; it++) {
    let change = 0;
    for (let j = 0; j < p; j++) {
      if (colNorm[j] === 0) continue;
      let g = 0;
      for (let i = 0; i < m; i++) g += A[i][j] * r[i];
      const next = Math.max(0, x[j] + g / colNorm[j]);
      const d = next - x[j];
      if (d !== 0) {
        for (let i = 0; i < m; i++) r[i] -= A[i][j] * d;
        x[j] = next;
        change = Math.max(change, Math.abs(d) / (Math.abs(next) + 1e-300));
      }
    }
    if (change < 1e-10) break;
  }
  return x;
}

interface Measured {
  /** The batches of one run (planSpec(spec).sizes): its features are their sum. */
  readonly sizes: readonly SimSize[];
  readonly ctx: CostContext;
  /** Median wall seconds of the run, less the theory's expected seconds. */
  readonly seconds: number;
  readonly label: string;
}

function summedFeatures<K extends string>(features: (s: SimSize, ctx: CostContext) => Record<K, number>, sizes: readonly SimSize[], ctx: CostContext): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const s of sizes) for (const [k, v] of Object.entries(features(s, ctx)) as [K, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * Fit one method's constants to measured seconds by non-negative least squares on relative error
 * (each row divided by its measured time: a 0.2 s run weighs as much as a 20 s one, which is the
 * least-squares fit of log time to first order), and report measured/expected on the grid.
 */
function fitMethod<K extends string>(features: (s: SimSize, ctx: CostContext) => Record<K, number>, data: Measured[]): { constants: Record<K, number>; worstRatio: number; ratios: { label: string; ratio: number }[] } {
  const names = Object.keys(features(data[0].sizes[0], data[0].ctx)) as K[];
  // Columns scaled to comparable magnitude (the features span 1 … 1e12).
  const raw = data.map((d) => {
    const f = summedFeatures(features, d.sizes, d.ctx);
    return names.map((k) => f[k] / d.seconds);
  });
  const scale = names.map((_, j) => Math.max(...raw.map((row) => row[j])) || 1);
  const A = raw.map((row) => row.map((v, j) => v / scale[j]));
  const x = nnls(A, data.map(() => 1)).map((v, j) => v / scale[j]);
  const constants = Object.fromEntries(names.map((k, j) => [k, Number(x[j].toPrecision(3))])) as Record<K, number>;
  const predict = (sizes: readonly SimSize[], ctx: CostContext) => {
    const f = summedFeatures(features, sizes, ctx);
    return names.reduce((sum, k) => sum + f[k] * constants[k], 0);
  };
  const ratios = data.map((d) => ({ label: d.label, ratio: Number((d.seconds / predict(d.sizes, d.ctx)).toPrecision(3)) }));
  const worstRatio = Number(Math.max(1, ...ratios.map((r) => r.ratio)).toPrecision(3));
  return { constants, worstRatio, ratios };
}

async function measureMethod(backend: SimBackend, method: Method, grid: Case[], repeats: number, calibration: CostCalibration): Promise<Measured[]> {
  const name = backend.info.name;
  await timeRun(backend, specOf({ n: 64, L: 8, M: 4 }, method, name)); // warm-up: JIT, pipelines
  const out: Measured[] = [];
  for (const c of grid) {
    const spec = specOf(c, method, name);
    const { cpu, wall, all } = await timeRunMedian(backend, spec, repeats);
    // The CPU backend: CPU time (what the run costs with a core to itself, robust to other work on
    // a shared machine). WebGPU: wall time, since waiting on the device (fences, map) is no CPU time.
    const seconds = name === 'cpu' ? cpu : wall;
    process.stderr.write(`calibrate ${name} ${method} ${JSON.stringify(c)}: CPU ${all.map((t) => t.cpu.toFixed(3)).join(', ')} s, wall ${all.map((t) => t.wall.toFixed(3)).join(', ')} s (load ${loadavg()[0].toFixed(1)})\n`);
    const m = measured(spec, method, c, seconds, calibration);
    if (m) out.push(m);
  }
  return out;
}

/**
 * One fitted row: the run's seconds less the theory's expected seconds. A run whose theory takes
 * over half of it (the three-limits view's ODE and profiles at small M) cannot tell its simulation
 * cost apart and is left out of the fit (said on stderr): its time, a difference of two similar
 * numbers, would weigh as if it were exact.
 */
function measured(spec: Spec, method: Method, c: Case, seconds: number, calibration: CostCalibration): Measured | undefined {
  const theory = theorySeconds(spec, calibration);
  if (theory > 0.5 * seconds) {
    process.stderr.write(`calibrate: ${method} ${JSON.stringify(c)} left out of the fit (theory ${theory.toFixed(3)} s of ${seconds.toFixed(3)} s)\n`);
    return undefined;
  }
  return { sizes: pricedSizes(spec), ctx: costContext(spec), seconds: seconds - theory, label: `${method} ${JSON.stringify(c)}` };
}

/**
 * The batches the estimate prices for this spec's backend (estimateRun): on WebGPU an architecture's
 * own kernel's sizes where they differ (gpuSizes: the controlled ResNet). Parts that run on the CPU
 * whatever the backend (cpuOnly) are fitted with the profile of the backend timed, as before.
 */
function pricedSizes(spec: Spec): SimSize[] {
  return planSpec(spec).parts.flatMap((p) => (spec.backend === 'webgpu' && !p.cpuOnly && p.gpuSizes ? p.gpuSizes : p.sizes));
}

/**
 * Re-fit from the stderr log of an earlier calibration (`--refit=FILE`): its lines
 * "calibrate <backend> <method> <case>: CPU a, b, c s, wall d, e, f s" give the medians again, so a
 * change of the model's features or of the theory's constants needs no new measurements.
 */
export function refitFromLog(text: string, backend: 'cpu' | 'webgpu', calibration: CostCalibration): Record<Method, Measured[]> {
  const out: Record<Method, Measured[]> = { gram: [], explicit: [] };
  const re = new RegExp(`^calibrate ${backend} (gram|explicit) (\\{.*\\}): CPU ([\\d., ]+) s, wall ([\\d., ]+) s`);
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (!m) continue;
    const method = m[1] as Method;
    const c = JSON.parse(m[2]) as Case;
    const times = (backend === 'cpu' ? m[3] : m[4]).split(',').map(Number);
    const row = measured(specOf(c, method, backend), method, c, median(times), calibration);
    if (row) out[method].push(row);
  }
  return out;
}

/** Seconds to start `threads` CLI worker threads: a run on the pool less the same run on one thread. */
async function measureThreadStart(): Promise<number> {
  const { createThreadedCpuBackend } = await import('../bin/threadPool.ts');
  const spec = specOf({ n: 16, L: 8, M: 8 }, 'gram', 'cpu');
  const one = createCpuBackend();
  // CPU time of every thread (each loads the engine): with at least one core, the wall time of
  // starting N threads is at most N × this.
  const base = (await timeRunMedian(one, spec, 3)).cpu;
  const starts: number[] = [];
  for (let r = 0; r < 3; r++) {
    const pool = createThreadedCpuBackend(2);
    starts.push(Math.max(0, (await timeRun(pool, spec)).cpu - base) / 2);
    pool.dispose();
  }
  starts.sort((a, b) => a - b);
  process.stderr.write(`calibrate thread start: ${starts.map((t) => t.toFixed(3)).join(', ')} s per thread\n`);
  return Number(starts[1].toPrecision(3));
}

async function calibrateTheory(): Promise<CostCalibration['theory']> {
  const cpuSeconds = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  const time = (spec: Spec, reps = 3) => {
    theoryBlock(spec);
    const ts: number[] = [];
    for (let i = 0; i < reps; i++) {
      const c0 = process.cpuUsage();
      theoryBlock(spec);
      ts.push(cpuSeconds(c0));
    }
    return median(ts);
  };
  // Per layer where the profile never reaches a fixed point in floating point (an MLP does, and then
  // reuses its last dual-kernel values: nngp.ts EntrywiseDual): a ResNet with α = 1/2, every
  // quadrature activation, the slowest counts.
  const L = 2000;
  const closedFormLayer = Math.max(...['relu', 'erf', 'gelu'].map((act) => time({ ...DEFAULT_SPEC, arch: 'resnet', alpha: 0.5, act, sw2: 2, sb2: 0.5, L }) / L));
  const quadratureLayer = Math.max(...['tanh', 'silu', 'softplus'].map((act) => time({ ...DEFAULT_SPEC, arch: 'resnet', alpha: 0.5, act, sw2: 2, sb2: 0.5, L }, 1) / L));
  const cpu = createCpuBackend();
  const phase: number[] = [];
  for (const act of ['tanh', 'erf', 'silu']) {
    const c0 = process.cpuUsage();
    await runSpec({ ...DEFAULT_SPEC, act, view: 'phase', M: 0, L: 1, grid: 41 }, { backend: cpu });
    phase.push(cpuSeconds(c0) / (41 * 41));
  }
  const phasePoint = Math.max(...phase);
  // Fixed costs: the ResNet ODE and the shaped Fokker–Planck solve (the largest first-call costs).
  let fixed = 0;
  for (const s of [{ arch: 'resnet', alpha: 0.5, act: 'tanh' }, { arch: 'resnet', alpha: 0.5, act: 'softplus' }, { arch: 'shaped' }] as Partial<Spec>[]) {
    const c1 = process.cpuUsage();
    await runSpec({ ...DEFAULT_SPEC, ...s, M: 0, L: 1 } as Spec, { backend: cpu });
    fixed = Math.max(fixed, cpuSeconds(c1));
  }
  // Per run: the smallest complete run (one network of width 1, one layer), median of 5.
  const runs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const c2 = process.cpuUsage();
    await runSpec({ ...DEFAULT_SPEC, act: 'relu', n: 1, L: 1, M: 1 }, { backend: cpu });
    if (i > 0) runs.push(cpuSeconds(c2));
  }
  const run = median(runs);
  const { closedFormEvaluation, quadratureEvaluation, stepwiseEvaluation } = await calibrateGridEvaluations(cpuSeconds);
  const r = (v: number) => Number(v.toPrecision(3));
  process.stderr.write(`calibrate theory: closed ${closedFormLayer}, quadrature ${quadratureLayer}, phase ${phasePoint}, fixed ${fixed}, run ${run}, grid evaluation closed ${closedFormEvaluation} quadrature ${JSON.stringify(quadratureEvaluation)} stepwise ${stepwiseEvaluation}\n`);
  return { closedFormLayer: r(closedFormLayer), quadratureLayer: r(quadratureLayer), phasePoint: r(phasePoint), fixed: r(fixed), run: r(run), closedFormEvaluation: r(closedFormEvaluation), quadratureEvaluation, stepwiseEvaluation: r(stepwiseEvaluation) };
}

/**
 * The controlled ResNet's path-kernel solves (PDE, ODE, width-∞ recursions; issue 16 §3): CPU seconds
 * of a theory-only run (M = 0) over its dual-kernel evaluations (archs/cresnet/cost.ts counts them,
 * cost.test.ts checks the count against the solvers' calls), the slowest per evaluation over the
 * cases: closedFormEvaluation from the shared (2-D sweep) cases with a closed-form φ; then
 * stepwiseEvaluation, the extra per evaluation of the fresh-weights cases (per-step recursions over
 * small Gram matrices); then, per quadrature family and over all of them (`default`), the median
 * ("about") and the slowest ("at most") of its cases (quadratureEvaluation). The cases vary the
 * paths (short L-shaped paths; longer ones scaled ×2, and a circle run twice: larger kernels, where
 * the sinh rule needs more nodes — the quadrature's cost per evaluation grows with the kernel, so
 * paths much longer than these may cost more than the constant), sharing and the refinement; each makes ≥ 10⁵ closed-form or ≥ 10³ quadrature
 * evaluations, so the run's fixed costs are small beside them.
 */
export const GRID_CASES: readonly { readonly acts: readonly string[]; readonly query: Partial<Spec> }[] = [
  { acts: ['relu', 'erf', 'gelu', 'identity', 'sin'], query: { paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0', refine: 6, L: 64 } },
  { acts: ['relu', 'erf', 'gelu', 'identity', 'sin'], query: { paths: 'pl:0,0,2,2,0,4_pl:0,0,2,0_line:1,-1', k: 3, refine: 5, L: 256 } },
  { acts: ['relu', 'erf', 'identity'], query: { paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0_line:1,-1', k: 3, share: false, refine: 8, L: 512 } },
  { acts: ['relu', 'erf', 'identity'], query: { paths: 'sine:2,0,0.8_line:1,0.5', share: false, refine: 6, L: 2048 } },
  { acts: ['tanh', 'silu', 'softplus'], query: { paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0', refine: 1, L: 8 } },
  { acts: ['tanh', 'silu', 'softplus'], query: { paths: 'pl:0,0,2,2,0,4_pl:0,0,2,0', refine: 1, L: 8 } },
  { acts: ['tanh', 'silu', 'softplus'], query: { paths: 'pl:0,0,1,1,0,2_pl:0,0,1,0_line:1,-1', k: 3, share: false, refine: 4, L: 64 } },
  // a circle run twice against a line, fresh weights: longer paths, larger kernels (the error grid's
  // softplus ODE case on a like path cost 1.4× the constant fitted without this case)
  { acts: ['tanh', 'silu', 'softplus'], query: { paths: 'sine:2,0.25,0.6_line:-1,0.5', share: false, refine: 1, L: 64 } },
];

async function calibrateGridEvaluations(cpuSeconds: (c0: NodeJS.CpuUsage) => number): Promise<{ closedFormEvaluation: number; quadratureEvaluation: Record<string, { typical: number; worst: number }>; stepwiseEvaluation: number }> {
  const { theoryEvaluationCounts } = await import('../src/archs/cresnet/cost.ts');
  const cpu = createCpuBackend();
  const rows: { closed: boolean; family: string; grid: number; stepwise: number; seconds: number }[] = [];
  for (const c of GRID_CASES) {
    for (const act of c.acts) {
      const spec = { ...DEFAULT_SPEC, arch: 'cresnet', M: 0, act, ...c.query } as Spec;
      const { grid, stepwise } = theoryEvaluationCounts(spec);
      const ts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const c0 = process.cpuUsage();
        await runSpec(spec, { backend: cpu });
        ts.push(cpuSeconds(c0));
      }
      const seconds = median(ts);
      const activation = resolveSpec(spec).activation;
      rows.push({ closed: activation.dual !== undefined, family: activation.family, grid, stepwise, seconds });
      process.stderr.write(`calibrate grid ${act} ${JSON.stringify(c.query)}: ${grid} + ${stepwise} stepwise evaluations, CPU ${ts.map((t) => t.toFixed(3)).join(', ')} s, ${(seconds / (grid + stepwise)).toExponential(2)} s each\n`);
    }
  }
  const max = (xs: number[]) => Math.max(0, ...xs);
  const closedFormEvaluation = max(rows.filter((r) => r.closed && r.stepwise === 0).map((r) => r.seconds / r.grid));
  const stepwiseEvaluation = max(rows.filter((r) => r.closed && r.stepwise > 0).map((r) => (r.seconds - (r.grid + r.stepwise) * closedFormEvaluation) / r.stepwise));
  // Quadrature, per family and for all together (`default`): the median for "about", the slowest
  // for "at most" (its cost per evaluation grows with the kernel).
  const perEval = (rs: typeof rows) => rs.map((r) => (r.seconds - r.stepwise * stepwiseEvaluation) / (r.grid + r.stepwise));
  const quad = rows.filter((r) => !r.closed);
  const quadratureEvaluation: Record<string, { typical: number; worst: number }> = {};
  for (const family of [...new Set(quad.map((r) => r.family)), 'default']) {
    const xs = perEval(family === 'default' ? quad : quad.filter((r) => r.family === family));
    quadratureEvaluation[family] = { typical: Number(median(xs).toPrecision(3)), worst: Number(max(xs).toPrecision(3)) };
  }
  return { closedFormEvaluation, quadratureEvaluation, stepwiseEvaluation };
}

function cpuSecondsSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}



async function webGpuBackend(): Promise<SimBackend | undefined> {
  try {
    const { nodeBackend } = await import('../bin/nodeBackend.ts');
    return await nodeBackend('webgpu');
  } catch (e) {
    process.stderr.write(`cost model: no WebGPU (${(e as Error).message})\n`);
    return undefined;
  }
}

function formatCalibration(c: CostCalibration): string {
  const obj = (o: object): string => `{ ${Object.entries(o).map(([k, v]) => `${k}: ${v !== null && typeof v === 'object' ? obj(v) : v}`).join(', ')} }`;
  const profile = (p: ProfileCalibration) => `{\n      measured: ${p.measured},\n      gram: ${obj(p.gram)},\n      explicit: ${obj(p.explicit)},\n      worstRatio: ${p.worstRatio},\n    }`;
  return `export const CALIBRATION: CostCalibration = {
  measuredOn: ${JSON.stringify(c.measuredOn)},
  headroom: ${c.headroom},
  threadStart: ${c.threadStart},
  profiles: {
${Object.entries(c.profiles).map(([k, p]) => `    ${JSON.stringify(k)}: ${profile(p)},`).join('\n').replace(/"cpu"/, 'cpu')}
  },
  theory: ${obj(c.theory)},
};`;
}

export async function calibrate(options: { webgpu: boolean; cpu: boolean; write: boolean; repeats: number; refit?: string }): Promise<object> {
  const profiles: Record<CostProfile, ProfileCalibration> = { ...CALIBRATION.profiles };
  const report: Record<string, unknown> = {};
  const loadStart = loadavg()[0];
  // The theory first: each simulation's time is its run's time less the theory's expected time.
  const measure = options.refit === undefined;
  const theory = options.cpu && measure ? await calibrateTheory() : CALIBRATION.theory;
  const threadStart = options.cpu && measure ? await measureThreadStart() : CALIBRATION.threadStart;
  const withTheory: CostCalibration = { ...CALIBRATION, theory };
  const backends: SimBackend[] = options.cpu ? [createCpuBackend()] : [];
  if (options.webgpu) {
    const gpu = await webGpuBackend();
    if (gpu) backends.push(gpu);
  }
  if (options.refit) {
    // No measurements: the log's medians, fitted again (the theory constants stay as they are).
    const text = readFileSync(options.refit, 'utf8');
    for (const name of ['cpu', 'webgpu'] as const) {
      const rows = refitFromLog(text, name, CALIBRATION);
      if (rows.gram.length === 0) continue;
      const profile: CostProfile = name === 'cpu' ? 'cpu' : 'webgpu-software';
      const gram = fitMethod<keyof GramConstants>(gramFeatures, rows.gram);
      const explicit = fitMethod<keyof ExplicitConstants>(explicitFeatures, rows.explicit);
      profiles[profile] = { measured: true, gram: gram.constants, explicit: explicit.constants, worstRatio: Math.max(gram.worstRatio, explicit.worstRatio) };
      report[profile] = { refitFrom: options.refit, gram: gram.ratios, explicit: explicit.ratios, gramWorstRatio: gram.worstRatio, explicitWorstRatio: explicit.worstRatio };
    }
  }
  for (const backend of backends) {
    const profile = costProfile(backend.info);
    const grid = CALIBRATION_GRID[profile === 'cpu' ? 'cpu' : 'gpu'];
    const gram = fitMethod<keyof GramConstants>(gramFeatures, await measureMethod(backend, 'gram', grid.gram, options.repeats, withTheory));
    const explicit = fitMethod<keyof ExplicitConstants>(explicitFeatures, await measureMethod(backend, 'explicit', grid.explicit, options.repeats, withTheory));
    profiles[profile] = { measured: true, gram: gram.constants, explicit: explicit.constants, worstRatio: Math.max(gram.worstRatio, explicit.worstRatio) };
    report[profile] = { adapter: backend.info.adapter, gram: gram.ratios, explicit: explicit.ratios, gramWorstRatio: gram.worstRatio, explicitWorstRatio: explicit.worstRatio };
    backend.dispose();
  }
  const loadEnd = loadavg()[0];
  const calibration: CostCalibration = {
    headroom: CALIBRATION.headroom,
    threadStart,
    measuredOn: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadStart.toFixed(1)} → ${loadEnd.toFixed(1)}, median of ${options.repeats}, Node ${process.version}; WebGPU: ${String((report['webgpu-software'] as { adapter?: string } | undefined)?.adapter ?? (report['webgpu-hardware'] as { adapter?: string } | undefined)?.adapter ?? 'not measured in this run')}`,
    profiles,
    theory,
  };
  const block = formatCalibration(calibration);
  process.stdout.write(`${block}\n`);
  if (options.write) {
    const file = new URL('../src/core/costCalibration.ts', import.meta.url);
    const text = readFileSync(file, 'utf8');
    const next = text.replace(/(\/\/ BEGIN CALIBRATION[^\n]*\n)[\s\S]*(\/\/ END CALIBRATION)/, `$1${block}\n$2`);
    writeFileSync(file, next);
    process.stderr.write('cost model: wrote src/core/costCalibration.ts\n');
  }
  return { calibration, fit: report };
}

/** Predicted vs measured seconds on the error grid, per backend: ratios measured/predicted. */
export async function costModelError(options: { webgpu: boolean; quick: boolean; match?: string }): Promise<object> {
  const backends: SimBackend[] = [createCpuBackend()];
  if (options.webgpu) {
    const gpu = await webGpuBackend();
    if (gpu) backends.push(gpu);
  }
  const out: Record<string, unknown> = {};
  for (const backend of backends) {
    const profile = costProfile(backend.info);
    await timeRun(backend, specOf({ n: 64, L: 8, M: 4 }, 'gram', backend.info.name));
    await timeRun(backend, specOf({ n: 64, L: 8, M: 4 }, 'explicit', backend.info.name));
    const rows: { ratio: number; ratioCpu: number; ratioCpuSlowest: number; ratioExpected: number; ratioCpuExpected: number }[] = [];
    for (const c of errorGrid(profile !== 'cpu', options.quick).filter((c) => options.match === undefined || JSON.stringify(c).includes(options.match))) {
      const spec = specOf(c, c.method ?? 'gram', backend.info.name);
      const e = estimateRun(spec, backend.info);
      // Median of 3 (single runs of 0.05 s swing by 2× on a shared machine); the slowest repeat too.
      const t = await timeRunMedian(backend, spec, 3);
      const slowestCpu = Math.max(...t.all.map((x) => x.cpu));
      const p3 = (x: number) => Number(x.toPrecision(3));
      const row = { case: c, expectedSeconds: p3(e.seconds), atMostSeconds: p3(e.maxSeconds), wallSeconds: p3(t.wall), cpuSeconds: p3(t.cpu), ratio: p3(t.wall / e.maxSeconds), ratioCpu: p3(t.cpu / e.maxSeconds), ratioCpuSlowest: p3(slowestCpu / e.maxSeconds), ratioExpected: p3(t.wall / e.seconds), ratioCpuExpected: p3(t.cpu / e.seconds), load: Number(loadavg()[0].toFixed(1)) };
      rows.push(row);
      process.stderr.write(`cost model ${profile} ${JSON.stringify(c)}: expected ${e.seconds.toFixed(2)} s, at most ${e.maxSeconds.toFixed(2)} s; wall ${t.wall.toFixed(2)} s (${row.ratio} of at most), CPU ${t.cpu.toFixed(2)} s (${row.ratioCpu}; slowest repeat ${row.ratioCpuSlowest}) (load ${row.load})\n`);
    }
    const ratios = rows.map((r) => r.ratio);
    out[profile] = {
      adapter: backend.info.adapter,
      calibrated: CALIBRATION.profiles[profile].measured,
      cases: rows,
      maxRatio: Math.max(...ratios),
      minRatio: Math.min(...ratios),
      maxRatioCpu: Math.max(...rows.map((r) => r.ratioCpu)),
      maxRatioCpuSlowest: Math.max(...rows.map((r) => r.ratioCpuSlowest)),
      maxRatioExpected: Math.max(...rows.map((r) => r.ratioExpected)),
      maxRatioCpuExpected: Math.max(...rows.map((r) => r.ratioCpuExpected)),
      minRatioCpuExpected: Math.min(...rows.map((r) => r.ratioCpuExpected)),
      note: 'ratio = wall / at-most seconds (≤ 1: the run finished within the time the model states; on a shared machine wall exceeds CPU by about load/cores); ratioCpu = CPU time / at most (the same run with a core to itself); …Expected: over the expected time',
    };
    backend.dispose();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = new Set(process.argv.slice(2));
  const webgpu = !args.has('--no-webgpu');
  const repeats = Number(process.argv.find((a) => a.startsWith('--repeats='))?.slice(10) ?? 3);
  if (args.has('--grid-only')) {
    // Only the grid solves' per-evaluation seconds (theory.closedFormEvaluation / quadratureEvaluation).
    process.stdout.write(`${JSON.stringify(await calibrateGridEvaluations(cpuSecondsSince))}\n`);
    process.exit(0);
  }
  const result = args.has('--calibrate')
    ? await calibrate({ webgpu, cpu: !args.has('--no-cpu'), write: args.has('--write'), repeats, refit: process.argv.find((a) => a.startsWith('--refit='))?.slice(8) })
    : await costModelError({ webgpu, quick: args.has('--quick'), match: process.argv.find((a) => a.startsWith('--match='))?.slice(8) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
