/**
 * What a controlled ResNet's run costs, for the planner (experiments/plan.ts; issue 16 §3, issue 20):
 *
 *   theory   the dual-kernel evaluations V_φ(a, c, b) of its solves, counted exactly (the cost model
 *            multiplies them by the calibrated seconds per evaluation of φ's class: closed form or
 *            quadrature, core/costCalibration.ts theory.closedFormEvaluation / quadratureEvaluation);
 *   networks the dense explicit chain of equal work (core/cost.ts explicitFeatures), on the CPU
 *            (network.ts: shared weights drawn once) and on WebGPU (gpu.ts: drawn at every step).
 *
 * The counts follow the solvers line by line (pde.ts, discrete.ts); cost.test.ts counts the
 * evaluations the module really makes and compares.
 */
import { buildPaths, type Path } from '../../core/paths.ts';
import type { SimSize } from '../../core/cost.ts';
import type { Spec } from '../../core/spec.ts';

/** Cells of a path's grid refined to level λ: every knot interval cut into 2^λ. */
function refinedCells(x: Path, lvl: number): number {
  return (x.times.length - 1) * 2 ** lvl;
}

/** selfKernelGrid (pde.ts) on N cells: one Euler prediction, then per shell k two passes of k cells × 4. */
export function selfGridEvaluations(N: number): number {
  return 1 + 4 * N * (N + 1);
}

/** crossKernelGrid (pde.ts): the first row's N_y + 1 nodes, then per row one node and two per cell. */
export function crossGridEvaluations(Nx: number, Ny: number): number {
  return Ny + 1 + Nx * (1 + 2 * Ny);
}

/** pdeGram at levels λ and λ + 1: every path's self-kernel and every pair's cross kernel. */
function pdeGramEvaluations(paths: readonly Path[], refine: number): number {
  let evals = 0;
  for (const lvl of [refine, refine + 1]) {
    const N = paths.map((x) => refinedCells(x, lvl));
    for (let a = 0; a < N.length; a++) {
      evals += selfGridEvaluations(N[a]);
      for (let b = a + 1; b < N.length; b++) evals += crossGridEvaluations(N[a], N[b]);
    }
  }
  return evals;
}

/** Intervals between the merged knots of these paths (times equal to 1e−15 count once, as discrete.ts). */
function mergedIntervals(paths: readonly Path[]): number {
  const all = paths.flatMap((x) => Array.from(x.times)).sort((u, v) => u - v);
  return all.filter((t, i) => i === 0 || t - all[i - 1] > 1e-15).length - 1;
}

/** inhomogeneousTrajectory at level λ: 2^λ RK4 steps per merged interval, 4 stages × P² entries. */
function odeTrajectoryEvaluations(paths: readonly Path[], lvl: number): number {
  return 4 * paths.length ** 2 * mergedIntervals(paths) * 2 ** lvl;
}

/** The width-∞ Gram at depth L over P paths (discrete.ts): shared L(L+1)/2 per path + L² per pair; unshared L per pair a ≤ b. */
function discreteGramEvaluations(P: number, L: number, share: boolean): number {
  return share ? (P * L * (L + 1)) / 2 + ((P * (P - 1)) / 2) * L * L : (L * P * (P + 1)) / 2;
}

/**
 * Dual-kernel evaluations of a run's theory: the width-∞ profile of paths 1, 2 at depth L (the
 * `theory` block), the limit along t (`limit`), the Gram at t = 1 with its error estimate
 * (`signature`), and for view=signature the view's own solves (experiments/signatureView.ts: the
 * PDE and the ODE Grams, the width-∞ Gram at L and at every depth of its sweep, shared and not).
 * `grid`: evaluations in the 2-D sweeps (the PDE, the shared recursion on the L×L grid), one
 * arithmetic line each; `stepwise`: evaluations in the per-step recursions over P×P Grams (the ODE's
 * RK4, the fresh-weights recursion), which build small arrays per step (dearer per evaluation when
 * V is a cheap closed form: core/cost.ts TheoryCalibration.stepwiseEvaluation).
 */
export function theoryEvaluationCounts(spec: Spec): { readonly grid: number; readonly stepwise: number } {
  const built = buildPaths(spec.paths, spec.pdim);
  if (!built.ok) return { grid: 0, stepwise: 0 };
  const paths = built.value;
  const [x, y] = paths;
  const L = spec.L;
  const lvl = spec.refine;
  let grid = 0;
  let stepwise = 0;
  if (spec.share) {
    grid += L * (L + 1) + L * L; // sharedDiscreteProfile: two self grids and one cross grid
    const Nx = refinedCells(x, lvl);
    const Ny = refinedCells(y, lvl);
    grid += selfGridEvaluations(Nx) + selfGridEvaluations(Ny) + crossGridEvaluations(Nx, Ny); // cresnetLimit
    grid += pdeGramEvaluations(paths, lvl); // signatureBlock
  } else {
    stepwise += 3 * L; // unsharedDiscreteProfile
    stepwise += odeTrajectoryEvaluations([x, y], lvl); // cresnetLimit
    stepwise += odeTrajectoryEvaluations(paths, lvl + 1) + odeTrajectoryEvaluations(paths, lvl); // signatureBlock
  }
  if (spec.view === 'signature') {
    grid += pdeGramEvaluations(paths, lvl);
    stepwise += odeTrajectoryEvaluations(paths, lvl + 1) + odeTrajectoryEvaluations(paths, lvl);
    const discrete = (depth: number, share: boolean) => {
      if (share) grid += discreteGramEvaluations(paths.length, depth, true);
      else stepwise += discreteGramEvaluations(paths.length, depth, false);
    };
    discrete(L, spec.share);
    for (let D = spec.Lmin; ; D *= 2) {
      const depth = Math.min(D, spec.Lmax);
      discrete(depth, true);
      discrete(depth, false);
      if (depth === spec.Lmax) break;
    }
  }
  return { grid, stepwise };
}

/** All of them (theoryEvaluationCounts' grid + stepwise). */
export function theoryEvaluations(spec: Spec): number {
  const c = theoryEvaluationCounts(spec);
  return c.grid + c.stepwise;
}

/** Philox draw cost in multiply-adds of the dense chain (core/cost.ts: n² draws and 2k n² products per layer). */
const PHILOX = 10;

/**
 * The dense explicit chain (core/cost.ts: per layer n² weights, a Philox draw each (≈ 10 ops) and
 * 2k multiply-adds) that costs what one controlled ResNet of L steps costs on the CPU: every step
 * multiplies by d matrices (2k·d·n² ops); their d·n² draws happen once when shared, every step when not.
 */
export function equivalentLayers(L: number, d: number, k: number, share: boolean): number {
  return share ? Math.max(1, Math.ceil((d * (PHILOX + 2 * k * L)) / (PHILOX + 2 * k))) : L * d;
}

/** On WebGPU (gpu.ts) the weights are drawn at every step, shared or not: L·d dense layers. */
export function gpuEquivalentLayers(L: number, d: number): number {
  return L * d;
}

/** The CPU network of `size` (a depth-profile batch: L steps) as the dense chain the cost model prices. */
export function cpuNetworkSize(spec: Spec, size: SimSize): SimSize {
  return { ...size, method: 'explicit', L: equivalentLayers(size.L, spec.pdim, size.k, spec.share) };
}

export function gpuNetworkSize(spec: Spec, size: SimSize): SimSize {
  return { ...size, method: 'explicit', L: gpuEquivalentLayers(size.L, spec.pdim) };
}
