/**
 * Convergence in law of finite shaped-attention networks to the covariance SDE at fixed T = L/n
 * (issue 15 §2 acceptance): the Wasserstein-1 distance between the law of ρ₀₁ over M networks
 * (stopped at R, as the SDE paths are) and the SDE law, per width, with bootstrap SEs, and the
 * log-log slope of W1 against n by weighted least squares. Used by the tests and the bench.
 */
import { wasserstein1 } from '../../core/stats.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import type { AttentionModel } from './model.ts';
import { runAttentionNetworks } from './runner.ts';
import { simulateTokenSde } from './sde.ts';

export interface ConvergencePoint {
  readonly n: number;
  readonly L: number;
  readonly w1: number;
  readonly w1Se: number;
  /** ρ₀₁ of the M networks (stopped at R). */
  readonly sample: Float64Array;
}

export interface ConvergenceResult {
  readonly T: number;
  readonly points: ConvergencePoint[];
  /** ρ₀₁ of the SDE paths at min(T, τ_R). */
  readonly sde: Float64Array;
  readonly slope: number;
  readonly slopeSe: number;
}

/** Bootstrap SE of W1 between two samples (both resampled), `B` resamples keyed by Philox. */
export function w1BootstrapSe(a: Float64Array, b: Float64Array, B: number, seed: number): number {
  const s = new NormalStream(seed, Domain.test);
  const ra = new Float64Array(a.length);
  const rb = new Float64Array(b.length);
  const vals: number[] = [];
  for (let r = 0; r < B; r++) {
    for (let i = 0; i < a.length; i++) ra[i] = a[Math.floor(((s.word(r, 0, 0, i) >>> 0) / 4294967296) * a.length)];
    for (let i = 0; i < b.length; i++) rb[i] = b[Math.floor(((s.word(r, 0, 1, i) >>> 0) / 4294967296) * b.length)];
    vals.push(wasserstein1(ra, rb));
  }
  const mean = vals.reduce((x, y) => x + y, 0) / B;
  return Math.sqrt(vals.reduce((x, y) => x + (y - mean) ** 2, 0) / (B - 1));
}

/** Weighted least squares y = a + s x (weights 1/σ²): the slope and its SE. */
export function weightedSlope(xs: number[], ys: number[], sig: number[]): { slope: number; se: number } {
  const w = sig.map((s) => 1 / (s * s));
  const S = w.reduce((a, b) => a + b, 0);
  const Sx = xs.reduce((a, x, i) => a + w[i] * x, 0);
  const Sy = ys.reduce((a, y, i) => a + w[i] * y, 0);
  const Sxx = xs.reduce((a, x, i) => a + w[i] * x * x, 0);
  const Sxy = xs.reduce((a, x, i) => a + w[i] * x * ys[i], 0);
  const D = S * Sxx - Sx * Sx;
  return { slope: (S * Sxy - Sx * Sy) / D, se: Math.sqrt(S / D) };
}

export interface ConvergenceOptions {
  readonly T: number;
  readonly widths: readonly number[];
  /** Networks per width (a number, or one per width). */
  readonly M: number | readonly number[];
  readonly paths: number;
  readonly dt: number;
  readonly stopAt: number;
  readonly bootstrap?: number;
}

/** `base` gives m, γ², τ₀, the token geometry and the seed; n, n_k = n and L = T n per width. */
export function convergenceInLaw(base: Omit<AttentionModel, 'n' | 'nk' | 'L' | 'kind'>, o: ConvergenceOptions): ConvergenceResult {
  const sdeRun = simulateTokenSde({ m: base.m, gamma2: base.gamma2, tau0: base.tau0, q1: base.q1, q2: base.q2, rho0: base.rho0, T: o.T, dt: o.dt, paths: o.paths, seed: base.seed + 1, stopAt: o.stopAt, coarse: false });
  const sde = sdeRun.rho[0];
  const points = o.widths.map((n, wi) => {
    const M = typeof o.M === 'number' ? o.M : o.M[wi];
    const L = Math.round(o.T * n);
    if (Math.abs(L - o.T * n) > 1e-9) throw new RangeError(`T·n must be an integer; got T = ${o.T}, n = ${n}`);
    const run = runAttentionNetworks({ ...base, kind: 'shapedattn', n, nk: n, L }, { method: 'gram', M, stopAt: o.stopAt });
    const sample = run.final[0];
    return { n, L, w1: wasserstein1(sample, sde), w1Se: w1BootstrapSe(sample, sde, o.bootstrap ?? 20, base.seed + n), sample };
  });
  const fit = weightedSlope(points.map((p) => Math.log(p.n)), points.map((p) => Math.log(p.w1)), points.map((p) => p.w1Se / p.w1));
  return { T: o.T, points, sde, slope: fit.slope, slopeSe: fit.se };
}
