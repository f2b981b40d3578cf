/**
 * Test helpers beside the attention tests: comparing a law measured here with one from the
 * independent fixture (tools/fixtures/attention.json), statistic by statistic, in units of the
 * combined standard error.
 */
import { lawWithErrors, STAT_KEYS, type StatKey } from '../../../src/archs/attention/lawStats.ts';

export interface FixtureLaw {
  readonly stats: Record<StatKey, number>;
  readonly se: Record<StatKey, number>;
}

/** z = (ours − theirs)/√(se² + se²) for every statistic, plus an allowed bias per statistic. */
export function zScores(sample: ArrayLike<number>, ref: FixtureLaw, bias: Partial<Record<StatKey, number>> = {}): Record<StatKey, number> {
  // 40 batches (39 dof for the SE) when each still holds ≥ 50 networks, else 20.
  const ours = lawWithErrors(sample, sample.length >= 2000 ? 40 : 20);
  const z = {} as Record<StatKey, number>;
  for (const k of STAT_KEYS) {
    const d = Math.abs(ours.stats[k] - ref.stats[k]) - (bias[k] ?? 0);
    z[k] = Math.max(0, d) / Math.hypot(ours.se[k], ref.se[k]);
  }
  return z;
}

export function maxAbs(z: Record<string, number>): number {
  return Math.max(...Object.values(z).map(Math.abs));
}
