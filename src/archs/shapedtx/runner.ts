/**
 * M finite block networks (explicit or by the exact chain) and the law of every pair's ρ at the last
 * layer, optionally stopped when max_a V_aa first reaches R (as the SDE paths: sde.ts), and ρ₀₁ per
 * layer. The same observables as shapedattn's runner (archs/attention/runner.ts).
 */
import { tokenCorrelation } from '../attention/model.ts';
import { tokenPairs } from '../attention/paths.ts';
import { runExplicitBlock } from './explicit.ts';
import { runGramBlock } from './gram.ts';
import type { BlockModel } from './model.ts';

export interface BlockRun {
  readonly M: number;
  readonly pairs: ReadonlyArray<readonly [number, number]>;
  /** final[p][net]: ρ of pair p at layer L, or at the stopping layer when stopAt is given. */
  readonly final: Float64Array[];
  /** Per layer l = 0..L (when `perLayer`): ρ₀₁ of every network. */
  readonly rho01?: Float64Array[];
  readonly stopped: number;
}

export interface BlockRunOptions {
  readonly method: 'gram' | 'explicit';
  readonly M: number;
  readonly stopAt?: number;
  readonly perLayer?: boolean;
  /** First network index (networks netOffset .. netOffset + M − 1). */
  readonly netOffset?: number;
}

export function runBlockNetworks(model: BlockModel, opts: BlockRunOptions): BlockRun {
  const { m, L } = model.attention;
  const { M } = opts;
  const pairs = tokenPairs(m);
  const final = pairs.map(() => new Float64Array(M));
  const rho01 = opts.perLayer ? Array.from({ length: L + 1 }, () => new Float64Array(M)) : undefined;
  const run = opts.method === 'gram' ? runGramBlock : runExplicitBlock;
  const R = opts.stopAt ?? Infinity;
  let stopped = 0;
  for (let i = 0; i < M; i++) {
    let live = true;
    run(model, (opts.netOffset ?? 0) + i, (l, V) => {
      if (rho01) rho01[l][i] = tokenCorrelation(V, m, 0, 1);
      if (!live) return;
      pairs.forEach(([a, b], p) => (final[p][i] = tokenCorrelation(V, m, a, b)));
      let mx = 0;
      for (let a = 0; a < m; a++) mx = Math.max(mx, V[a * m + a]);
      if (!(mx < R)) {
        live = false;
        if (l < L) stopped++;
      }
    });
  }
  return { M, pairs, final, rho01, stopped };
}
