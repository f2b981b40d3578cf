/**
 * The exact law of Q = q̂11 = |z^L|²/n next to its Monte Carlo, for the finite-width view
 * (finiteWidthView.ts): linear or relu-type φ, σb = 0, Gaussian weights
 * (theory/finiteWidth/normMoments.ts), or linear φ with Haar-orthogonal weights
 * (theory/finiteWidth/orthogonalNorm.ts: only the first layer is random, the law does not depend
 * on L): E Q²/(E Q)², the log-moments over live networks with the survival probability, and the
 * log-normal approximation.
 * Heavy tails: once L/n ≳ 0.2 the sample second moment converges slowly (its own SE is unreliable);
 * `heavyTailed` marks those widths, where the log-moments are the meaningful comparison.
 */
import { resolveSpec } from '../archs/index.ts';
import type { Spec } from '../core/spec.ts';
import { INPUT_DIMENSION } from '../core/inputs.ts';
import { exactLogMoments, homogeneousChain, logNormalApproximation, secondMomentRatio } from '../theory/finiteWidth/normMoments.ts';
import { orthogonalLinearNormLaw } from '../theory/finiteWidth/orthogonalNorm.ts';
import { meanVar } from '../core/stats.ts';

/** L/n at and above which Q has heavy tails (DESIGN.md §3): compare log-moments there. */
export const HEAVY_TAIL_RATIO = 0.2;

export interface NormLawBlock {
  readonly family: 'linear' | 'relu' | 'leaky';
  /** Whose law: iid Gaussian layers (Q a product of chi-squares) or Haar-orthogonal ones (Q = gain · Beta). */
  readonly weights: 'gaussian' | 'orthogonal';
  /** E Q_L²/(E Q_L)²: exact, Monte Carlo (all networks, dead ones count as Q = 0) and its SE. */
  readonly secondMoment: { readonly exact: number[]; readonly mc: number[]; readonly se: number[]; readonly heavyTailed: boolean[] };
  /** log Q_L over live networks; exact values null for leaky slopes (no closed form). */
  readonly logMoments: {
    readonly exactMean: (number | null)[];
    readonly exactVar: (number | null)[];
    readonly survival: (number | null)[];
    readonly mcMean: number[];
    readonly mcMeanSe: number[];
    readonly mcVar: number[];
    readonly mcVarSe: number[];
    readonly live: number[];
  };
  /** log Q_L ≈ N(μ, σ²) matching E Q, E Q²; σ²_leading = (2 + c(L − 1))/n. */
  readonly logNormal: { readonly mu: number[]; readonly sigma2: number[]; readonly sigma2Leading: number[] };
}

export function normLaw(spec: Spec): NormLawBlock | { unavailable: string } {
  const { activation, weights } = resolveSpec(spec);
  if (weights.kind !== 'gaussian' && weights.kind !== 'orthogonal') {
    return { unavailable: `the exact law of |z^L|² is for iid Gaussian or Haar-orthogonal weights (weights=${spec.weights})` };
  }
  const chain = homogeneousChain(activation, spec.sb2);
  if (!chain.ok) return { unavailable: chain.reason };
  if (weights.kind === 'orthogonal' && chain.family !== 'linear') {
    return { unavailable: `with orthogonal weights the exact law of |z^L|² is for linear nets (|φ(x)| = s|x|); ${activation.id} is not` };
  }
  return {
    family: chain.family,
    weights: weights.kind,
    secondMoment: { exact: [], mc: [], se: [], heavyTailed: [] },
    logMoments: { exactMean: [], exactVar: [], survival: [], mcMean: [], mcMeanSe: [], mcVar: [], mcVarSe: [], live: [] },
    logNormal: { mu: [], sigma2: [], sigma2Leading: [] },
  };
}

