/**
 * M finite block networks (explicit or by the exact chain) and the law of every pair's ρ at the last
 * layer, optionally stopped when max_a V_aa first reaches R (as the SDE paths: sde.ts), and ρ₀₁ per
 * layer. The same observables as shapedattn's runner (archs/attention/runner.ts).
 */
import { tokenRecords } from '../attention/runner.ts';
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
  const { M } = opts;
  const records = tokenRecords(model.attention.m, model.attention.L, M, opts);
  const run = opts.method === 'gram' ? runGramBlock : runExplicitBlock;
  for (let i = 0; i < M; i++) run(model, (opts.netOffset ?? 0) + i, records.network(i));
  const { pairs, final, rho01 } = records;
  return { M, pairs, final, rho01, stopped: records.stopped() };
}
