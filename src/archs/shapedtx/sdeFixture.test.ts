/**
 * The block SDE (B3) by the TypeScript's split factored scheme (sde.ts, dt = 1/256) against the
 * independent numpy simulation of the same SDE by plain Euler–Maruyama on V (dt = 1/1024, 20 000
 * paths; tools/fixtures/make_shaped_block_fixtures.py, written from docs/shaped-transformer.md (B3),
 * (S2), (S4)): the stopped law of every pair's ρ at T agrees within 4 SE (both samples' SEs) plus the
 * fixture's own step bias (its fine − coarse), on mean, sd and every quantile. No finite-n bias enters:
 * both sides are the limit.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/shaped_block.json';
import { lawWithErrors, STAT_KEYS } from '../attention/lawStats.ts';
import { simulateBlockSde } from './sde.ts';

describe('the block SDE vs the independent numpy SDE', () => {
  it.each(fixtures.sde.map((c) => ({ ...c, label: `${c.name}, T = ${c.T}` })))('$label', (c) => {
    const paths = c.T > 0.5 ? 2000 : 4000;
    const run = simulateBlockSde({ m: c.m, gamma2: c.gamma2, tau0: c.tau0, gamma2m: c.gamma2m, cp: c.cp, cm: c.cm, q1: c.q1, q2: c.q2, rho0: c.rho0, T: c.T, dt: 1 / 256, paths, seed: 31, stopAt: fixtures.stopAt, coarse: false });
    c.pairs.forEach((ref, p) => {
      const ours = lawWithErrors(run.rho[p]);
      for (const k of STAT_KEYS) {
        const key = k as keyof typeof ref.stats;
        const allowed = 4 * Math.hypot(ours.se[k], ref.se[key]) + Math.abs(ref.fineMinusCoarse[key]);
        expect(Math.abs(ours.stats[k] - ref.stats[key]), `pair ${ref.pair} ${k}`).toBeLessThan(allowed);
      }
    });
  });
});
