/**
 * The contrast that teaches the proportional limit (view=contrast, issue 6): at the same (n, L),
 * the law of ρ̂_L over networks for
 *   - the He-MLP (ReLU, σw² = 2): its infinite-width limit is a point (the NNGP), yet at L/n of
 *     order 1 the finite law is wide; its own proportional limit is log-normal for log q̂_L;
 *   - the shaped MLP (c₊, c₋ of the spec): its limit is the law of the covariance SDE at T = L/n;
 *   - the ResNet with branch L^{−1/2} (ReLU, σw² = 1): its limit is the ODE value, and the finite
 *     law concentrates around it like n^{−1/2}.
 */
import { resolveSpec } from '../archs/index.ts';
import type { SimBackend } from '../backends/types.ts';
import type { Spec } from '../core/spec.ts';
import { encodeSpec } from '../url/codec.ts';
import { correlationLaw, firstLayerCorrelation } from '../theory/covarianceSde/fokkerPlanck.ts';
import { theoryBlock } from '../archs/theory.ts';
import { exactLogMoments, homogeneousChain } from '../theory/finiteWidth/normMoments.ts';
import { resnetCovarianceOde } from '../theory/resnetOde.ts';
import { runNetworks, type Progress } from './monteCarlo.ts';
import { summarise, type Summary } from '../core/stats.ts';

export const CONTRAST_BINS = 64;
/** Range of the log(q̂_L/q^∞_L) histograms. */
export const LOGQ_RANGE = [-8, 4] as const;

export type ContrastLimit =
  | { readonly kind: 'point'; readonly rho: number; readonly label: string }
  | { readonly kind: 'law'; readonly rho: number[]; readonly density: number[]; readonly mean: number; readonly sd: number; readonly label: string };

export interface ContrastVariant {
  readonly id: 'he-mlp' | 'shaped' | 'resnet-sqrt';
  readonly label: string;
  /** The query that opens this network on its own. */
  readonly query: string;
  /** Histogram of ρ̂_L over the networks: CONTRAST_BINS equal bins on [−1, 1], as densities. */
  readonly histogram: number[];
  readonly summary: Summary;
  readonly limit: ContrastLimit;
  /**
   * The squared length: log(q̂_L/q^∞_L) over the networks (histogram on LOGQ_RANGE, summary), and
   * its limit law: for the He-MLP its own proportional limit, log-normal (Hanin & Nica 2020) with
   * the exact E and Var of log q̂_L over live networks (theory/finiteWidth/normMoments.ts); N(−T, 2T)
   * for the shaped MLP (log V_aa(T)/V_aa(0), Li, Nica & Roy 2022); a point at 0 for the ResNet
   * (its fluctuations vanish like n^{−1/2} whatever L/n).
   */
  readonly logq: { readonly histogram: number[]; readonly summary: Summary; readonly limit: { readonly mean: number; readonly var: number; readonly label: string } };
}

export interface ContrastBlock {
  readonly n: number;
  readonly L: number;
  readonly T: number;
  readonly M: number;
  readonly variants: ContrastVariant[];
}

export function contrastSpecs(spec: Spec): { id: ContrastVariant['id']; label: string; spec: Spec }[] {
  const common = { ...spec, act: 'relu', sb2: 0, view: 'depth' as const };
  return [
    { id: 'he-mlp', label: 'He-MLP (ReLU, σw² = 2)', spec: { ...common, arch: 'mlp', sw2: 2 } },
    { id: 'shaped', label: `shaped MLP (c₊ = ${spec.cp}, c₋ = ${spec.cm})`, spec: { ...common, arch: 'shaped', sw2: 1 } },
    { id: 'resnet-sqrt', label: 'ResNet, branch L^−1/2 (ReLU, σw² = 1)', spec: { ...common, arch: 'resnet', alpha: 0.5, sw2: 1 } },
  ];
}

