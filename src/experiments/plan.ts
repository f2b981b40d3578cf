/**
 * Before running: estimate the work, memory and wall-clock time of a spec, and refuse, with the
 * estimate and the keys that drive it, what would take too long or too much memory on the chosen
 * backend (issue 20 §2). `estimateRunSeconds` is the one estimate the CLI, the Worker and the page
 * (ask before a long run) share; its constants live in core/costCalibration.ts.
 */
import { resolveSpec } from '../archs/index.ts';
import { archOf } from '../archs/index.ts';
import {
  costProfile,
  explicitFeatures,
  formatEstimate,
  formatOps,
  formatSeconds,
  MEMORY_BUDGET_BYTES,
  profileCalibration,
  simulationBytes,
  simulationOps,
  simulationSeconds,
  type CostBackend,
  type CostCalibration,
  type CostContext,
  type CostProfile,
  type ProfileCalibration,
  type SimSize,
} from '../core/cost.ts';
import { CALIBRATION } from '../core/costCalibration.ts';
import { formatNumber } from '../core/params.ts';
import { PARAM_BY_KEY, type Method, type Spec, type SpecIssue } from '../core/spec.ts';
import { parseCurve } from '../geometry/curveSpec.ts';
import { curveUnsupported } from '../geometry/meanField.ts';
import { CURVE_GPU_COLUMNS, curveGpuUnsupported } from '../geometry/curveGpuSupport.ts';
import { recordedLayers } from './monteCarlo.ts';
import { samplesDepthNetworks, viewRunner } from './viewRunners.ts';

/** A group of simulations and the keys whose values set their size (named in a refusal). */
export interface PlanPart {
  /** What it is, in a sentence: "the depth profile's networks", "the commutation map's cells". */
  readonly label: string;
  readonly keys: readonly string[];
  readonly sizes: readonly SimSize[];
  /** Runs on the CPU whatever the backend (an architecture without GPU kernels; the curve's gram sampler). */
  readonly cpuOnly?: boolean;
  /** Multiplies the calibrated seconds (CURVE_JS_FACTOR). */
  readonly factor?: number;
  /** Seconds on the CPU besides its sizes' (ViewRunner.cpuSeconds: the training views). */
  readonly cpuSeconds?: number;
  /** The spread of cpuSeconds' own fit (ViewRunner.cpuWorstRatio), for the upper bound. */
  readonly cpuWorstRatio?: number;
  /**
   * The sizes to price on a WebGPU profile when the architecture's WebGPU kernel does other work
   * than its CPU network (ArchModule.cost.gpuNetworkSize); absent: `sizes`.
   */
  readonly gpuSizes?: readonly SimSize[];
  /** The curve's networks on their own WebGPU kernel (priced by curveGpuSeconds). */
  readonly curveGpu?: boolean;
  /** Points of the curve whose k × k kernel's eigenvalues (numerical rank) the CPU computes per network and layer (curveRankSeconds). */
  readonly rankPoints?: number;
}

/**
 * The curve's numerical rank (geometry/numericalRank.ts): Householder + QL on each k × k kernel, about
 * (4/3)k³ multiply-adds per network and layer, on the CPU whatever the backend. Priced with the CPU's
 * gram rowPair constant (one multiply-add of a JavaScript loop: 2.2 ns measured against 2.4 ns per
 * (4/3)k³ at k = 256–512 on the shared machine at load 18 — the same order, to be re-fitted quietly).
 */
function curveRankSeconds(spec: Spec, k: number, cpu: ProfileCalibration): number {
  return spec.M * spec.L * (4 / 3) * k ** 3 * (cpu.gram.rowPair ?? 0);
}

/**
 * The curve chain (geometry/curveNetwork.ts) runs in JavaScript while the CPU constants are fitted to
 * the WebAssembly kernels; yet its fused gram rows (2k columns) come out near the CPU gram estimate:
 * tanh, k = 8 (16 columns), n = 1024, L = 16, M = 100 is estimated at 4.9 s and took 4.5 s on the
 * shared machine at load 10+ (a timing that only shows the order of magnitude: to be re-fitted with
 * npm run bench:calibrate on a quiet machine). Factor 1 until then.
 */
export const CURVE_JS_FACTOR = 1;

/** The curve's M networks as one simulation size of the given method: 2k columns (points and tangents), every layer recorded. */
function curveSize(spec: Spec, k: number, method: Method): SimSize {
  return { method, n: spec.n, L: spec.L, k: 2 * k, M: spec.M, recorded: spec.L };
}

