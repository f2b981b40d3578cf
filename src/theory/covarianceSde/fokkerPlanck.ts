/**
 * The law of ρ_T for the neural covariance SDE (coefficients.ts (1)) started at a point mass ρ₀:
 * the Fokker–Planck equation of x = atanh ρ solved by conservative finite volumes
 * (finiteVolume.ts: Scharfetter–Gummel fluxes, TR-BDF2 in time). This is the reference law of the
 * proportional limit (DESIGN.md §1 "shaped"): Euler–Maruyama clipped to [−1, 1] is biased by O(dt).
 *
 * Grid (uniform in x, `cells` cells on [xLo, xHi] ⊂ [−20, 20]); with Z = 8, τ = T − t₀ and the start
 * N(m, s²) at t₀ (s = 0 for a point mass):
 *  - below: β ≥ −1/2 everywhere (ν ≥ 0), so pathwise x_T ≥ x_{t₀} − τ/2 + W_τ and
 *    xLo = m − τ/2 − Z√(s² + τ) leaves mass Φ(−8) ≈ 6e−16 outside. For c₊ ≠ c₋ the wall drift is
 *    used as well: left of the first x below m where β ≥ 40 the scale function decays like e^{−80}
 *    per unit length, so xLo ≥ that point − 1 is enough.
 *  - above: xHi = (the drift flow from m + Zs over τ) + Z·sd, the sd of the noise linearised about
 *    the flow with growth rate max(0, max β') — a heuristic, so it is verified (below).
 *  - the grid is clipped to [−20, 20]; beyond it tanh x = ±1 in f64, so the boundary atoms ARE the
 *    mass at ρ = ±1 (ρ → 1 is reached only asymptotically, but is 1 to rounding once x > 18.7).
 *  - after the solve the mass absorbed at any end that is not ±20 is checked (≤ 1e−12); if it is
 *    larger that end is moved out (distance doubled) and the solve repeated.
 * A point-mass start is put exactly on a cell centre (no splitting variance). Time steps are graded
 * t_j = t₀ + τ (j/K)² (the first steps resolve the point mass, the last are 2τ/K).
 */
import type { Spec } from '../../core/spec.ts';
import { normalCdf } from '../../core/special.ts';
import type { SdeBlock } from '../blocks.ts';
import { inputKernel, kernelCorrelation } from '../nngp.ts';
import { cellLaw, pointMassLaw, type CorrelationLaw } from './cellLaw.ts';
import { atanhDrift, atanhDriftDerivatives, shapingStrength } from './coefficients.ts';
import { evolveTrBdf2, fvGenerator } from './finiteVolume.ts';
import { rk4Step } from './rk4.ts';
import { startLaw, type StartLaw } from './startLaw.ts';

export type { CorrelationLaw } from './cellLaw.ts';

export interface CorrelationLawParams {
  readonly cp: number;
  readonly cm: number;
  /** ρ₀ ∈ [−1, 1], the correlation at t = 0. */
  readonly rho0: number;
  /** T = L/n > 0, in the SDE's time t = l/n. */
  readonly T: number;
}

export interface FokkerPlanckGrid {
  /** Finite-volume cells in x = atanh ρ. */
  readonly cells?: number;
  /** TR-BDF2 time steps from t₀ to T. */
  readonly steps?: number;
}

/** Default grid: 1200 cells, 300 steps (see fokkerPlanck.test.ts for the measured convergence). */
export const DEFAULT_FP_GRID: Required<FokkerPlanckGrid> = { cells: 1200, steps: 300 };

/** |x| beyond which tanh x rounds to ±1 in f64. */
export const X_SATURATION = 20;
const Z = 8;
const WALL_DRIFT = 40;
const OUTSIDE_TOLERANCE = 1e-12;

export interface FokkerPlanckLaw extends CorrelationLaw {
  /** How the solve started (point mass on the grid, or the moment closure up to t₀). */
  readonly start: StartLaw;
  readonly steps: number;
}

function checkParams(p: CorrelationLawParams, cells: number, steps: number): void {
  const bad = (key: string, value: number, allowed: string) => {
    throw new RangeError(`correlationLaw: ${key} = ${value} is not allowed (${allowed})`);
  };
  if (!Number.isFinite(p.cp)) bad('cp', p.cp, 'a finite number');
  if (!Number.isFinite(p.cm)) bad('cm', p.cm, 'a finite number');
  if (!(p.rho0 >= -1 && p.rho0 <= 1)) bad('rho0', p.rho0, 'ρ₀ ∈ [−1, 1]');
  if (!(p.T > 0 && Number.isFinite(p.T))) bad('T', p.T, 'T = L/n > 0');
  if (!(Number.isInteger(cells) && cells >= 16)) bad('cells', cells, 'an integer ≥ 16');
  if (!(Number.isInteger(steps) && steps >= 1)) bad('steps', steps, 'an integer ≥ 1');
}