/** Density histogram on CONTRAST_BINS equal bins of [lo, hi] (values outside go to the end bins). */
export function densityHistogram(values: ArrayLike<number>, lo: number, hi: number): number[] {
  const counts = new Array<number>(CONTRAST_BINS).fill(0);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const b = Math.min(CONTRAST_BINS - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * CONTRAST_BINS)));
    counts[b]++;
    total++;
  }
  const width = (hi - lo) / CONTRAST_BINS;
  return counts.map((c) => (total > 0 ? c / (total * width) : 0));
}

function limitOf(id: ContrastVariant['id'], spec: Spec): ContrastLimit {
  if (id === 'he-mlp') {
    const th = theoryBlock(spec);
    return { kind: 'point', rho: th.rho[th.rho.length - 1], label: 'NNGP limit ρ^L (n → ∞ at fixed L)' };
  }
  if (id === 'resnet-sqrt') {
    const ode = resnetCovarianceOde(resolveSpec(spec).activation, spec, { tGrid: [0, 1] });
    return { kind: 'point', rho: ode.rho[1], label: 'covariance ODE ρ(1) (n, L → ∞ in any order)' };
  }
  const law = correlationLaw({ cp: spec.cp, cm: spec.cm, rho0: firstLayerCorrelation(spec), T: spec.L / spec.n });
  const step = Math.max(1, Math.floor(law.rho.length / 240));
  const rho: number[] = [];
  const density: number[] = [];
  for (let i = 0; i < law.rho.length; i += step) {
    rho.push(law.rho[i]);
    density.push(law.density[i]);
  }
  return { kind: 'law', rho, density, mean: law.mean, sd: law.sd, label: `covariance SDE law of ρ_T, T = L/n = ${+(spec.L / spec.n).toPrecision(3)}` };
}

/**
 * The law of log(q̂_L/q^∞_L) each network tends to. He-MLP (ReLU, σb = 0): log Q_L is a sum of L
 * independent log-chi-square terms (Hanin & Nica 2020), so in the proportional limit it is normal;
 * its exact mean and variance (over live networks) are those of exactLogMoments, shifted by log q^∞_L.
 */
export function logqLimit(id: ContrastVariant['id'], s: Spec, qInf: number): ContrastVariant['logq']['limit'] {
  const T = s.L / s.n;
  if (id === 'shaped') return { mean: -T, var: 2 * T, label: 'N(−T, 2T)' };
  if (id === 'he-mlp') {
    const chain = homogeneousChain(resolveSpec(s).activation, s.sb2);
    const m = chain.ok ? exactLogMoments(chain, s.sw2, s.q1, s.n, s.L) : undefined;
    if (m) return { mean: m.mean - Math.log(qInf), var: m.var, label: 'log-normal, exact E and Var of log q̂ (Hanin & Nica 2020)' };
  }
  return { mean: 0, var: 0, label: 'point at 0 (infinite width)' };
}

export async function runContrast(
  spec: Spec,
  options: { backend: SimBackend; signal?: AbortSignal; onPartial?: (block: ContrastBlock, progress: Progress) => void },
): Promise<ContrastBlock> {
  const block: ContrastBlock = { n: spec.n, L: spec.L, T: spec.L / spec.n, M: spec.M, variants: [] };
  const variants = contrastSpecs(spec);
  for (let v = 0; v < variants.length; v++) {
    const { id, label, spec: s } = variants[v];
    const { acc } = await runNetworks(s, [s.L], { backend: options.backend, signal: options.signal });
    const samples = acc.samples(0);
    const rho = samples.rho;
    const th = theoryBlock(s);
    const qInf = th.q11[th.q11.length - 1];
    const logq = samples.q11.map((q) => Math.log(q / qInf));
    const T = s.L / s.n;
    block.variants.push({
      id,
      label,
      query: encodeSpec(s),
      histogram: densityHistogram(rho, -1, 1),
      summary: summarise(rho.filter(Number.isFinite)),
      limit: limitOf(id, s),
      logq: {
        histogram: densityHistogram(logq, LOGQ_RANGE[0], LOGQ_RANGE[1]),
        summary: summarise(logq.filter(Number.isFinite)),
        limit: logqLimit(id, s, qInf),
      },
    });
    options.onPartial?.(block, { done: v + 1, total: variants.length });
  }
  return block;
}
