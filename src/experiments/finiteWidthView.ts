/**
 * The finite-width view (view=finite): how far a width-n MLP is from its infinite-width limit at
 * depth L, and why. For n = nmin, 2·nmin, … ≤ nmax (coupled seeds, as in widthSweep.ts) it runs
 * M networks of the spec and reports, for K̂^L = (q̂11, q̂12, q̂22) and ρ̂^L:
 *   - the Monte Carlo mean, its standard error and the sd over networks;
 *   - the limit K^L (the NNGP, or the weight family's own limit: theory/finiteWidth/weightFamilies.ts)
 *     and the 1/n-corrected mean K^L + d_L/n (theory/finiteWidth/kernelCorrection.ts, Gaussian and
 *     low-rank weights), with the predicted sd √(c_L/n);
 *   - |mean − K^L| and sd against n with fitted log-log slopes (fit.ts): −1 for the bias, −1/2 for
 *     the fluctuations (the bias slope flattens where |bias| falls below the Monte Carlo error,
 *     reported per width as `se`);
 * and, for linear or relu-type φ with σb = 0 and Gaussian weights, or linear φ with orthogonal
 * weights, the exact law of Q = q̂11 next to its Monte Carlo (finiteNormLaw.ts).
 */
import { resolveSpec } from '../archs/index.ts';
import { archOf } from '../archs/index.ts';
import type { SimBackend } from '../backends/types.ts';
import type { SimSize } from '../core/cost.ts';
import type { Spec } from '../core/spec.ts';
import { correctionCoefficients, correctionTable, type CorrectionTable } from '../theory/finiteWidth/kernelCorrection.ts';
import { supportsCorrection } from '../theory/finiteWidth/gaussianMoments.ts';
import { homogeneousChain } from '../theory/finiteWidth/normMoments.ts';
import { familyLimitKernel } from '../theory/finiteWidth/weightFamilies.ts';
import { inputKernel, kernelCorrelation } from '../theory/nngp.ts';
import { addNormLaw, normLaw, type NormLawBlock } from './finiteNormLaw.ts';

export type { NormLawBlock } from './finiteNormLaw.ts';
import { logLogSlope } from './fit.ts';
import { runNetworks, type Progress } from './monteCarlo.ts';
import { meanVar } from '../core/stats.ts';
import { sweepWidths } from './widthSweep.ts';

export interface FiniteEntry {
  readonly mean: number[];
  readonly se: number[];
  readonly sd: number[];
  /** The infinite-width value at layer L. */
  readonly limit: number;
  /**
   * limit + d/n at each width, d the 1/n coefficient of kernelCorrection.ts (independent of n for
   * Gaussian weights; a function of n/r for low rank); null where no O(1/n) theory applies.
   */
  readonly corrected: (number | null)[];
  /** The predicted sd over networks at each width, √(c/n); null where no theory applies. */
  readonly predictedSd: (number | null)[];
  /** |mean − limit| per width (the bias, plus Monte Carlo error of size `se`). */
  readonly absBias: number[];
  /** Fitted log-log slopes over the widths: bias (theory −1) and sd (theory −1/2); null with < 2 usable points. */
  readonly slopeBias: number | null;
  readonly slopeSd: number | null;
}

export interface FiniteWidthBlock {
  readonly layer: number;
  readonly n: number[];
  readonly M: number;
  readonly weights: string;
  readonly q11: FiniteEntry;
  readonly q12: FiniteEntry;
  readonly q22: FiniteEntry;
  readonly rho: FiniteEntry;
  /** What the limit is for this weight family, and whether the O(1/n) correction applies. */
  readonly limitNote: string;
  readonly correction: { readonly available: boolean; readonly reason?: string };
  readonly norm: NormLawBlock | { readonly unavailable: string };
  readonly notes: string[];
}

export function finiteWidths(spec: Spec): number[] {
  return sweepWidths(spec.nmin, spec.nmax);
}

export function finitePlan(spec: Spec): SimSize[] {
  return finiteWidths(spec).map((n) => ({ method: spec.method, n, L: spec.L, k: spec.k, M: spec.M, recorded: 1 }));
}

export function finiteApplies(spec: Spec): string | undefined {
  if (!archOf(spec).views.includes('finite')) return 'the finite-width theory (exact moments, 1/n corrections) is for the MLP: choose arch=mlp';
  return undefined;
}

/** The 1/n theory for this spec's weights: a table (Gaussian, low rank) or why there is none. */
function correctionFor(spec: Spec): { table?: CorrectionTable; rank?: number; reason?: string } {
  const { weights, activation: act } = resolveSpec(spec);
  if (!supportsCorrection(act)) return { reason: `no higher derivatives of ${act.id} for the delta method` };
  if (weights.kind !== 'gaussian' && weights.kind !== 'lowrank') {
    return { reason: `the O(1/n) correction is derived for Gaussian (and low-rank Gaussian) weights; for ${spec.weights} the 1/n terms depend on the weights' fourth moments and, for orthogonal weights, on their correlations` };
  }
  const table = correctionTable(act, spec.sw2, spec.sb2, inputKernel(spec.q1, spec.q2, spec.rho0), spec.L);
  return { table, rank: weights.kind === 'lowrank' ? weights.r : undefined };
}

