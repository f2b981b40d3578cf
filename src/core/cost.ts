/**
 * Work, memory and time estimates, computed before anything runs, so that a huge request is refused
 * with its estimate instead of freezing a tab or a terminal (quality bar: bad input), and so that
 * an accepted request finishes within the time it states (issue 20 §2).
 *
 * Two measures:
 *   - simulationOps: abstract "operations" (one f32/f64 multiply–add; a Philox call counts as 40),
 *     used by the backends to size their chunks;
 *   - simulationSeconds / theorySeconds: wall-clock seconds from the cost features below and the
 *     measured constants of costCalibration.ts (per backend profile and method). The fixed costs per
 *     network, per network-layer and per dispatched layer are what dominate small widths (n = 1:
 *     10⁹ network-layers cost ~10³ s on the CPU although their "operations" are few).
 */
import { CALIBRATION } from './costCalibration.ts';
import { INPUT_DIMENSION } from './inputs.ts';
import type { Method } from './spec.ts';

export interface SimSize {
  readonly method: Method;
  readonly n: number;
  readonly L: number;
  readonly k: number;
  /** Networks. */
  readonly M: number;
  /** Layers recorded per network (statistics storage). */
  readonly recorded: number;
}

const PHILOX_OPS = 40;

/** Operations to simulate the networks of one job (DESIGN.md §3 complexities). */
export function simulationOps(s: SimSize): number {
  const { n, L, k, M } = s;
  if (s.method === 'gram') {
    // per row: k normals (k/4 Philox + Box–Muller), a k×k triangular product, k φ's, k² accumulations.
    return M * L * n * (k * (PHILOX_OPS / 4 + 8) + 2 * k * k);
  }
  // explicit: n² weights per layer (n²/4 Philox), each used for k inputs.
  return M * L * n * n * (PHILOX_OPS / 4 + 2 * k);
}

/** Bytes held at once: the recorded k×k kernels of every network (f32), plus per-network state. */
export function simulationBytes(s: SimSize): number {
  const pairs = (s.k * (s.k + 1)) / 2;
  return s.M * s.recorded * pairs * 2 * 4 + s.n * s.k * 8 * 4;
}

/** 1 GiB of recorded samples at most (the page keeps them for histograms). */
export const MEMORY_BUDGET_BYTES = 1 << 30;

export function formatOps(ops: number): string {
  return ops.toExponential(1).replace('e+', 'e');
}

// ---------------------------------------------------------------------------------------------
// Time model
// ---------------------------------------------------------------------------------------------

/**
 * Backend profiles with their own constants: the CPU backend, WebGPU on a software adapter
 * (SwiftShader, llvmpipe: Vulkan emulated on the CPU — not a GPU) and WebGPU on a hardware adapter.
 */
export const COST_PROFILES = ['cpu', 'webgpu-software', 'webgpu-hardware'] as const;
export type CostProfile = (typeof COST_PROFILES)[number];

/** Seconds per unit of each feature (gramFeatures). */
export interface GramConstants {
  readonly run: number;
  readonly network: number;
  readonly networkLayer: number;
  readonly layer: number;
  readonly row: number;
  readonly rowPair: number;
  /** Per row and input where φ is not piecewise linear (tanh, erf, silu…: a transcendental call each). */
  readonly phiRow: number;
  /** Per recorded value (network × recorded layer): the statistics over networks. */
  readonly value: number;
}

/** Seconds per unit of each feature (explicitFeatures). */
export interface ExplicitConstants {
  readonly run: number;
  readonly network: number;
  readonly networkLayer: number;
  readonly layer: number;
  readonly weight: number;
  readonly weightInput: number;
  /** Per weight and input of a Haar-orthogonal layer (Householder reflectors applied on top of the draws). */
  readonly orthoWeightInput: number;
  /** Per recorded value (network × recorded layer). */
  readonly value: number;
}

