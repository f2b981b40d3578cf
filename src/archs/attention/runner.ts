/**
 * M finite attention networks (explicit or by the exact gram chain) and what the lab reports about
 * them: ρ₀₁ and the mean over all pairs per layer (depth profile, rank collapse), and the law of
 * every pair's ρ at the last layer, optionally *stopped* when max_a V_aa first reaches R (read at
 * the first layer where it does: docs/shaped-transformer.md §4.4, the same rule as the SDE paths).
 */
import { runExplicitAttention } from './explicit.ts';
import { runGramAttention } from './gram.ts';
import { meanPairCorrelation, tokenCorrelation, type AttentionModel } from './model.ts';
import { tokenPairs } from './paths.ts';

export type AttentionMethod = 'gram' | 'explicit';

export interface AttentionRun {
  readonly M: number;
  readonly pairs: ReadonlyArray<readonly [number, number]>;
  /** Per layer l = 0..L (only when `perLayer`): ρ₀₁ of every network. */
  readonly rho01?: Float64Array[];
  /** Per layer l = 0..L (only when `perLayer`): mean over pairs a < b of ρ_ab, every network. */
  readonly meanPairs?: Float64Array[];
  /** final[p][net]: ρ of pair p at layer L, or at the stopping layer when stopAt is given. */
  readonly final: Float64Array[];
  /** Networks stopped at R before layer L. */
  readonly stopped: number;
}

export interface RunOptions {
  readonly method: AttentionMethod;
  readonly M: number;
  readonly perLayer?: boolean;
  readonly stopAt?: number;
  /** First network index (for shards): networks netOffset .. netOffset + M − 1. */
  readonly netOffset?: number;
}

/**
 * The records of M token networks, shared by shaped attention's and the block's runners: per layer
 * (when `perLayer`) ρ₀₁ and, with `meanPairs`, ρ̄; and ρ of every pair at layer L, or at the first
 * layer where max_a V_aa reaches `stopAt` (the network is then counted as stopped if that is before L).
 */
export function tokenRecords(m: number, L: number, M: number, opts: { readonly perLayer?: boolean; readonly meanPairs?: boolean; readonly stopAt?: number }) {
  const pairs = tokenPairs(m);
  const rho01 = opts.perLayer ? Array.from({ length: L + 1 }, () => new Float64Array(M)) : undefined;
  const meanPairs = opts.perLayer && opts.meanPairs ? Array.from({ length: L + 1 }, () => new Float64Array(M)) : undefined;
  const final = pairs.map(() => new Float64Array(M));
  const R = opts.stopAt ?? Infinity;
  let stopped = 0;
  return {
    pairs,
    rho01,
    meanPairs,
    final,
    stopped: () => stopped,
    /** The layer callback of network i (0-based within this run). */
    network(i: number): (l: number, V: Float64Array) => void {
      let live = true;
      return (l, V) => {
        if (rho01) rho01[l][i] = tokenCorrelation(V, m, 0, 1);
        if (meanPairs) meanPairs[l][i] = meanPairCorrelation(V, m);
        if (!live) return;
        pairs.forEach(([a, b], p) => (final[p][i] = tokenCorrelation(V, m, a, b)));
        let mx = 0;
        for (let a = 0; a < m; a++) mx = Math.max(mx, V[a * m + a]);
        if (!(mx < R)) {
          live = false;
          if (l < L) stopped++;
        }
      };
    },
  };
}

export function runAttentionNetworks(model: AttentionModel, opts: RunOptions): AttentionRun {
  const { M } = opts;
  const records = tokenRecords(model.m, model.L, M, { ...opts, meanPairs: true });
  const run = opts.method === 'gram' ? runGramAttention : runExplicitAttention;
  for (let i = 0; i < M; i++) run(model, (opts.netOffset ?? 0) + i, records.network(i));
  const { pairs, rho01, meanPairs, final } = records;
  return { M, pairs, rho01, meanPairs, final, stopped: records.stopped() };
}