/** Ratio of means m₂/m₁² of Q and Q², with its delta-method standard error. */
export function momentRatio(Q: ArrayLike<number>): { ratio: number; se: number } {
  const M = Q.length;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < M; i++) {
    m1 += Q[i] / M;
    m2 += (Q[i] * Q[i]) / M;
  }
  let c11 = 0;
  let c12 = 0;
  let c22 = 0;
  for (let i = 0; i < M; i++) {
    const a = Q[i] - m1;
    const b = Q[i] * Q[i] - m2;
    c11 += a * a;
    c12 += a * b;
    c22 += b * b;
  }
  const d = M - 1;
  const g1 = (-2 * m2) / m1 ** 3;
  const g2 = 1 / m1 ** 2;
  const v = (g1 * g1 * c11 + 2 * g1 * g2 * c12 + g2 * g2 * c22) / d / M;
  return { ratio: m2 / (m1 * m1), se: Math.sqrt(v) };
}

/** Mean and variance of log Q over live networks, with standard errors (the variance's from the 4th moment). */
export function logStatistics(Q: ArrayLike<number>): { mean: number; meanSe: number; var: number; varSe: number; live: number } {
  const logs: number[] = [];
  for (let i = 0; i < Q.length; i++) if (Q[i] > 0) logs.push(Math.log(Q[i]));
  const { mean, var: v, count } = meanVar(logs);
  let m4 = 0;
  for (const x of logs) m4 += (x - mean) ** 4 / count;
  return { mean, meanSe: Math.sqrt(v / count), var: v, varSe: Math.sqrt(Math.max(0, m4 - v * v) / count), live: count };
}

/** Append width n: the exact values and the Monte Carlo ones from the M samples Q = q̂11 at layer L. */
export function addNormLaw(norm: NormLawBlock, spec: Spec, n: number, Q: Float64Array): void {
  const chain = homogeneousChain(resolveSpec(spec).activation, spec.sb2);
  if (!chain.ok) return;
  const L = spec.L;
  const sm = norm.secondMoment as { exact: number[]; mc: number[]; se: number[]; heavyTailed: boolean[] };
  const { ratio, se } = momentRatio(Q);
  const lm = norm.logMoments as { [K in keyof NormLawBlock['logMoments']]: (number | null)[] };
  const l = norm.logNormal as { mu: number[]; sigma2: number[]; sigma2Leading: number[] };
  const st = logStatistics(Q);
  const pushMc = () => {
    sm.mc.push(ratio);
    sm.se.push(se);
    lm.mcMean.push(st.mean);
    lm.mcMeanSe.push(st.meanSe);
    lm.mcVar.push(st.var);
    lm.mcVarSe.push(st.varSe);
    lm.live.push(st.live);
  };
  if (norm.weights === 'orthogonal') {
    // Only the first layer's projection is random: no heavy tails, whatever L/n.
    const law = orthogonalLinearNormLaw(n, INPUT_DIMENSION, L, chain.sp, spec.sw2, spec.q1);
    sm.exact.push(law.secondMomentRatio);
    sm.heavyTailed.push(false);
    lm.exactMean.push(law.logMean);
    lm.exactVar.push(law.logVar);
    lm.survival.push(1);
    pushMc();
    const sigma2 = Math.log(law.secondMomentRatio);
    l.mu.push(Math.log(law.meanQ) - sigma2 / 2);
    l.sigma2.push(sigma2);
    l.sigma2Leading.push(n < INPUT_DIMENSION ? 2 / n - 2 / INPUT_DIMENSION : 0);
    return;
  }
  sm.exact.push(secondMomentRatio(chain.sp, chain.sm, n, L));
  sm.heavyTailed.push(L / n >= HEAVY_TAIL_RATIO);
  const exact = exactLogMoments(chain, spec.sw2, spec.q1, n, L);
  lm.exactMean.push(exact ? exact.mean : null);
  lm.exactVar.push(exact ? exact.var : null);
  lm.survival.push(exact ? exact.survival : null);
  pushMc();
  const ln = logNormalApproximation(chain, spec.sw2, spec.q1, n, L);
  l.mu.push(ln.mu);
  l.sigma2.push(ln.sigma2);
  l.sigma2Leading.push(ln.sigma2Leading);
}