/** max of f over [a, b], sampled at 201 points (f is smooth; the verification below backs it up). */
function sampledMax(f: (x: number) => number, a: number, b: number): number {
  let best = -Infinity;
  for (let i = 0; i <= 200; i++) best = Math.max(best, f(a + ((b - a) * i) / 200));
  return best;
}

/**
 * The deterministic flow dx/dt = β(x) from x for a time τ, stopped at ±20 or at a stable rest
 * point. RK4 with h = min(0.2/|β′|, 0.5/|β|): an estimate for the grid's upper end, which the
 * solver verifies afterwards, so modest accuracy is enough.
 */
function driftFlow(kappa: number, x: number, tau: number): number {
  const y = Float64Array.of(x);
  const rhs = (yy: Float64Array, dy: Float64Array) => {
    dy[0] = atanhDrift(yy[0], kappa);
  };
  let t = 0;
  for (let guard = 0; guard < 100_000 && t < tau && Math.abs(y[0]) < X_SATURATION; guard++) {
    const b = atanhDrift(y[0], kappa);
    const d1 = atanhDriftDerivatives(y[0], kappa).d1;
    const h = Math.min(tau - t, 0.2 / (Math.abs(d1) + 1e-2), 0.5 / Math.max(Math.abs(b), 1e-300));
    if (Math.abs(b) * h < 1e-12 && d1 < 0) break; // at a stable rest point of the flow
    rk4Step(rhs, y, h);
    t += h;
  }
  return Math.max(-X_SATURATION, Math.min(X_SATURATION, y[0]));
}

/** Lower end of the region the mass can reach given the wall (c₊ ≠ c₋), else −∞. */
function wallLowerBound(kappa: number, from: number): number {
  if (kappa === 0) return -Infinity;
  let x = from;
  while (x > -X_SATURATION && atanhDrift(x, kappa) < WALL_DRIFT) x -= 0.25;
  return x - 1;
}

interface Domain {
  lo: number;
  hi: number;
}

function initialDomain(kappa: number, m: number, s: number, tau: number): Domain {
  let lo = m - tau / 2 - Z * Math.sqrt(s * s + tau);
  lo = Math.max(lo, Math.min(wallLowerBound(kappa, m), m - Z * s - 0.5));
  // Above: the flow of the drift from m + Zs, plus Z sd of the noise part linearised about it,
  // with the growth rate Λ = max(0, max β') on [m, 20]: Var ≤ s² e^{2Λτ} + (e^{2Λτ} − 1)/(2Λ).
  const top = Math.max(m, -X_SATURATION);
  const growth = Math.max(0, sampledMax((x) => atanhDriftDerivatives(x, kappa).d1, top, X_SATURATION));
  const e2 = Math.exp(Math.min(2 * growth * tau, 50));
  const noiseVar = growth > 0 ? (e2 - 1) / (2 * growth) : tau;
  const hi = driftFlow(kappa, m + Z * s, tau) + Z * Math.sqrt(s * s * e2 + noiseVar);
  return { lo: Math.max(-X_SATURATION, lo), hi: Math.min(X_SATURATION, Math.max(hi, m + Z * s + Z * Math.sqrt(tau))) };
}

/** Cell masses of N(m, s²) on the cells, and the two tails as atoms. */
function gaussianCells(xLo: number, h: number, N: number, m: number, s: number) {
  const masses = new Float64Array(N);
  // Φ differences taken on the side of the mean where they do not cancel.
  const upperTail = (x: number) => normalCdf(-(x - m) / s);
  const lowerTail = (x: number) => normalCdf((x - m) / s);
  for (let i = 0; i < N; i++) {
    const a = xLo + i * h;
    const b = a + h;
    masses[i] = a >= m ? upperTail(a) - upperTail(b) : lowerTail(b) - lowerTail(a);
  }
  return { masses, low: lowerTail(xLo), high: upperTail(xLo + N * h) };
}

function gradedTimes(t0: number, T: number, K: number): Float64Array {
  const t = new Float64Array(K + 1);
  for (let j = 0; j <= K; j++) t[j] = t0 + (T - t0) * (j / K) * (j / K);
  t[K] = T;
  return t;
}

/**
 * The law of ρ_T: cell centres and density in ρ, the CDF, mean, sd, quantiles, total mass.
 * Throws a RangeError naming the parameter when one is out of range.
 */
