/**
 * What a controlled ResNet's run costs, for the planner (experiments/plan.ts; issue 16 §3, issue 20):
 *
 *   theory   the dual-kernel evaluations V_φ(a, c, b) of its solves, counted exactly (the cost model
 *            multiplies them by the calibrated seconds per evaluation of φ's class: closed form or
 *            quadrature — a quadrature evaluation priced by its φ-calls at the kernel's scale,
 *            quadratureCalls below × theory.quadratureCall — core/costCalibration.ts);
 *   networks the dense explicit chain of equal work (core/cost.ts explicitFeatures), on the CPU
 *            (network.ts: shared weights drawn once) and on WebGPU (gpu.ts: drawn at every step).
 *
 * The counts follow the solvers line by line (pde.ts, discrete.ts); cost.test.ts counts the
 * evaluations the module really makes and compares.
 */
import { buildPaths, type Path } from '../../core/paths.ts';
import type { SimSize } from '../../core/cost.ts';
import type { Spec } from '../../core/spec.ts';
import { specActivation } from '../../core/activations.ts';
import { quadratureDualKernels } from '../../theory/dual.ts';

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
export function theoryEvaluationCounts(spec: Spec): { readonly grid: number; readonly stepwise: number; readonly calls?: { readonly typical: number; readonly worst: number } } {
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
  const calls = quadratureCalls(spec);
  return calls === undefined ? { grid, stepwise } : { grid, stepwise, calls };
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

// ---------------------------------------------------------------------------------------------
// The price of one quadrature evaluation: φ-calls of the sinh rule at the kernel's scale
// ---------------------------------------------------------------------------------------------

/**
 * The largest kernel value K(s, t) a run's solves reach, from a comparison problem solved cheaply.
 * With g(a) = E φ(√a z)² (the 1-D Gaussian mean, increasing in a for the quadrature activations)
 * and Cauchy–Schwarz |V_φ(a, c, b)| ≤ √(g(a) g(b)), |⟨ẋ_s, ẏ_t⟩| ≤ |ẋ_s||ẏ_t|:
 *   shared weights (the PDE, pde.ts): K is bounded by the Goursat solution U(u, v) in arc-length
 *     coordinates, ∂u∂v U = σA² g(U) + σb², U(0, ·) = U(·, 0) = σ0², at u = v = ℓ (the longest
 *     path's length Σ|Δx|) — equal to it for a straight path with itself;
 *   fresh weights (the ODE): dK/dq = σA² g(K) + σb², K(0) = σ0², at q = ∫|ẋ|² dt = Σ|Δx|²/Δt.
 * Solved on 48 steps (RK4; the PDE: Heun on 48² cells), not to the last digit: the rule's node count grows like log a,
 * so the price is insensitive to the bound's error. Capped at 1e12 (gaussianSinhRule W_MIN: the
 * rule stops growing once the singular scale is below 1e−6).
 */
export function kernelScaleBound(paths: readonly Path[], params: { readonly s02: number; readonly sa2: number; readonly sb2: number; readonly share: boolean }, g: (a: number) => number): number {
  const CAP = 1e12;
  const f = (U: number) => params.sa2 * g(Math.min(U, CAP)) + params.sb2;
  let length = 0;
  let energy = 0;
  for (const x of paths) {
    let l = 0;
    let q = 0;
    for (let i = 1; i < x.times.length; i++) {
      let dx2 = 0;
      for (let k = 0; k < x.d; k++) dx2 += (x.values[i * x.d + k] - x.values[(i - 1) * x.d + k]) ** 2;
      l += Math.sqrt(dx2);
      q += dx2 / (x.times[i] - x.times[i - 1]);
    }
    length = Math.max(length, l);
    energy = Math.max(energy, q);
  }
  const N = 48;
  if (!params.share) {
    const h = energy / N;
    let K = params.s02;
    for (let i = 0; i < N && K < CAP; i++) {
      const k1 = f(K);
      const k2 = f(K + (h / 2) * k1);
      const k3 = f(K + (h / 2) * k2);
      K += (h / 6) * (k1 + 2 * k2 + 2 * k3 + f(K + h * k3)); // RK4
    }
    return Math.min(K, CAP);
  }
  // Goursat on [0, ℓ]²; U is symmetric, so only j ≤ i is computed.
  const h2 = (length / N) ** 2;
  const U: Float64Array[] = Array.from({ length: N + 1 }, () => new Float64Array(N + 1).fill(params.s02));
  const F: Float64Array[] = Array.from({ length: N + 1 }, () => new Float64Array(N + 1).fill(f(params.s02)));
  for (let i = 1; i <= N; i++) {
    for (let j = 1; j <= i; j++) {
      const up = j === i ? U[i][j - 1] : U[i - 1][j]; // U[i−1][j] = U[j][i−1] by symmetry
      const fUp = j === i ? F[i][j - 1] : F[i - 1][j];
      const base = up + U[i][j - 1] - U[i - 1][j - 1];
      const pred = base + h2 * F[i - 1][j - 1];
      const fPred = f(pred);
      U[i][j] = Math.min(base + (h2 / 4) * (F[i - 1][j - 1] + fUp + F[i][j - 1] + fPred), CAP);
      F[i][j] = f(U[i][j]);
      U[j][i] = U[i][j];
      F[j][i] = F[i][j];
    }
  }
  return U[N][N];
}

/** φ-calls one evaluation V_φ(a, c, b) of `V` makes (`counted()` reads a counter its φ increments). */
function callsOf(V: (a: number, c: number, b: number) => number, counted: () => number, a: number, c: number, b: number): number {
  const before = counted();
  V(a, c, b);
  return counted() - before;
}

/**
 * φ-calls per dual-kernel evaluation of a run's solves, counted on the real rule (the activation's
 * φ wrapped by a counter) at the scales the solves see — from σ0² to kernelScaleBound:
 *   worst:   the most over a ∈ {σ0², aMax}, b ∈ {σ0², aMax}, ρ ∈ {0, 0.5, 0.9, 0.99, 1} (the inner
 *            rule is refined where the correlation moves its centre off 0: gaussianSinhRule shiftStep);
 *   typical: the mean over a = b on 6 log-spaced scales from σ0² to aMax and ρ ∈ {0.5, 0.9, 0.99}.
 * The cost model prices an evaluation as these calls × the calibrated seconds per φ-call of the
 * family (core/costCalibration.ts theory.quadratureCall).
 */
export function quadratureCallsPerEvaluation(
  V: (a: number, c: number, b: number) => number,
  counted: () => number,
  s02: number,
  aMax: number,
): { readonly typical: number; readonly worst: number } {
  const hi = Math.max(aMax, s02);
  let worst = 0;
  for (const a of [s02, hi]) {
    for (const b of [s02, hi]) {
      for (const rho of [0, 0.5, 0.9, 0.99, 1]) worst = Math.max(worst, callsOf(V, counted, a, rho * Math.sqrt(a * b), b));
    }
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < 6; i++) {
    const a = s02 * (hi / s02) ** (i / 5);
    for (const rho of [0.5, 0.9, 0.99]) {
      sum += callsOf(V, counted, a, rho * a, a);
      count++;
    }
  }
  return { typical: sum / count, worst };
}

const callsMemo = new Map<string, { readonly typical: number; readonly worst: number } | undefined>();

/**
 * φ-calls per quadrature evaluation of this spec's solves (quadratureCallsPerEvaluation at the scale
 * kernelScaleBound gives), or undefined where φ has a closed-form dual kernel (no quadrature).
 * Memoised per (act, paths, pdim, s02, σA², σb², share): a few ms each (~10⁵ φ-calls).
 */
export function quadratureCalls(spec: Spec): { readonly typical: number; readonly worst: number } | undefined {
  const key = [spec.act, spec.paths, spec.pdim, spec.s02, spec.sw2, spec.sb2, spec.share].join('|');
  if (callsMemo.has(key)) return callsMemo.get(key);
  let result: { readonly typical: number; readonly worst: number } | undefined;
  const act = specActivation(spec);
  const built = buildPaths(spec.paths, spec.pdim);
  if (act.dual === undefined && built.ok) {
    let count = 0;
    const counting = { ...act, phi: (x: number) => (count++, act.phi(x)) };
    const exact = quadratureDualKernels(counting, 'exact');
    // The bound's g at the fast tier (a bound, not a result: 1e−9 is plenty).
    const g = quadratureDualKernels(act, 'fast').Fdiag;
    const aMax = kernelScaleBound(built.value, { s02: spec.s02, sa2: spec.sw2, sb2: spec.sb2, share: spec.share }, g);
    result = quadratureCallsPerEvaluation(exact.F, () => count, spec.s02, aMax);
  }
  callsMemo.set(key, result);
  return result;
}