function entry(limit: number): FiniteEntry {
  return { mean: [], se: [], sd: [], limit, corrected: [], predictedSd: [], absBias: [], slopeBias: null, slopeSd: null };
}

function slope(ns: number[], ys: number[]): number | null {
  const xs: number[] = [];
  const vs: number[] = [];
  ns.forEach((n, i) => {
    if (ys[i] > 0 && Number.isFinite(ys[i])) {
      xs.push(n);
      vs.push(ys[i]);
    }
  });
  return xs.length >= 2 ? logLogSlope(xs, vs) : null;
}

export async function runFiniteWidth(
  spec: Spec,
  options: { backend: SimBackend; signal?: AbortSignal; onPartial?: (block: FiniteWidthBlock, progress: Progress) => void },
): Promise<FiniteWidthBlock> {
  const L = spec.L;
  const widths = finiteWidths(spec);
  const { activation, weights } = resolveSpec(spec);
  const limit = familyLimitKernel(activation, weights, spec.sw2, spec.sb2, spec, L);
  const K = limit.K[L - 1];
  const corr = correctionFor(spec);
  const norm = normLaw(spec);
  const block: FiniteWidthBlock = {
    layer: L,
    n: [],
    M: spec.M,
    weights: spec.weights,
    q11: entry(K[0]),
    q12: entry(K[1]),
    q22: entry(K[2]),
    rho: entry(kernelCorrelation(K[0], K[1], K[2])),
    limitNote: limit.note,
    correction: corr.table ? { available: true } : { available: false, reason: corr.reason },
    norm,
    notes: [],
  };
  const fixed = corr.table && corr.rank === undefined ? correctionCoefficients(corr.table) : undefined;
  for (let wi = 0; wi < widths.length; wi++) {
    const n = widths[wi];
    const { acc } = await runNetworks({ ...spec, n }, [L], { backend: options.backend, signal: options.signal });
    const s = acc.samples(0);
    block.n.push(n);
    const co = fixed ?? (corr.table ? correctionCoefficients(corr.table, { rankRatio: n / corr.rank! }) : undefined);
    const keys = [
      ['q11', s.q11, 0],
      ['q12', s.q12, 1],
      ['q22', s.q22, 2],
    ] as const;
    for (const [key, values, i] of keys) {
      const e = block[key] as { mean: number[]; se: number[]; sd: number[]; corrected: (number | null)[]; predictedSd: (number | null)[]; absBias: number[] };
      const mv = meanVar(values);
      e.mean.push(mv.mean);
      e.se.push(Math.sqrt(mv.var / mv.count));
      e.sd.push(Math.sqrt(mv.var));
      e.absBias.push(Math.abs(mv.mean - block[key].limit));
      e.corrected.push(co ? block[key].limit + co.d[L - 1][i] / n : null);
      e.predictedSd.push(co ? Math.sqrt(co.cov[L - 1][4 * i] / n) : null);
    }
    const rv = meanVar(s.rho.filter(Number.isFinite));
    const r = block.rho as unknown as { mean: number[]; se: number[]; sd: number[]; corrected: (number | null)[]; predictedSd: (number | null)[]; absBias: number[] };
    r.mean.push(rv.mean);
    r.se.push(Math.sqrt(rv.var / rv.count));
    r.sd.push(Math.sqrt(rv.var));
    r.absBias.push(Math.abs(rv.mean - block.rho.limit));
    r.corrected.push(co ? block.rho.limit + co.rhoD[L - 1] / n : null);
    r.predictedSd.push(co ? Math.sqrt(co.rhoVar[L - 1] / n) : null);
    if ('family' in norm) addNormLaw(norm, spec, n, s.q11);
    for (const key of ['q11', 'q12', 'q22', 'rho'] as const) {
      const e = block[key] as { slopeBias: number | null; slopeSd: number | null };
      e.slopeBias = slope(block.n, block[key].absBias);
      e.slopeSd = slope(block.n, block[key].sd);
    }
    options.onPartial?.(block, { done: wi + 1, total: widths.length });
  }
  block.notes.push(...finiteNotes(spec, block));
  return block;
}

function finiteNotes(spec: Spec, block: FiniteWidthBlock): string[] {
  const notes = [
    'Bias |E K̂ − K| falls like 1/n (slope −1) and the spread sd(K̂) like n^{−1/2} (slope −1/2); the fitted bias slope flattens where the bias is below the Monte Carlo error (se).',
  ];
  if (!block.correction.available) notes.push(`No 1/n-corrected curve: ${block.correction.reason}.`);
  else notes.push('ρ̂ is a ratio: its 1/n correction includes the ratio’s own bias, and its O(1/n²) remainder is larger than that of the kernel entries (visible at n = 16 with thousands of networks).');
  const { activation, weights } = resolveSpec(spec);
  const chain = homogeneousChain(activation, spec.sb2);
  if (weights.kind === 'orthogonal' && chain.ok && chain.family === 'linear') {
    notes.push('Orthogonal weights, linear φ, σb² = 0: every square layer is an isometry, so log Q_L = log Q_1 + (L − 1) log σw² exactly — only the first layer (a random projection of the d = 1024 inputs) fluctuates, and that spread does not grow with depth (Gaussian weights: Var log Q_L grows like L ψ′(n/2) ≈ 2L/n).');
  }
  return notes;
}