/** What the features need to know about the spec beyond the batch sizes. */
export interface CostContext {
  /** φ is not piecewise linear (every φ evaluation is a transcendental call). */
  readonly smoothPhi: boolean;
  /** weights=orthogonal. */
  readonly orthogonal: boolean;
}

export const PLAIN_CONTEXT: CostContext = { smoothPhi: false, orthogonal: false };

export interface ProfileCalibration {
  /** False when the constants are rough values, not fitted to timings on such a backend. */
  readonly measured: boolean;
  readonly gram: GramConstants;
  readonly explicit: ExplicitConstants;
  /**
   * The largest measured/expected ratio of the calibration grid (≥ 1): the fit is a typical time,
   * and a run may take this much longer than it with the machine as quiet as during calibration.
   */
  readonly worstRatio: number;
}

export interface TheoryCalibration {
  /** Per layer of the NNGP recursion with a closed-form dual kernel (×2 with the NTK). */
  readonly closedFormLayer: number;
  /** Per layer with a quadrature dual kernel (tanh, silu, softplus). */
  readonly quadratureLayer: number;
  /** Per point of the phase diagram's grid (fixed point, χ₁, depth scales). */
  readonly phasePoint: number;
  /** Once per run of a ResNet with α = 1/2 (the covariance ODE), a shaped MLP (Fokker–Planck) or the three-limits view (both). */
  readonly fixed: number;
  /** Once per run: the smallest complete run (result, statistics, digest) less its simulation. */
  readonly run: number;
  /**
   * Per dual-kernel evaluation V_φ(a, c, b) of a grid solve (the controlled ResNet's PDE, ODE and
   * width-∞ recursions: ArchModule.cost.theoryEvaluations), for φ with a closed-form dual kernel
   * (relu family, erf, gelu, sin, identity) and for a quadrature one (tanh, silu, softplus). The slowest
   * per-evaluation time of the calibration's solves (closed forms); for quadrature, per activation
   * family (and `default` for the others: all families together), the typical (median) time for
   * "about" and the slowest for "at most" — its cost per evaluation grows with the kernel (the sinh
   * rule's nodes, about log a per dimension): silu and softplus on long paths with fresh weights,
   * whose kernels grow fast, cost 3–5× their median.
   */
  readonly closedFormEvaluation: number;
  readonly quadratureEvaluation: Readonly<Record<string, { readonly typical: number; readonly worst: number }>>;
  /**
   * Added per evaluation made in a per-step recursion over P×P Gram matrices (the ODE's RK4, the
   * fresh-weights recursion: small arrays built every step), whatever φ.
   */
  readonly stepwiseEvaluation: number;
}

export interface CostCalibration {
  /** Where and when the constants were measured (bench/costModel.ts writes it). */
  readonly measuredOn: string;
  /**
   * Factor, on top of a profile's worstRatio, from the expected time to the stated upper bound
   * ("at most"): the spread of wall times between repeats of one run on a machine with other work
   * on it. Set by hand (the calibration keeps it), stated in costCalibration.ts.
   */
  readonly headroom: number;
  /**
   * Seconds to start one CLI worker thread (bin/threadPool.ts: a JavaScript engine that loads the
   * lab through tsx), paid once per run with --threads N > 1 — measured by bench/costModel.ts.
   */
  readonly threadStart: number;
  readonly profiles: Readonly<Record<CostProfile, ProfileCalibration>>;
  readonly theory: TheoryCalibration;
}

/**
 * The cost features of one batch of networks (DESIGN.md §3 complexities), named like the constants:
 *   gram:     run 1, network M, networkLayer M·L, layer L (one dispatched layer: GPU latency that
 *             does not shrink with M), row M·L·n·k (normals and φ), rowPair M·L·n·k² (C·ξ, kernels);
 *   explicit: the same fixed terms, weight M·W and weightInput M·W·k with W = n·(d + (L−1)·n)
 *             weights per network (the first layer has fan-in d = INPUT_DIMENSION).
 */