/**
 * Seconds of the curve's explicit networks on the WebGPU kernel (geometry/curveGpu.ts): the dense
 * explicit layer's price with 2k columns, plus its weight redraws — a workgroup covers
 * CURVE_GPU_COLUMNS = 256 columns and draws its rows' weights, so every weight is drawn ⌈2k/256⌉ times.
 */
function curveGpuSeconds(size: SimSize, constants: ProfileCalibration, ctx: CostContext): number {
  const redraws = Math.ceil(size.k / CURVE_GPU_COLUMNS);
  return simulationSeconds(size, constants, ctx) + (redraws - 1) * explicitFeatures(size, ctx).weight * (constants.explicit.weight ?? 0);
}

/** The curve networks' sampler, where they run, why, and (curvemethod=auto) what each method would cost. */
export interface CurveSampler {
  readonly method: Method;
  readonly engine: 'cpu' | 'webgpu';
  /** A sentence: which sampler and why (the geometry block's methodReason). */
  readonly reason: string;
  /** Estimated seconds of the curve's networks with each method on this backend (curvemethod=auto). */
  readonly seconds?: { readonly gram: number; readonly explicit: number };
}

/**
 * Which sampler the curve's networks use (issue 18 §1: gram costs O(n (2k)² L), explicit O(n² 2k L)):
 * curvemethod=method follows the method key (as links did before the key existed), gram/explicit
 * force one, auto asks the cost model for both on this backend — gram runs on the CPU, explicit on
 * the WebGPU kernel when the backend is WebGPU and the kernel applies, else on the CPU — and takes
 * the cheaper. Non-Gaussian weights have no gram sampler: explicit whatever the key says.
 */
export function curveSampler(spec: Spec, backend: CostBackend = 'cpu', calibration: CostCalibration = CALIBRATION): CurveSampler {
  const c = parseCurve(spec.curve);
  const k = c.ok && c.value.kind !== 'none' ? c.value.k : 2;
  const weightsKind = resolveSpec(spec).weights.kind;
  const gpu = costProfile(backend) !== 'cpu' && curveGpuUnsupported(weightsKind, spec.n, k) === undefined;
  const engineOf = (method: Method) => (method === 'explicit' && gpu ? 'webgpu' : 'cpu');
  if (weightsKind !== 'gaussian') return { method: 'explicit', engine: engineOf('explicit'), reason: `explicit: weights=${spec.weights} has no gram sampler (it needs Gaussian weights)` };
  if (spec.curvemethod !== 'auto') {
    const method = spec.curvemethod === 'method' ? spec.method : spec.curvemethod;
    const why = spec.curvemethod === 'method' ? `the method key (curvemethod=method)` : `curvemethod=${method}`;
    return { method, engine: engineOf(method), reason: `${method}: ${why}` };
  }
  const ctx = costContext(spec);
  const cpu = profileCalibration('cpu', calibration);
  const gram = CURVE_JS_FACTOR * simulationSeconds(curveSize(spec, k, 'gram'), cpu, ctx);
  const explicitSize = curveSize(spec, k, 'explicit');
  const explicitCpu = CURVE_JS_FACTOR * simulationSeconds(explicitSize, cpu, ctx);
  const explicitGpu = gpu ? curveGpuSeconds(explicitSize, profileCalibration(costProfile(backend), calibration), ctx) : Infinity;
  const explicit = Math.min(explicitCpu, explicitGpu);
  const method: Method = gram <= explicit ? 'gram' : 'explicit';
  const engine = method === 'explicit' && explicitGpu <= explicitCpu ? 'webgpu' : 'cpu';
  const options = gpu
    ? `gram on the CPU about ${formatSeconds(gram)}, explicit on the WebGPU kernel about ${formatSeconds(explicitGpu)}, explicit on the CPU about ${formatSeconds(explicitCpu)}`
    : `gram about ${formatSeconds(gram)}, explicit about ${formatSeconds(explicitCpu)}, both on the CPU`;
  const reason = `${method} on the ${engine === 'webgpu' ? 'GPU' : 'CPU'} (curvemethod=auto): the cost model estimates, for n = ${spec.n}, k = ${k}, L = ${spec.L}, M = ${spec.M}, gram O(n·(2k)²·L) and explicit O(n²·2k·L): ${options}`;
  return { method, engine, reason, seconds: { gram, explicit } };
}

