/**
 * The CPU finite networks (explicit: every weight drawn; gram: the exact chain) against the
 * independent numpy simulation of the same model (tools/fixtures/make_attention_fixtures.py, written
 * from the paper's equations, not from this code): mean, sd and quantiles of every pair's token
 * correlation within 4 combined SE.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/attention.json';
import { attentionIssues, type AttentionKind, type AttentionModel } from './model.ts';
import { runAttentionNetworks, type AttentionMethod } from './runner.ts';
import { maxAbs, zScores } from '../../../test/archs/attention/testing.ts';

const fx = fixtures.model;

function model(kind: AttentionKind, n: number, L: number, seed: number): AttentionModel {
  return { kind, m: fx.m, n, nk: n, L, gamma2: fx.gamma2, tau0: fx.tau0, q1: fx.q1, q2: fx.q2, rho0: fx.rho0, seed };
}

describe('finite attention networks on the CPU vs the independent Python fixture', () => {
  // Sizes: explicit costs O(L·3n²) draws per network, so few networks; gram is O(m³) per layer.
  const cases: Array<[AttentionMethod, number]> = [['explicit', 300], ['gram', 4000]];
  for (const ref of fixtures.explicitVsGram) {
    for (const [method, M] of cases) {
      if (method === 'explicit' && ref.arch === 'shapedattn' && ref.n === 64) continue; // the n = 32 case covers explicit shaped
      it(`${method}: ${ref.arch}, n = ${ref.n}, L = ${ref.L}, M = ${M} (fixture: ${ref.pairs[0].gram.M} networks)`, () => {
        const run = runAttentionNetworks(model(ref.arch as AttentionKind, ref.n, ref.L, 17), { method, M });
        ref.pairs.forEach((p, i) => {
          expect(run.pairs[i]).toEqual(p.pair);
          expect(maxAbs(zScores(run.final[i], p.gram))).toBeLessThan(4);
        });
      });
    }
  }

  it('gram, stopped at R: the law at n = 32 and 64 for T = 0.25 and 1 (fixture: 30 000 networks)', () => {
    for (const conv of fixtures.convergence) {
      for (const w of conv.widths.filter((w) => w.n <= 64)) {
        const run = runAttentionNetworks(model('shapedattn', w.n, w.L, 23), { method: 'gram', M: 2000, stopAt: fx.stopAt });
        w.pairs.forEach((p, i) => expect(maxAbs(zScores(run.final[i], p))).toBeLessThan(4));
      }
    }
  });

  it('refuses what the gram chain cannot do, naming the key, the value and the range', () => {
    const bad = attentionIssues({ ...model('shapedattn', 4, 4, 1), nk: 2 }, 'gram');
    expect(bad.map((i) => i.key).sort()).toEqual(['n', 'nk']);
    expect(bad.find((i) => i.key === 'nk')!.message).toMatch(/nk=2 .*allowed: nk ≥ 3/);
    const gamma = attentionIssues({ ...model('shapedattn', 64, 4, 1), gamma2: 1.5 });
    expect(gamma).toHaveLength(1);
    expect(gamma[0].message).toMatch(/gamma2=1.5 .*allowed: \(0, 1\]/);
    expect(attentionIssues({ ...model('shapedattn', 64, 4, 1), tau0: 0 })[0].message).toMatch(/tau0=0 .*\[0.05, 100\]/);
    expect(attentionIssues(model('attention', 64, 4, 1), 'gram')).toEqual([]);
  });
});
