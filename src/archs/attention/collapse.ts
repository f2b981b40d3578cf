/**
 * Standard vs shaped attention at the same (n, L, k tokens, seed) — the comparison view's block
 * (issue 15 §2: "rank collapse vs a stable random limit"; docs/shaped-transformer.md §2.4).
 *
 * Observable: the mean token correlation ρ̄ = mean over the k(k−1)/2 pairs a < b of
 * ρ_ab = V_ab/√(V_aa V_bb) (M6) — 1 exactly when every token points the same way (rank collapse).
 *
 *  - standard: M networks of `attention` (A = Softmax(S), τ = √n_k, (M3));
 *  - shaped:   M networks of `shapedattn` (A = I + Softmax(S) − 11ᵀ/k, τ = τ₀√(n n_k), (M4)),
 *    stopped when max_a V_aa first reaches R (their value frozen from that layer on, §4.4 — the rule
 *    the SDE paths follow);
 *  - sde:      the token-covariance SDE (sde.ts) at t = l/n, P paths (sdePlan), stopped at R.
 * Both kinds of network use the same Philox keys for network i (Domain.inputWeight for W_in,
 * Domain.weight for W^Q, W^K, W^V at the same layers): the same weights, so the two curves differ
 * by the attention matrix only, not by the draws.
 *
 * Per recorded layer (every layer up to L = 128, else 129 evenly spaced ones): mean, its standard
 * error sd/√M, and the quantiles p05 … p95 over the networks (or paths); at ℓ = L the law: summary,
 * a density histogram on 64 bins of [−1, 1], the fraction with ρ̄ > 0.99.
 *
 * The SDE at layer l is read at the nearest time where its paths are recorded (multiples of 2dt,
 * 2dt ≤ 1/128): `timeOffset` is the largest |t − l/n| (0 at l = L). Its step bias at T is estimated
 * from the same Brownian paths at step 2dt (weak order 1: fine − coarse ≈ −bias of the fine run),
 * reported with the SE of that paired difference so the page can say whether it is below the noise.
 */
import type { Spec } from '../../core/spec.ts';
import { meanVar, summarise, type Summary } from '../../core/stats.ts';
import { runExplicitAttention } from './explicit.ts';
import { runGramAttention } from './gram.ts';
import { meanPairCorrelation, type AttentionKind, type AttentionModel } from './model.ts';
import { attentionModel, sdePlan, stoppingLevel } from './resolve.ts';
import { simulateTokenSde } from './sde.ts';
import { histogramDensity } from './sdeView.ts';

/** Bins of the last-layer histograms on [−1, 1]. */
export const COLLAPSE_BINS = 64;
/** ρ̄ above this counts as collapsed in the last-layer law (`nearOne`). */
export const NEAR_ONE = 0.99;
/** Recorded layers: all of them up to this depth, else this many intervals. */
const MAX_INTERVALS = 128;

export interface DepthBand {
  /** Recorded layers ℓ (0 = the embedding X₀) and t = ℓ/n. */
  readonly layers: number[];
  readonly t: number[];
  readonly mean: number[];
  /** Standard error of the mean, sd/√count. */
  readonly se: number[];
  readonly p05: number[];
  readonly p25: number[];
  readonly p50: number[];
  readonly p75: number[];
  readonly p95: number[];
}

export interface LastLaw {
  readonly count: number;
  readonly summary: Summary;
  /** sd/√count. */
  readonly meanSe: number;
  /** Density histogram on COLLAPSE_BINS equal bins of [−1, 1] (bin centres `rho`). */
  readonly histogram: { readonly rho: number[]; readonly density: number[] };
  /** Fraction of the sample with ρ̄ > NEAR_ONE. */
  readonly nearOne: number;
}

export interface NetworkSide {
  readonly depth: DepthBand;
  readonly last: LastLaw;
  /** Networks stopped at R before layer L (shaped only; 0 for standard attention, which is not stopped). */
  readonly stopped: number;
}

export interface SdeSide {
  readonly depth: DepthBand;
  readonly last: LastLaw;
  readonly paths: number;
  readonly dt: number;
  readonly stopped: number;
  /** Mean ρ̄ at T at step dt minus at step 2dt on the same Brownian paths, and that difference's SE. */
  readonly stepBias: number;
  readonly stepBiasSe: number;
  /** Largest |recorded time − ℓ/n| over the recorded layers. */
  readonly timeOffset: number;
}

export interface CollapseBlock {
  readonly n: number;
  readonly L: number;
  /** Tokens (the lab's k). */
  readonly k: number;
  readonly T: number;
  readonly M: number;
  readonly method: 'gram' | 'explicit';
  /** Stopping level R of the shaped networks and the SDE paths. */
  readonly stopAt: number;
  /** Absent while it is being computed (partial blocks). */
  readonly sde?: SdeSide;
  readonly standard?: NetworkSide;
  readonly shaped?: NetworkSide;
}

/** The recorded layers of a depth-L comparison: 0..L, or MAX_INTERVALS + 1 evenly spaced layers. */
export function collapseLayers(L: number): number[] {
  if (L <= MAX_INTERVALS) return Array.from({ length: L + 1 }, (_, l) => l);
  return [...new Set(Array.from({ length: MAX_INTERVALS + 1 }, (_, i) => Math.round((i * L) / MAX_INTERVALS)))];
}