/** The curve's M networks as one simulation size, with the sampler it runs (curveSampler). */
function curveSimSize(spec: Spec, backend: CostBackend): { size: SimSize; cpuOnly: boolean; gpu: boolean } | undefined {
  if (spec.M === 0) return undefined;
  const c = parseCurve(spec.curve);
  // Nothing runs where the curve is unavailable (an architecture with its own network: geometryBlocks).
  if (!c.ok || c.value.kind === 'none' || curveUnsupported(spec)) return undefined;
  const sampler = curveSampler(spec, backend);
  return { size: curveSize(spec, c.value.k, sampler.method), cpuOnly: sampler.engine === 'cpu', gpu: sampler.engine === 'webgpu' };
}

export interface Plan {
  readonly sizes: readonly SimSize[];
  readonly parts: readonly PlanPart[];
  readonly ops: number;
  readonly bytes: number;
}

/**
 * The simulations a spec asks for: one batch of M networks when the view draws them, plus the
 * view's own (viewRunners.ts).
 */
export function planSpec(spec: Spec, backend: CostBackend = 'cpu'): Plan {
  const parts: PlanPart[] = [];
  if (spec.M > 0) {
    const recorded = recordedLayers(spec.arch, spec.L).length;
    // The depth profile's networks only when the view draws them (issue 14 §4).
    const size: SimSize = { method: spec.method, n: spec.n, L: spec.L, k: spec.k, M: spec.M, recorded };
    const cost = archOf(spec).cost;
    const gpuSizes = (sizes: readonly SimSize[]) => (cost.gpuNetworkSize ? { gpuSizes: sizes.map((s) => cost.gpuNetworkSize!(spec, s)) } : {});
    if (samplesDepthNetworks(spec)) parts.push({ label: "the depth profile's networks", keys: ['M', 'n', 'L'], sizes: [cost.networkSize?.(spec, size) ?? size], ...gpuSizes([size]) });
    const runner = viewRunner(spec.view);
    if (runner && runner.applies?.(spec) === undefined) {
      const raw = runner.plan(spec);
      // A view that steps its networks itself on the CPU (cpuOnly) gives their dense-chain sizes;
      // otherwise the view's networks are the architecture's (attention: priced by its networkSize).
      const sizes = runner.cpuOnly ? raw : raw.map((s) => cost.networkSize?.(spec, s) ?? s);
      const label = runner.costLabel ?? `view=${spec.view}`;
      const keys = runner.costKeys ?? ['M', 'n', 'L'];
      if (sizes.length > 0) parts.push(runner.cpuOnly ? { label, keys, sizes, cpuOnly: true } : { label, keys, sizes, ...gpuSizes(raw) });
    }
  }
  // Views whose work is not the lab's simulations (training): priced by their own count, on the CPU.
  const own = viewRunner(spec.view);
  if (own?.cpuSeconds && own.applies?.(spec) === undefined) parts.push({ label: own.costLabel ?? `view=${spec.view}`, keys: own.costKeys ?? [], sizes: [], cpuOnly: true, cpuSeconds: own.cpuSeconds(spec), ...(own.cpuWorstRatio !== undefined ? { cpuWorstRatio: own.cpuWorstRatio } : {}) });
  const curve = curveSimSize(spec, backend);
  if (curve) {
    const label = "the input curve's networks (geometry, jacobian)";
    const keys = ['curve', 'curvemethod', 'M', 'n', 'L'];
    const rankPoints = curve.size.k / 2;
    parts.push(curve.gpu ? { label, keys, sizes: [curve.size], curveGpu: true, rankPoints } : { label, keys, sizes: [curve.size], cpuOnly: true, factor: CURVE_JS_FACTOR, rankPoints });
  }
  const sizes = parts.flatMap((p) => p.sizes);
  let ops = 0;
  let bytes = 0;
  for (const s of sizes) ops += simulationOps(s);
  // The curve keeps 6 numbers per network and layer, not k×k kernels (geometry/curveMonteCarlo.ts),
  // plus its n × 2k state (Z, T, H and the normals) and the 2k × 2k row covariance.
  for (const p of parts) for (const s of p.sizes) bytes = Math.max(bytes, p.cpuOnly ? s.M * s.recorded * 6 * 8 + 5 * s.n * s.k * 8 + 2 * s.k * s.k * 8 : simulationBytes(s));
  return { sizes, parts, ops, bytes };
}

