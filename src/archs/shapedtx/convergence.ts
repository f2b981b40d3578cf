/**
 * Convergence in law of finite shaped Transformer block networks to the block's covariance SDE (B3)
 * at fixed T = L/n (issue 15 §2 acceptance, as for shaped attention: archs/attention/convergence.ts):
 * W1 between the law of ρ₀₁ over M networks (exact chain, stopped at R like the SDE paths) and the
 * SDE law, per width, with bootstrap SEs, and the log-log slope of W1 against n (weighted LS).
 */
import { wasserstein1 } from '../../core/stats.ts';
import { w1BootstrapSe, weightedSlope, type ConvergencePoint } from '../attention/convergence.ts';
import type { BlockModel } from './model.ts';
import { runBlockNetworks } from './runner.ts';
import { simulateBlockSde } from './sde.ts';

export interface BlockConvergenceResult {
  readonly T: number;
  readonly points: ConvergencePoint[];
  /** ρ₀₁ of the SDE paths at min(T, τ_R). */
  readonly sde: Float64Array;
  readonly sdeStopped: number;
  readonly slope: number;
  readonly slopeSe: number;
}

export interface BlockConvergenceOptions {
  readonly T: number;
  readonly widths: readonly number[];
  readonly M: readonly number[];
  readonly paths: number;
  readonly dt: number;
  readonly stopAt: number;
  readonly bootstrap?: number;
}

/** `base` gives the constants, tokens and seed; n, n_k = n and L = T n are set per width. */
export function blockConvergenceInLaw(base: BlockModel, o: BlockConvergenceOptions): BlockConvergenceResult {
  const a = base.attention;
  const sdeRun = simulateBlockSde({ m: a.m, gamma2: a.gamma2, tau0: a.tau0, gamma2m: base.gamma2m, cp: base.cp, cm: base.cm, q1: a.q1, q2: a.q2, rho0: a.rho0, T: o.T, dt: o.dt, paths: o.paths, seed: a.seed + 1, stopAt: o.stopAt, coarse: false });
  const sde = sdeRun.rho[0];
  const points = o.widths.map((n, wi) => {
    const L = Math.round(o.T * n);
    if (Math.abs(L - o.T * n) > 1e-9) throw new RangeError(`T·n must be an integer; got T = ${o.T}, n = ${n}`);
    const model: BlockModel = { ...base, attention: { ...a, n, nk: n, L } };
    const sample = runBlockNetworks(model, { method: 'gram', M: o.M[wi], stopAt: o.stopAt }).final[0];
    return { n, L, w1: wasserstein1(sample, sde), w1Se: w1BootstrapSe(sample, sde, o.bootstrap ?? 20, a.seed + n), sample };
  });
  const fit = weightedSlope(points.map((p) => Math.log(p.n)), points.map((p) => Math.log(p.w1)), points.map((p) => p.w1Se / p.w1));
  return { T: o.T, points, sde, sdeStopped: sdeRun.stopped, slope: fit.slope, slopeSe: fit.se };
}
