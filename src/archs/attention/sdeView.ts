/**
 * The `sde` view for shaped attention (issue 15 §2: convergence in law as n grows at fixed T): the
 * same block as the shaped MLP's view (experiments/sdeView.ts SdeViewBlock), from the token-
 * covariance SDE (sde.ts) instead of a Fokker–Planck equation:
 *  - law: the law of ρ₀₁ at T = L/n from P SDE paths (stopped at R, §4.4 of
 *    docs/shaped-transformer.md) as a histogram density on 80 bins of [−1, 1] (no atoms: paths stay
 *    inside (−1, 1));
 *  - netPaths / sdePaths: ρ₀₁ of 24 finite networks (layers 0..L at t = l/n) and of 24 SDE paths;
 *  - convergence: for each width n of the panel, M networks of depth L = round(T n), stopped at R,
 *    against the SDE sample at T_n = L/n (recorded on the same paths at the nearest check time, within
 *    one step 2dt ≤ 1/128): two-sample W1 and KS distances, and their noise floors — the expected
 *    distance between two samples of sizes M and P from one law, ∫√(2F(1 − F)/π·(1/M + 1/P)) dρ for W1
 *    (F the SDE sample's CDF) and √(π/2)·ln 2·√(1/M + 1/P) for KS.
 * The networks run on the CPU (attention has no WebGPU kernels).
 */
import type { Spec } from '../../core/spec.ts';
import type { SdeViewBlock } from '../../theory/blocks.ts';
import { wasserstein1 } from '../../core/stats.ts';
import { logLogSlope } from '../../theory/covarianceSde/distance.ts';
import { attentionModel, sdePlan, stoppingLevel } from './resolve.ts';
import { runAttentionNetworks } from './runner.ts';
import { simulateTokenSde } from './sde.ts';

/** Sample paths drawn per bundle (as the shaped MLP's view). */
const PATHS_DRAWN = 24;
/** A distance counts as above the noise when it exceeds this multiple of its floor (as sdeView.ts). */
const ABOVE_FLOOR = 2;

/** sup |F_a − F_b| of two samples. */
export function kolmogorovSmirnov2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** Expected W1 and KS between two independent samples (sizes M, P) of the law of `ref`. */
export function twoSampleFloors(ref: Float64Array, M: number, P: number): { w1: number; ks: number } {
  const sorted = Float64Array.from(ref).sort();
  const steps = 400;
  let w1 = 0;
  let k = 0;
  for (let i = 0; i < steps; i++) {
    const rho = -1 + (2 * (i + 0.5)) / steps;
    while (k < sorted.length && sorted[k] <= rho) k++;
    const F = k / sorted.length;
    w1 += Math.sqrt(F * (1 - F));
  }
  const c = Math.sqrt(1 / M + 1 / P);
  return { w1: (2 / steps) * w1 * Math.sqrt(2 / Math.PI) * c, ks: Math.sqrt(Math.PI / 2) * Math.LN2 * c };
}

function slopeAbove(n: number[], d: number[], floor: number[]): number {
  const keep = n.map((_, i) => i).filter((i) => d[i] > ABOVE_FLOOR * floor[i]);
  return keep.length >= 2 ? logLogSlope(keep.map((i) => n[i]), keep.map((i) => d[i])) : NaN;
}

/** Density histogram of a sample of ρ on `bins` equal bins of [−1, 1] (non-finite values left out), with the bin centres. */
export function histogramDensity(sample: Float64Array, bins: number): { rho: number[]; density: number[] } {
  const h = 2 / bins;
  const counts = new Float64Array(bins);
  let total = 0;
  for (const x of sample) {
    if (!Number.isFinite(x)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor((x + 1) / h)))]++;
    total++;
  }
  return { rho: Array.from({ length: bins }, (_, i) => -1 + (i + 0.5) * h), density: Array.from(counts, (c) => c / (total * h)) };
}

/**
 * What the view needs of a token-covariance SDE and its finite networks (shapedattn here; the shaped
 * Transformer block, archs/shapedtx, passes its own): stopped ρ₀₁ of the SDE paths at given double
 * steps plus sample paths, and M networks of width n and depth L (ρ₀₁ per layer, the stopped final ρ).
 */