function band(layers: number[], n: number, samples: Float64Array[]): DepthBand {
  const b = { layers, t: layers.map((l) => l / n), mean: [] as number[], se: [] as number[], p05: [] as number[], p25: [] as number[], p50: [] as number[], p75: [] as number[], p95: [] as number[] };
  for (const xs of samples) {
    const s = summarise(xs);
    b.mean.push(s.mean);
    b.se.push(s.sd / Math.sqrt(xs.length));
    b.p05.push(s.p05);
    b.p25.push(s.p25);
    b.p50.push(s.p50);
    b.p75.push(s.p75);
    b.p95.push(s.p95);
  }
  return b;
}

function lastLaw(sample: Float64Array): LastLaw {
  const summary = summarise(sample);
  let near = 0;
  for (const x of sample) if (x > NEAR_ONE) near++;
  return { count: sample.length, summary, meanSe: summary.sd / Math.sqrt(sample.length), histogram: histogramDensity(sample, COLLAPSE_BINS), nearOne: near / sample.length };
}

interface Ctx {
  readonly signal?: AbortSignal;
  readonly onPartial?: (block: CollapseBlock, progress: { done: number; total: number }) => void;
}

async function breathe(signal?: AbortSignal): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
}

/**
 * ρ̄ of M networks of one kind at the recorded layers (samples[j][net]); with `stopAt`, a network's
 * value is frozen from the first layer where max_a V_aa ≥ R (as the SDE paths are).
 */
async function networkSide(model: AttentionModel, method: 'gram' | 'explicit', M: number, layers: number[], stopAt: number, signal?: AbortSignal): Promise<NetworkSide> {
  const index = new Map(layers.map((l, j) => [l, j]));
  const samples = layers.map(() => new Float64Array(M));
  const run = method === 'gram' ? runGramAttention : runExplicitAttention;
  const m = model.m;
  let stopped = 0;
  for (let i = 0; i < M; i++) {
    let live = true;
    let frozen = 0;
    run(model, i, (l, V) => {
      let value = frozen;
      if (live) {
        value = meanPairCorrelation(V, m);
        let mx = 0;
        for (let a = 0; a < m; a++) mx = Math.max(mx, V[a * m + a]);
        if (!(mx < stopAt)) {
          live = false;
          frozen = value;
          if (l < model.L) stopped++;
        }
      }
      const j = index.get(l);
      if (j !== undefined) samples[j][i] = value;
    });
    if (i % 8 === 7) await breathe(signal);
  }
  return { depth: band(layers, model.n, samples), last: lastLaw(samples[samples.length - 1]), stopped };
}

function sdeSide(model: AttentionModel, layers: number[], stopAt: number): SdeSide {
  const T = model.L / model.n;
  const { dt, paths } = sdePlan(T);
  const last = Math.round(T / (2 * dt));
  const at = layers.map((l) => Math.min(last, Math.round(l / model.n / (2 * dt))));
  const run = simulateTokenSde({ m: model.m, gamma2: model.gamma2, tau0: model.tau0, q1: model.q1, q2: model.q2, rho0: model.rho0, T, dt, paths, seed: model.seed, stopAt, coarse: true, meanPairsAt: at });
  const samples = run.meanPairsAt!;
  // ρ̄ at T at the coarse step, per path, for the paired step-bias estimate.
  const P = run.pairs.length;
  const diff = new Float64Array(paths);
  for (let i = 0; i < paths; i++) {
    let fine = 0;
    let coarse = 0;
    for (let p = 0; p < P; p++) {
      fine += run.rho[p][i] / P;
      coarse += run.rhoCoarse![p][i] / P;
    }
    diff[i] = fine - coarse;
  }
  const d = meanVar(diff);
  const timeOffset = layers.reduce((mx, l, j) => Math.max(mx, Math.abs(2 * dt * at[j] - l / model.n)), 0);
  return { depth: band(layers, model.n, samples), last: lastLaw(samples[samples.length - 1]), paths, dt, stopped: run.stopped, stepBias: d.mean, stepBiasSe: Math.sqrt(d.var / paths), timeOffset };
}

/** The comparison of a validated attention spec (arch = attention or shapedattn: both run). */
export async function runAttentionCollapse(spec: Spec, ctx: Ctx = {}): Promise<CollapseBlock> {
  const model = (kind: AttentionKind) => attentionModel(kind, spec);
  const shaped = model('shapedattn');
  const layers = collapseLayers(spec.L);
  const R = stoppingLevel(spec);
  const method = spec.method === 'explicit' ? 'explicit' : 'gram';
  let block: CollapseBlock = { n: spec.n, L: spec.L, k: spec.k, T: spec.L / spec.n, M: spec.M, method, stopAt: R };
  const total = 3;
  block = { ...block, sde: sdeSide(shaped, layers, R) };
  ctx.onPartial?.(block, { done: 1, total });
  await breathe(ctx.signal);
  block = { ...block, standard: await networkSide(model('attention'), method, spec.M, layers, Infinity, ctx.signal) };
  ctx.onPartial?.(block, { done: 2, total });
  block = { ...block, shaped: await networkSide(shaped, method, spec.M, layers, R, ctx.signal) };
  ctx.onPartial?.(block, { done: 3, total });
  return block;
}
