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
}

/** Seconds per unit of each feature (explicitFeatures). */
export interface ExplicitConstants {
  readonly run: number;
  readonly network: number;
  readonly networkLayer: number;
  readonly layer: number;
  readonly weight: number;
  readonly weightInput: number;
}

export interface ProfileCalibration {
  /** False when the constants are rough values, not fitted to timings on such a backend. */
  readonly measured: boolean;
  readonly gram: GramConstants;
  readonly explicit: ExplicitConstants;
}

export interface TheoryCalibration {
  /** Per layer of the NNGP recursion with a closed-form dual kernel (×2 with the NTK). */
  readonly closedFormLayer: number;
  /** Per layer with a quadrature dual kernel (tanh, silu, softplus). */
  readonly quadratureLayer: number;
  /** Per point of the phase diagram's grid (fixed point, χ₁, depth scales). */
  readonly phasePoint: number;
  /** Once per run of a ResNet with α = 1/2 (the covariance ODE) or a shaped MLP (Fokker–Planck). */
  readonly fixed: number;
}

export interface CostCalibration {
  /** Where and when the constants were measured (bench/costModel.ts writes it). */
  readonly measuredOn: string;
  /**
   * Factor on every estimate for a machine shared with other work: the constants come from runs of
   * about a second, while runs of minutes on the same (shared) machine took up to ~2× longer than
   * those constants predict. Set by hand (the calibration keeps it), stated in costCalibration.ts.
   */
  readonly headroom: number;
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
export function gramFeatures(s: SimSize): Record<keyof GramConstants, number> {
  const { n, L, k, M } = s;
  return { run: 1, network: M, networkLayer: M * L, layer: L, row: M * L * n * k, rowPair: M * L * n * k * k };
}

export function explicitFeatures(s: SimSize): Record<keyof ExplicitConstants, number> {
  const { n, L, k, M } = s;
  const weights = n * (INPUT_DIMENSION + (L - 1) * n);
  return { run: 1, network: M, networkLayer: M * L, layer: L, weight: M * weights, weightInput: M * weights * k };
}

/** Seconds to simulate one batch of networks with the given constants. */
export function simulationSeconds(s: SimSize, profile: ProfileCalibration): number {
  const terms: [number, number][] =
    s.method === 'gram'
      ? Object.entries(gramFeatures(s)).map(([key, f]) => [f, profile.gram[key as keyof GramConstants]])
      : Object.entries(explicitFeatures(s)).map(([key, f]) => [f, profile.explicit[key as keyof ExplicitConstants]]);
  return terms.reduce((sum, [f, c]) => sum + f * c, 0);
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

export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${Number(seconds.toPrecision(2))} s`;
  if (seconds < 600) return `${Math.round(seconds)} s`;
  if (seconds < 36000) return `${Math.round(seconds)} s (${(seconds / 60).toFixed(0)} min)`;
  return `${Number(seconds.toPrecision(2)).toExponential(1).replace('e+', 'e')} s (${(seconds / 3600).toFixed(0)} h)`;
}
