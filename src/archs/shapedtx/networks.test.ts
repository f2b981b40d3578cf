/**
 * The CPU block networks (explicit: every weight drawn; gram: the exact chain of gram.ts) against the
 * independent numpy simulation of the explicit network (tools/fixtures/make_shaped_block_fixtures.py,
 * written from (B1)–(B2), not from this code): the law of every token pair's ρ at the last layer
 * agrees within 4 SE (SEs of both samples combined) on mean, sd and every quantile. Raw laws (not
 * stopped), as in the fixture. The two cases: the block's defaults (c₋ = −1, n = 32, L = 8) and a
 * strong shaping (c₋ = −3, n = 64, L = 16), where the shaped ReLU's drift is many SEs.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/shaped_block.json';
import { lawWithErrors, STAT_KEYS } from '../attention/lawStats.ts';
import type { BlockModel } from './model.ts';
import { runBlockNetworks } from './runner.ts';

type Case = (typeof fixtures.cases)[number];

function model(c: Case, seed: number): BlockModel {
  return { attention: { kind: 'shapedattn', m: c.m, n: c.n, nk: c.n, L: c.L, gamma2: c.gamma2, tau0: c.tau0, q1: c.q1, q2: c.q2, rho0: c.rho0, seed }, gamma2m: c.gamma2m, cp: c.cp, cm: c.cm };
}

function expectAgrees(c: Case, final: Float64Array[]): void {
  c.pairs.forEach((ref, p) => {
    const ours = lawWithErrors(final[p]);
    for (const k of STAT_KEYS) {
      const se = Math.hypot(ours.se[k], ref.se[k as keyof typeof ref.se]);
      expect(Math.abs(ours.stats[k] - ref.stats[k as keyof typeof ref.stats]), `pair ${ref.pair} ${k}`).toBeLessThan(4 * se);
    }
  });
}

describe('shaped Transformer block networks vs the independent numpy networks', () => {
  const base = fixtures.cases.find((c) => c.name === 'base')!;
  const strong = fixtures.cases.find((c) => c.name === 'strong')!;

  it(`explicit: defaults, n = ${base.n}, L = ${base.L}, M = 1500 (fixture: ${base.M} networks)`, () => {
    const run = runBlockNetworks(model(base, 3), { method: 'explicit', M: 1500 });
    expectAgrees(base, run.final);
  });

  it(`gram (exact chain): defaults, n = ${base.n}, L = ${base.L}, M = 8000`, () => {
    const run = runBlockNetworks(model(base, 4), { method: 'gram', M: 8000 });
    expectAgrees(base, run.final);
  });

  // Explicit networks at n = 64 cost ~10 ms each: this case runs the exact chain only (the explicit
  // route is checked against the same numpy networks in the defaults case above).
  it(`gram: strong shaping c₋ = ${strong.cm}, n = ${strong.n}, L = ${strong.L}, M = 5000`, () => {
    expectAgrees(strong, runBlockNetworks(model(strong, 5), { method: 'gram', M: 5000 }).final);
  });
});

describe('the exact chain and the explicit networks at other constants (k = 4, n_k ≠ n, γ₁² ≠ γ₂², τ₀ ≠ 1, c₊ + c₋ ≠ 0)', () => {
  it('agree on mean, sd and quantiles of every pair within 4 SE (two independent routes to the same law)', () => {
    const model: BlockModel = { attention: { kind: 'shapedattn', m: 4, n: 16, nk: 8, L: 6, gamma2: 0.3, tau0: 0.5, q1: 1, q2: 1.5, rho0: -0.3, seed: 12 }, gamma2m: 0.7, cp: 1, cm: -2 };
    const explicit = runBlockNetworks(model, { method: 'explicit', M: 2000 }).final;
    const gram = runBlockNetworks({ ...model, attention: { ...model.attention, seed: 13 } }, { method: 'gram', M: 6000 }).final;
    expect(explicit).toHaveLength(6);
    explicit.forEach((e, p) => {
      const a = lawWithErrors(e);
      const b = lawWithErrors(gram[p]);
      for (const k of STAT_KEYS) expect(Math.abs(a.stats[k] - b.stats[k]), `pair ${p} ${k}`).toBeLessThan(4 * Math.hypot(a.se[k], b.se[k]));
    });
  });
});