export interface RunEstimate {
  /** Expected wall-clock seconds of the whole run (theory + every simulation + thread start-up): "about". */
  readonly seconds: number;
  /**
   * The upper bound the run does not exceed ("at most"): seconds × the profile's worstRatio on the
   * calibration grid × the stated headroom (costCalibration.ts) + SLACK_SECONDS. Limits and the page's question use it.
   */
  readonly maxSeconds: number;
  readonly theorySeconds: number;
  /** Seconds to start the CLI's worker threads (--threads N > 1; EstimateOptions.threads). */
  readonly startSeconds: number;
  /** cpuOnly: a part that runs on the CPU whatever the backend (an architecture without GPU kernels). */
  readonly parts: readonly { readonly label: string; readonly keys: readonly string[]; readonly seconds: number; readonly cpuOnly?: boolean; readonly ownCount?: boolean }[];
  readonly profile: CostProfile;
  /** False when the profile's constants are rough values, not fitted to timings (costCalibration.ts). */
  readonly measured: boolean;
}

/**
 * Weight laws that only the CPU backend implements (backends/webgpu/backend.ts CPU_ONLY_WEIGHTS):
 * a WebGPU run of them runs on the CPU, and is estimated so.
 */
function runsOnCpuAnyway(spec: Spec): boolean {
  const { kind } = resolveSpec(spec).weights;
  return kind === 'orthogonal' || kind === 'lowrank';
}

/** What the cost features need beyond the sizes: a transcendental φ, Haar-orthogonal weights. */
export function costContext(spec: Spec): CostContext {
  const resolved = resolveSpec(spec);
  const smoothPhi = resolved.arch.cost.smoothPhi?.(spec) ?? resolved.activation.piecewiseLinear === undefined;
  return { smoothPhi, orthogonal: resolved.weights.kind === 'orthogonal' };
}

/**
 * Seconds of the f64 theory: the NNGP/NTK recursion per layer, the phase diagram's grid, fixed costs.
 * `worst`: grid solves with a quadrature φ priced at the slowest calibrated evaluation (the upper
 * bound's theory), not the typical one.
 */
export function theorySeconds(spec: Spec, calibration: CostCalibration = CALIBRATION, worst = false): number {
  const t = calibration.theory;
  const closed = resolveSpec(spec).activation.dual !== undefined;
  const arch = archOf(spec);
  const perLayer = (closed ? t.closedFormLayer : t.quadratureLayer) * arch.cost.theoryLayerFactor(spec);
  const phase = spec.view === 'phase' ? spec.grid * spec.grid * t.phasePoint : 0;
  // A limit solve (the ResNet covariance ODE, the shaped MLP's Fokker–Planck): a fixed cost, once
  // per run; the three-limits view computes the profiles of its three variants and the ODE (contrast.ts).
  const contrast = spec.view === 'contrast';
  const fixed = arch.cost.theoryFixed(spec) || contrast ? t.fixed : 0;
  // Solves on a grid (the controlled ResNet's kernel PDE, ODE and width-∞ recursions): their
  // dual-kernel evaluations, counted exactly, at the calibrated seconds per evaluation of φ's class.
  const evals: { grid: number; stepwise: number; calls?: { typical: number; worst: number } } = arch.cost.theoryEvaluations?.(spec) ?? { grid: 0, stepwise: 0 };
  // A quadrature evaluation: its φ-calls at the kernel's scale (the module counts them; 2·10³, the
  // default paths' typical count, where it does not) × seconds per φ-call of the family.
  const q = t.quadratureCall[resolveSpec(spec).activation.family] ?? t.quadratureCall.default;
  const calls = evals.calls ?? { typical: 2000, worst: 2000 };
  const perEvaluation = closed ? t.closedFormEvaluation : worst ? q.worst * calls.worst : q.typical * calls.typical;
  const grid = (evals.grid + evals.stepwise) * perEvaluation + evals.stepwise * t.stepwiseEvaluation;
  // An SDE simulated by paths (shaped attention, the shaped block): paths × steps × m² × its factor.
  const sde = (arch.cost.sdeWork?.(spec) ?? 0) * (t.sdeEntryStep ?? 0);
  return t.run + fixed + (contrast ? 3 : 1) * spec.L * perLayer + phase + grid + sde;
}

/**
 * Added to every upper bound: a garbage-collection pause or a compile of a new code path takes
 * tens of milliseconds whatever the size, which a run of 20 ms cannot absorb in a ratio
 * (bench/costModel.ts: the slowest of 3 repeats of a 0.02 s width sweep was 1.2× its bound without it).
 */
