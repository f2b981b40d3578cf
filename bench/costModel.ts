/**
 * The run-time model's calibration and error (issue 20 §2; model: src/core/cost.ts, constants:
 * src/core/costCalibration.ts).
 *
 *   node bin/run-ts.mjs bench/costModel.ts --calibrate [--write] [--no-webgpu]
 *       times complete runs (runSpec, depth view, relu) on a grid of sizes per backend profile
 *       (cpu; WebGPU through Dawn: SwiftShader when there is no GPU, else the hardware adapter),
 *       fits each method's constants by non-negative least squares on relative error, scales them
 *       up by the largest measured/predicted ratio (an upper estimate on the grid), and prints the
 *       CALIBRATION block; --write puts it into costCalibration.ts. `npm run bench:calibrate`.
 *   node bin/run-ts.mjs bench/costModel.ts [--quick] [--no-webgpu]
 *       the model's error: another grid of sizes (views included), predicted vs measured seconds,
 *       printed as ratios measured/predicted (≤ 1: the run finished within the stated time).
 *       `npm run bench` includes it.
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
  type CostProfile,
  type ExplicitConstants,
  type GramConstants,
  type ProfileCalibration,
  type SimSize,
} from '../src/core/cost.ts';
import { CALIBRATION } from '../src/core/costCalibration.ts';
import { DEFAULT_SPEC, type Method, type Spec } from '../src/core/spec.ts';
import { estimateRun, planSpec, theorySeconds } from '../src/experiments/plan.ts';
import { runSpec } from '../src/experiments/runSpec.ts';
import { theoryBlock } from '../src/archs/theory.ts';

type Case = Partial<Spec> & { n: number; L: number; M: number };

/** Calibration grids: sizes that separate the features (n = 1 isolates the per-layer terms). */
const CALIBRATION_GRID: Record<'cpu' | 'gpu', Record<Method, Case[]>> = {
  cpu: {
    gram: [
      { n: 1, L: 1000, M: 300 },
      { n: 1, L: 10, M: 20000 },
      { n: 16, L: 1000, M: 30 },
      { n: 16, L: 10000, M: 3 },
      { n: 256, L: 64, M: 40 },
      { n: 1024, L: 64, M: 20 },
      { n: 4096, L: 16, M: 10 },
      { n: 256, L: 64, M: 20, k: 8 },
      { n: 64, L: 256, M: 30, k: 4 },
    ],
    explicit: [
      { n: 1, L: 1000, M: 20 },
      { n: 16, L: 8, M: 40 },
      { n: 64, L: 64, M: 4 },
      { n: 256, L: 8, M: 4 },
      { n: 512, L: 4, M: 2 },
      { n: 256, L: 8, M: 2, k: 8 },
    ],
  },
  gpu: {
    gram: [
      { n: 16, L: 100, M: 20 },
      { n: 16, L: 400, M: 20 },
      { n: 16, L: 100, M: 100 },
      { n: 1, L: 50, M: 400 },
      { n: 16, L: 1000, M: 2 },
      { n: 1024, L: 16, M: 20 },
      { n: 4096, L: 8, M: 10 },
      { n: 256, L: 16, M: 20, k: 8 },
    ],
    explicit: [
      { n: 16, L: 100, M: 4 },
      { n: 64, L: 64, M: 4 },
      { n: 256, L: 4, M: 4 },
      { n: 1024, L: 2, M: 2 },
      { n: 256, L: 4, M: 4, k: 8 },
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
  ];
  return quick ? all.filter((_, i) => i % 3 === 0) : all;
}

async function timeRun(backend: SimBackend, spec: Spec): Promise<number> {
  const t0 = performance.now();
  await runSpec(spec, { backend });
  return (performance.now() - t0) / 1000;
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
  readonly size: SimSize;
  readonly seconds: number;
}

/** Fit one method's constants to measured simulation seconds (relative error), then make them an upper estimate. */
function fitMethod<K extends string>(features: (s: SimSize) => Record<K, number>, data: Measured[]): { constants: Record<K, number>; worstRatio: number; ratios: number[] } {
  const names = Object.keys(features(data[0].size)) as K[];
  // Columns scaled to comparable magnitude (the features span 1 … 1e12).
  const raw = data.map((d) => names.map((k) => features(d.size)[k] / d.seconds));
  const scale = names.map((_, j) => Math.max(...raw.map((row) => row[j])) || 1);
  const A = raw.map((row) => row.map((v, j) => v / scale[j]));
  const x = nnls(A, data.map(() => 1)).map((v, j) => v / scale[j]);
  const predict = (s: SimSize) => names.reduce((sum, k, j) => sum + features(s)[k] * x[j], 0);
  const ratios = data.map((d) => d.seconds / predict(d.size));
  const worstRatio = Math.max(1, ...ratios);
  const constants = Object.fromEntries(names.map((k, j) => [k, Number((x[j] * worstRatio).toPrecision(3))])) as Record<K, number>;
  return { constants, worstRatio, ratios };
}

async function measureMethod(backend: SimBackend, method: Method, grid: Case[]): Promise<Measured[]> {
  const name = backend.info.name;
  await timeRun(backend, specOf({ n: 64, L: 8, M: 4 }, method, name)); // warm-up: JIT, pipelines
  const out: Measured[] = [];
  for (const c of grid) {
    const spec = specOf(c, method, name);
    const seconds = await timeRun(backend, spec);
    const simulation = Math.max(1e-4, seconds - theorySeconds(spec));
    for (const size of planSpec(spec).sizes) out.push({ size, seconds: simulation });
    process.stderr.write(`calibrate ${name} ${method} ${JSON.stringify(c)}: ${seconds.toFixed(3)} s\n`);
  }
  return out;
}

async function calibrateTheory(): Promise<CostCalibration['theory']> {
  const time = (spec: Spec, reps = 3) => {
    theoryBlock(spec);
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) theoryBlock(spec);
    return (performance.now() - t0) / 1000 / reps;
  };
  const L = 10000;
  const closedFormLayer = time({ ...DEFAULT_SPEC, act: 'relu', L, ntk: false }) / L;
  const quadratureLayer = time({ ...DEFAULT_SPEC, act: 'tanh', sw2: 1.5, L, ntk: false }) / L;
  const cpu = createCpuBackend();
  const t0 = performance.now();
  await runSpec({ ...DEFAULT_SPEC, view: 'phase', M: 0, L: 1, grid: 41 }, { backend: cpu });
  const phasePoint = (performance.now() - t0) / 1000 / (41 * 41);
  // Fixed costs: the ResNet ODE and the shaped Fokker–Planck solve (the largest first-call costs).
  let fixed = 0;
  for (const s of [{ arch: 'resnet', alpha: 0.5, act: 'tanh' }, { arch: 'shaped' }] as Partial<Spec>[]) {
    const t1 = performance.now();
    await runSpec({ ...DEFAULT_SPEC, ...s, M: 0, L: 1 } as Spec, { backend: cpu });
    fixed = Math.max(fixed, (performance.now() - t1) / 1000);
  }
  const up = (v: number) => Number((2 * v).toPrecision(3)); // ×2: theory timings vary with the machine's load
  return { closedFormLayer: up(closedFormLayer), quadratureLayer: up(quadratureLayer), phasePoint: up(phasePoint), fixed: up(fixed) };
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
  const obj = (o: object) => `{ ${Object.entries(o).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  const profile = (p: ProfileCalibration) => `{\n      measured: ${p.measured},\n      gram: ${obj(p.gram)},\n      explicit: ${obj(p.explicit)},\n    }`;
  return `export const CALIBRATION: CostCalibration = {
  measuredOn: ${JSON.stringify(c.measuredOn)},
  headroom: ${c.headroom},
  profiles: {
${Object.entries(c.profiles).map(([k, p]) => `    ${JSON.stringify(k)}: ${profile(p)},`).join('\n').replace(/"cpu"/, 'cpu')}
  },
  theory: ${obj(c.theory)},
};`;
}

export async function calibrate(options: { webgpu: boolean; write: boolean }): Promise<object> {
  const profiles: Record<CostProfile, ProfileCalibration> = { ...CALIBRATION.profiles };
  const report: Record<string, unknown> = {};
  const backends: SimBackend[] = [createCpuBackend()];
  if (options.webgpu) {
    const gpu = await webGpuBackend();
    if (gpu) backends.push(gpu);
  }
  for (const backend of backends) {
    const profile = costProfile(backend.info);
    const grid = CALIBRATION_GRID[profile === 'cpu' ? 'cpu' : 'gpu'];
    const gram = fitMethod<keyof GramConstants>(gramFeatures, await measureMethod(backend, 'gram', grid.gram));
    const explicit = fitMethod<keyof ExplicitConstants>(explicitFeatures, await measureMethod(backend, 'explicit', grid.explicit));
    profiles[profile] = { measured: true, gram: gram.constants, explicit: explicit.constants };
    report[profile] = { adapter: backend.info.adapter, gramWorstRatio: gram.worstRatio, explicitWorstRatio: explicit.worstRatio };
    backend.dispose();
  }
  const calibration: CostCalibration = {
    headroom: CALIBRATION.headroom,
    measuredOn: `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)}, Node ${process.version}; WebGPU: ${String((report['webgpu-software'] as { adapter?: string } | undefined)?.adapter ?? (report['webgpu-hardware'] as { adapter?: string } | undefined)?.adapter ?? 'not measured')}`,
    profiles,
    theory: await calibrateTheory(),
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
export async function costModelError(options: { webgpu: boolean; quick: boolean }): Promise<object> {
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
    const rows: object[] = [];
    for (const c of errorGrid(profile !== 'cpu', options.quick)) {
      const spec = specOf(c, c.method ?? 'gram', backend.info.name);
      const predicted = estimateRun(spec, backend.info).seconds;
      const measured = await timeRun(backend, spec);
      rows.push({ case: c, predictedSeconds: Number(predicted.toPrecision(3)), measuredSeconds: Number(measured.toPrecision(3)), ratio: Number((measured / predicted).toPrecision(3)) });
      process.stderr.write(`cost model ${profile} ${JSON.stringify(c)}: predicted ${predicted.toFixed(2)} s, measured ${measured.toFixed(2)} s, ratio ${(measured / predicted).toFixed(2)}\n`);
    }
    const ratios = rows.map((r) => (r as { ratio: number }).ratio);
    out[profile] = {
      adapter: backend.info.adapter,
      calibrated: CALIBRATION.profiles[profile].measured,
      cases: rows,
      maxRatio: Math.max(...ratios),
      minRatio: Math.min(...ratios),
      note: 'ratio = measured / predicted seconds; ≤ 1 means the run finished within the time the model states',
    };
    backend.dispose();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = new Set(process.argv.slice(2));
  const webgpu = !args.has('--no-webgpu');
  const result = args.has('--calibrate')
    ? await calibrate({ webgpu, write: args.has('--write') })
    : await costModelError({ webgpu, quick: args.has('--quick') });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
