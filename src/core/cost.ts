/**
 * Work and memory estimates, computed before anything runs, so that a huge request is refused
 * with its estimate instead of freezing a tab or a terminal (quality bar: bad input).
 * Units: "operations" are roughly one f32/f64 multiply–add; one Philox call counts as 40.
 */
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

/** Work budgets per backend: above these a run is refused with its estimate. */
export const WORK_BUDGET = {
  /** JavaScript f64 does ~0.3–1e9 of these operations per second: a few minutes at most. */
  cpu: 2e11,
  /** A discrete GPU does ~1e12–1e13 per second; SwiftShader far less (it is chunked and cancellable). */
  webgpu: 5e13,
} as const;

/** 1 GiB of recorded samples at most (the page keeps them for histograms). */
export const MEMORY_BUDGET_BYTES = 1 << 30;

export function formatOps(ops: number): string {
  return ops.toExponential(1).replace('e+', 'e');
}