export function correlationLaw(params: CorrelationLawParams, grid: FokkerPlanckGrid = {}): FokkerPlanckLaw {
  const cells = grid.cells ?? DEFAULT_FP_GRID.cells;
  const steps = grid.steps ?? DEFAULT_FP_GRID.steps;
  checkParams(params, cells, steps);
  const { T, rho0 } = params;
  const kappa = shapingStrength(params.cp, params.cm);

  // The drift a cell resolves at the start: cell Péclet number 1 (βh/D = 1), with h estimated
  // from the point-mass domain.
  const xGuess = rho0 > -1 && rho0 < 1 ? Math.atanh(rho0) : -X_SATURATION;
  const guess = initialDomain(kappa, xGuess, 0, T);
  const betaStart = 1 / (2 * Math.max((guess.hi - guess.lo) / cells, 1e-300));
  const start = startLaw(kappa, rho0, T, betaStart);
  if (start.kind === 'pointMass') return { ...pointMassLaw(start.rho), start, steps: 0 };

  const m = start.kind === 'delta' ? start.x0 : start.mean;
  const s = start.kind === 'delta' ? 0 : Math.sqrt(start.variance);
  const tau = T - start.t0;
  let dom = initialDomain(kappa, m, s, tau);

  for (let attempt = 0; ; attempt++) {
    let lo: number;
    let h: number;
    let masses: Float64Array;
    let atoms = { low: 0, high: 0 };
    if (start.kind === 'delta') {
      // Put x₀ on a cell centre, moving the grid outwards (one spare cell keeps both ends outside).
      h = (dom.hi - dom.lo) / (cells - 1);
      const j = Math.min(cells - 1, Math.max(0, Math.ceil((m - dom.lo) / h - 0.5)));
      lo = m - (j + 0.5) * h;
      masses = new Float64Array(cells);
      masses[j] = 1;
    } else {
      lo = dom.lo;
      h = (dom.hi - dom.lo) / cells;
      const g = gaussianCells(lo, h, cells, m, s);
      masses = g.masses;
      atoms = { low: g.low, high: g.high };
    }
    const hi = lo + cells * h;
    if (tau > 0) {
      const A = fvGenerator(kappa, lo, h, cells);
      atoms = evolveTrBdf2(A, masses, atoms, gradedTimes(start.t0, T, steps));
    }
    // An end is "open" unless tanh rounds to ±1 there (then its atom is mass at ρ = ±1).
    const lowOpen = Math.tanh(lo) !== -1 && atoms.low > OUTSIDE_TOLERANCE;
    const highOpen = Math.tanh(hi) !== 1 && atoms.high > OUTSIDE_TOLERANCE;
    if ((!lowOpen && !highOpen) || attempt >= 5) {
      return { ...cellLaw(lo, h, masses, atoms.low, atoms.high), start, steps: tau > 0 ? steps : 0 };
    }
    if (lowOpen) dom = { ...dom, lo: Math.max(-X_SATURATION, m - 2 * (m - dom.lo)) };
    if (highOpen) dom = { ...dom, hi: Math.min(X_SATURATION, m + 2 * (dom.hi - m)) };
  }
}

/**
 * ρ at layer 1 of a shaped network: z¹ = σw W¹x/√d + σb b¹ has the kernel K¹ = σw² X + σb²
 * (DESIGN.md §1), so ρ₀ = (σw² √(q₁q₂) ρ + σb²)/√((σw² q₁ + σb²)(σw² q₂ + σb²)).
 */
export function firstLayerCorrelation(spec: Pick<Spec, 'sw2' | 'sb2' | 'q1' | 'q2' | 'rho0'>): number {
  const X = inputKernel(spec.q1, spec.q2, spec.rho0);
  return kernelCorrelation(spec.sw2 * X.k11 + spec.sb2, spec.sw2 * X.k12 + spec.sb2, spec.sw2 * X.k22 + spec.sb2);
}

/**
 * The `sde` block of the result (DESIGN.md §6) of a shaped MLP (archs/shaped `limits.proportional`;
 * no other architecture has this limit, so only that module calls it): the law of ρ_T at T = L/n from
 * ρ₀ = the layer-1 correlation, and log(V_aa(T)/V_aa(0)) ~ N(−T, 2T) (each Wishart step multiplies
 * V_aa by χ²_n/n, E log = −1/n, Var log = 2/n; the shaping leaves E[c φ_s(z)²] = V_aa exactly).
 * The network has L − 1 shaped layers after layer 1; T = L/n rather than (L − 1)/n is the
 * contract of DESIGN.md §1, an O(1/n) difference that vanishes in the limit.
 */
export function sdeBlock(spec: Pick<Spec, 'cp' | 'cm' | 'n' | 'L' | 'sw2' | 'sb2' | 'q1' | 'q2' | 'rho0'>, grid: FokkerPlanckGrid = {}): SdeBlock {
  const T = spec.L / spec.n;
  const law = correlationLaw({ cp: spec.cp, cm: spec.cm, rho0: firstLayerCorrelation(spec), T }, grid);
  return {
    T,
    rho: {
      mean: law.mean,
      sd: law.sd,
      p05: law.quantile(0.05),
      p25: law.quantile(0.25),
      p50: law.quantile(0.5),
      p75: law.quantile(0.75),
      p95: law.quantile(0.95),
    },
    logVaa: { mean: -T, var: 2 * T },
  };
}