export const SLACK_SECONDS = 0.1;

export interface EstimateOptions {
  readonly calibration?: CostCalibration;
  /**
   * CLI worker threads (--threads N, bin/threadPool.ts): N > 1 adds their start-up. The estimate
   * does not divide the simulations by N: the pool splits the same work over N threads at the same
   * CPU time (bench/multiCore.ts: 2 threads / 1 thread CPU time 1.00–1.02), so one thread's time
   * bounds it, while the speed-up depends on cores that other work may hold (1.02× at load 12–29
   * on 2 cores). The page's simulation Workers start once per page and are not counted.
   */
  readonly threads?: number;
  /** The run is one of this many shards (run --shard i/N): each simulates about 1/N of every batch; the theory runs in full. */
  readonly shards?: number;
}

export function estimateRun(spec: Spec, backend: CostBackend, options: EstimateOptions = {}): RunEstimate {
  const calibration = options.calibration ?? CALIBRATION;
  let profile = costProfile(backend);
  if (profile !== 'cpu' && runsOnCpuAnyway(spec)) profile = 'cpu';
  const constants = profileCalibration(profile, calibration);
  const share = 1 / Math.max(1, options.shards ?? 1);
  const ctx = costContext(spec);
  const cpu = profileCalibration('cpu', calibration);
  const planned = planSpec(spec, backend).parts;
  const parts = planned.map((p) => ({
    label: p.label,
    keys: p.keys,
    ...(p.cpuOnly ? { cpuOnly: true } : {}),
    ...(p.cpuSeconds !== undefined ? { ownCount: true } : {}),
    seconds:
      share *
        (p.factor ?? 1) *
        (profile !== 'cpu' && !p.cpuOnly && p.gpuSizes ? p.gpuSizes : p.sizes).reduce(
          (s, size) => s + (p.curveGpu ? curveGpuSeconds(size, constants, ctx) : simulationSeconds(size, p.cpuOnly ? cpu : constants, ctx)),
          0,
        ) +
      (p.rankPoints ? share * curveRankSeconds(spec, p.rankPoints, cpu) : 0) +
      (p.cpuSeconds ?? 0),
  }));
  const theory = theorySeconds(spec, calibration);
  const threads = options.threads ?? 1;
  const startSeconds = threads > 1 && spec.M > 0 && profile === 'cpu' ? threads * calibration.threadStart : 0;
  const simulation = parts.reduce((s, p) => s + p.seconds, 0);
  const onCpu = parts.reduce((s, p) => s + (p.cpuOnly ? p.seconds : 0), 0);
  const seconds = theory + simulation + startSeconds;
  // The theory (and any cpuOnly part) runs on the CPU whatever the backend: the CPU profile's spread bounds it.
  const bound = calibration.headroom;
  const theoryWorst = theorySeconds(spec, calibration, true);
  // A part priced by its own count with its own measured spread (the training views) is bounded by that spread.
  const ownBound = planned.reduce((s, p) => s + (p.cpuWorstRatio !== undefined && p.cpuSeconds !== undefined ? p.cpuSeconds * (p.cpuWorstRatio - cpu.worstRatio) : 0), 0);
  const maxSeconds =
    bound * ((theoryWorst + onCpu + startSeconds) * cpu.worstRatio + ownBound + (simulation - onCpu) * constants.worstRatio) + SLACK_SECONDS;
  return { seconds, maxSeconds, theorySeconds: theory, startSeconds, parts, profile, measured: constants.measured };
}

/** Expected wall-clock seconds ("about") of running `spec` on `backend`. */
export function estimateRunSeconds(spec: Spec, backend: CostBackend, options: EstimateOptions = {}): number {
  return estimateRun(spec, backend, options).seconds;
}

/** The upper bound ("at most") of running `spec` on `backend`: what limits and the page's question use. */
export function estimateMaxSeconds(spec: Spec, backend: CostBackend, options: EstimateOptions = {}): number {
  return estimateRun(spec, backend, options).maxSeconds;
}

/** The page asks "Run it?" before a run whose upper bound is over this (app/state/runSync.ts). */
export const ASK_ABOVE_SECONDS = 30;

/** Runs whose upper bound ("at most") is longer than this are refused unless the limit is raised (CLI --max-seconds, --allow-long). */
export const DEFAULT_MAX_SECONDS = 900;