export function gramFeatures(s: SimSize, ctx: CostContext = PLAIN_CONTEXT): Record<keyof GramConstants, number> {
  const { n, L, k, M } = s;
  const rows = M * L * n * k;
  return { run: 1, network: M, networkLayer: M * L, layer: L, row: rows, rowPair: rows * k, phiRow: ctx.smoothPhi ? rows : 0, value: M * s.recorded };
}

export function explicitFeatures(s: SimSize, ctx: CostContext = PLAIN_CONTEXT): Record<keyof ExplicitConstants, number> {
  const { n, L, k, M } = s;
  const weights = n * (INPUT_DIMENSION + (L - 1) * n);
  return { run: 1, network: M, networkLayer: M * L, layer: L, weight: M * weights, weightInput: M * weights * k, orthoWeightInput: ctx.orthogonal ? M * weights * k : 0, value: M * s.recorded };
}

/** Seconds to simulate one batch of networks with the given constants (0 for a constant a profile lacks). */
export function simulationSeconds(s: SimSize, profile: ProfileCalibration, ctx: CostContext = PLAIN_CONTEXT): number {
  const terms: [number, number | undefined][] =
    s.method === 'gram'
      ? Object.entries(gramFeatures(s, ctx)).map(([key, f]) => [f, profile.gram[key as keyof GramConstants]])
      : Object.entries(explicitFeatures(s, ctx)).map(([key, f]) => [f, profile.explicit[key as keyof ExplicitConstants]]);
  return terms.reduce((sum, [f, c]) => sum + (f === 0 ? 0 : f * (c ?? 0)), 0);
}

/** WebGPU implemented on the CPU (Chromium/Dawn's SwiftShader, Mesa's llvmpipe/lavapipe). */
export function isSoftwareAdapter(adapter: string): boolean {
  return /swiftshader|llvmpipe|lavapipe|software|fallback/i.test(adapter);
}

/**
 * What the estimate needs to know about a backend: its name and, for WebGPU, its adapter.
 * 'webgpu' without an adapter (not started yet) is read as a hardware adapter: the optimistic
 * estimate, to be checked again once the adapter is known.
 */
export type CostBackend = 'cpu' | 'webgpu' | { readonly name: 'cpu' | 'webgpu'; readonly adapter?: string };

export function costProfile(backend: CostBackend): CostProfile {
  const b = typeof backend === 'string' ? { name: backend } : backend;
  if (b.name === 'cpu') return 'cpu';
  return 'adapter' in b && b.adapter !== undefined && isSoftwareAdapter(b.adapter) ? 'webgpu-software' : 'webgpu-hardware';
}

export function profileCalibration(profile: CostProfile, calibration: CostCalibration = CALIBRATION): ProfileCalibration {
  return calibration.profiles[profile];
}

/** A time rounded up (never down: an upper bound stays one) to two significant digits. */
export function roundUpSeconds(seconds: number): number {
  if (!(seconds > 0) || !Number.isFinite(seconds)) return seconds;
  const unit = 10 ** (Math.floor(Math.log10(seconds)) - 1);
  return Math.ceil(seconds / unit - 1e-9) * unit;
}

/** "about 3.1 s, at most 7 s": the expected time and the upper bound the run does not exceed. */
export function formatEstimate(expected: number, atMost: number): string {
  return `about ${formatSeconds(expected)}, at most ${formatSeconds(roundUpSeconds(atMost))}`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${Number(seconds.toPrecision(2))} s`;
  if (seconds < 600) return `${Math.round(seconds)} s`;
  if (seconds < 36000) return `${Math.round(seconds)} s (${(seconds / 60).toFixed(0)} min)`;
  return `${Number(seconds.toPrecision(2)).toExponential(1).replace('e+', 'e')} s (${(seconds / 3600).toFixed(0)} h)`;
}