export interface TokenSdeSource {
  sde(p: { T: number; dt: number; paths: number; stopAt: number; recordAt: number[]; samplePaths: number; sampleEvery: number }): { rho01At?: Float64Array[]; sample?: { t: number[]; rho: number[][] } };
  networks(n: number, L: number, o: { M: number; perLayer?: boolean; stopAt?: number }): { M: number; final: Float64Array[]; rho01?: Float64Array[] };
}

/** shapedattn's source: simulateTokenSde and runAttentionNetworks (spec.method, n_k = n when nk = 0). */
function shapedAttentionSource(spec: Spec): TokenSdeSource {
  const model = attentionModel('shapedattn', spec);
  return {
    sde: (p) => simulateTokenSde({ m: model.m, gamma2: model.gamma2, tau0: model.tau0, q1: model.q1, q2: model.q2, rho0: model.rho0, seed: model.seed, coarse: false, ...p }),
    networks: (n, L, o) => runAttentionNetworks({ ...model, n, nk: (spec as unknown as { nk: number }).nk === 0 ? n : model.nk, L }, { method: spec.method, ...o }),
  };
}

export function attentionSdeView(
  spec: Spec,
  widths: readonly number[],
  options: { signal?: AbortSignal; onPartial?: (block: SdeViewBlock, progress: { done: number; total: number }) => void } = {},
): Promise<SdeViewBlock> {
  return tokenSdeView(spec, widths, options, shapedAttentionSource(spec));
}

/** The sde view's block for a token-covariance SDE and its networks (`source`). */
export async function tokenSdeView(
  spec: Spec,
  widths: readonly number[],
  options: { signal?: AbortSignal; onPartial?: (block: SdeViewBlock, progress: { done: number; total: number }) => void },
  source: TokenSdeSource,
): Promise<SdeViewBlock> {
  const T = spec.L / spec.n;
  const R = stoppingLevel(spec);
  const Ls = widths.map((n) => Math.max(1, Math.round(T * n)));
  const Tmax = Math.max(T, ...widths.map((n, i) => Ls[i] / n));
  const { dt, paths } = sdePlan(Tmax);
  const at = (t: number) => Math.min(Math.round(t / (2 * dt)), Math.round(Tmax / (2 * dt)));
  const every = Math.max(1, Math.round(Tmax / (2 * dt) / 100));
  const sde = source.sde({ T: Tmax, dt, paths, stopAt: R, recordAt: [at(T), ...widths.map((n, i) => at(Ls[i] / n))], samplePaths: PATHS_DRAWN, sampleEvery: every });
  const lawSample = sde.rho01At![0];
  let mean = 0;
  for (const x of lawSample) mean += x / lawSample.length;
  let v = 0;
  for (const x of lawSample) v += (x - mean) ** 2 / (lawSample.length - 1);
  const few = source.networks(spec.n, spec.L, { M: Math.min(PATHS_DRAWN, spec.M), perLayer: true });
  const netRho = Array.from({ length: few.M }, (_, i) => few.rho01!.map((layer) => layer[i]));
  const block: SdeViewBlock = {
    T,
    law: { ...histogramDensity(lawSample, 80), atomLow: 0, atomHigh: 0, mean, sd: Math.sqrt(v) },
    netPaths: { t: Array.from({ length: spec.L + 1 }, (_, l) => l / spec.n), rho: netRho },
    sdePaths: sde.sample!,
    convergence: { n: [], L: [], w1: [], ks: [], floorW1: [], floorKs: [], slopeW1: NaN, slopeKs: NaN },
  };
  for (let w = 0; w < widths.length; w++) {
    if (options.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    const n = widths[w];
    const run = source.networks(n, Ls[w], { M: spec.M, stopAt: R });
    const ref = sde.rho01At![w + 1];
    const c = block.convergence;
    c.n.push(n);
    c.L.push(Ls[w]);
    c.w1.push(wasserstein1(run.final[0], ref));
    c.ks.push(kolmogorovSmirnov2(run.final[0], ref));
    const floor = twoSampleFloors(ref, spec.M, paths);
    c.floorW1.push(floor.w1);
    c.floorKs.push(floor.ks);
    (c as { slopeW1: number }).slopeW1 = slopeAbove(c.n, c.w1, c.floorW1);
    (c as { slopeKs: number }).slopeKs = slopeAbove(c.n, c.ks, c.floorKs);
    options.onPartial?.(block, { done: w + 1, total: widths.length });
    await Promise.resolve();
  }
  return block;
}