const PROFILE_NAMES: Record<CostProfile, string> = {
  cpu: 'the CPU backend',
  'webgpu-software': 'a software WebGPU adapter (SwiftShader: Vulkan emulated on the CPU, not a GPU)',
  'webgpu-hardware': 'a hardware WebGPU adapter',
};

export interface CostOptions {
  /** Refuse runs whose upper bound ("at most") is longer (default DEFAULT_MAX_SECONDS; Infinity: never). */
  readonly maxSeconds?: number;
  /** The run is one of this many shards (run --shard i/N), each simulating about 1/N of the networks. */
  readonly shards?: number;
  /** CLI worker threads (their start-up is part of the time; EstimateOptions.threads). */
  readonly threads?: number;
  /** How to raise the limit, appended to a time refusal (default: the CLI's flags). */
  readonly raiseHint?: string;
}

/** Issues that stop a spec from running on `backend`: expected time over the limit, memory over budget. */
export function costIssues(spec: Spec, backend: CostBackend, options: CostOptions = {}): SpecIssue[] {
  const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_SECONDS;
  const shards = Math.max(1, options.shards ?? 1);
  const issues: SpecIssue[] = [];
  // A shard simulates its share of every batch; the theory runs in each shard in full.
  const estimate = estimateRun(spec, backend, { shards, threads: options.threads });
  if (estimate.maxSeconds > maxSeconds) {
    // Name the keys of the part that costs most: a commutation map is driven by nmax and Lmax.
    const top = [...estimate.parts].sort((a, b) => b.seconds - a.seconds)[0];
    const value = (key: string) => {
      const v = (spec as unknown as Record<string, number | string>)[key];
      return typeof v === 'string' ? v : formatNumber(v);
    };
    // Keys already at their smallest value (n = 1) cannot be reduced: not suggested.
    const reducible = (top?.keys ?? ['L']).filter((k) => {
      const p = PARAM_BY_KEY.get(k);
      return !(p && (p.kind === 'int' || p.kind === 'float') && (spec as unknown as Record<string, number>)[k] <= p.min);
    });
    const keys = reducible.length > 0 ? reducible : (top?.keys ?? ['L']);
    // A part priced by its own count (the training views) reads neither k nor method.
    const sizeKeys = top?.ownCount ? '' : `${top?.cpuOnly ? '' : `, k=${spec.k}`}, method=${spec.method}`;
    const where = top ? `${top.label} (${top.keys.map((k) => `${k}=${value(k)}`).join(', ')}${sizeKeys}) take about ${formatSeconds(top.seconds)}` : `the theory takes about ${formatSeconds(estimate.theorySeconds)}`;
    const hints = [
      `reduce ${keys.join(' or ')}`,
      ...(spec.method === 'explicit' && resolveSpec(spec).weights.kind === 'gaussian' && !top?.ownCount ? ['use method=gram'] : []),
      ...(estimate.profile !== 'webgpu-hardware' && !top?.cpuOnly ? ['run on a hardware WebGPU backend'] : []),
      options.raiseHint ?? 'or allow it (CLI: --max-seconds S or --allow-long)',
    ];
    issues.push({
      key: keys[0],
      value: value(keys[0]),
      message: `${keys[0]}=${value(keys[0])}: this run is expected to take ${formatEstimate(estimate.seconds, estimate.maxSeconds)}${shards > 1 ? ` in each of ${shards} shards` : ''} on ${PROFILE_NAMES[estimate.profile]}${estimate.measured ? '' : ' (a rough estimate: not calibrated on such a backend)'}, and the upper bound is over the limit of ${formatSeconds(maxSeconds)}: ${where}; ${hints.join(', ')}`,
    });
  }
  const plan = planSpec(spec);
  if (plan.bytes > MEMORY_BUDGET_BYTES) {
    issues.push({
      key: 'M',
      value: String(spec.M),
      message: `M=${spec.M} would keep ${(plan.bytes / 2 ** 20).toFixed(0)} MiB of samples, over the ${MEMORY_BUDGET_BYTES / 2 ** 20} MiB limit; reduce M or L`,
    });
  }
  // Views with memory of their own (the training views' networks: weights, gradients, optimiser state).
  const own = viewRunner(spec.view);
  const memory = own?.memoryIssue && own.applies?.(spec) === undefined ? own.memoryIssue(spec, MEMORY_BUDGET_BYTES) : undefined;
  if (memory) issues.push(memory);
  return issues;
}

export { formatOps };
