/**
 * Rank collapse (docs/shaped-transformer.md §2.4): with the standard temperature the mean token
 * correlation → 1 with depth, geometrically, at every width; shaped attention at the same width and
 * depth keeps a random, non-degenerate correlation. Both against the independent fixture's curves
 * (tools/fixtures/attention.json `rankCollapse`: n = 64, m = 3, 4 000 networks by its exact chain).
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/attention.json';
import { meanVar } from '../../core/stats.ts';
import type { AttentionKind } from './model.ts';
import { runAttentionNetworks, type AttentionMethod } from './runner.ts';
import { weightedSlope as slope } from './convergence.ts';

const fx = fixtures.model;
const rc = fixtures.rankCollapse;

function meanCurve(kind: AttentionKind, L: number, M: number, method: AttentionMethod) {
  const run = runAttentionNetworks({ kind, m: fx.m, n: rc.n, nk: rc.n, L, gamma2: fx.gamma2, tau0: fx.tau0, q1: fx.q1, q2: fx.q2, rho0: fx.rho0, seed: 31 }, { method, M, perLayer: true });
  return run.meanPairs!.map((xs) => {
    const { mean, var: v } = meanVar(xs);
    return { mean, se: Math.sqrt(v / xs.length) };
  });
}

describe('rank collapse: standard vs shaped attention (m = 3, n = 64)', () => {
  it('standard attention: mean token correlation → 1 with depth (log(1 − ρ̄) falls linearly in l)', () => {
    const curve = meanCurve('attention', 32, 1500, 'gram');
    const ls = [1, 2, 3, 4, 5, 6, 7, 8];
    // δ-method SE of log(1 − ρ̄): se/(1 − ρ̄).
    const fit = slope(ls, ls.map((l) => Math.log(1 - curve[l].mean)), ls.map((l) => curve[l].se / (1 - curve[l].mean)));
    expect(fit.slope + 4 * fit.se).toBeLessThan(0);
    // The fixture's curve fitted the same way over the same layers (4 000 networks; the rate is not
    // exactly constant, so compare like with like).
    const fm = rc.attention.meanPairs.mean;
    const fse = rc.attention.meanPairs.se;
    const ref = slope(ls, ls.map((l) => Math.log(1 - fm[l])), ls.map((l) => fse[l] / (1 - fm[l])));
    expect(Math.abs(fit.slope - ref.slope)).toBeLessThan(4 * Math.hypot(fit.se, ref.se));
    for (let l = 1; l <= 32; l++) expect(curve[l].mean).toBeGreaterThan(curve[l - 1].mean - 3 * Math.hypot(curve[l].se, curve[l - 1].se));
    expect(curve[32].mean).toBeGreaterThan(1 - 1e-6);
    for (const l of [0, 1, 2, 4, 8]) {
      expect(Math.abs(curve[l].mean - rc.attention.meanPairs.mean[l])).toBeLessThan(4 * Math.hypot(curve[l].se, rc.attention.meanPairs.se[l]));
    }
  });

  it('the explicit networks collapse the same way (every weight drawn, n = 64, l ≤ 8)', () => {
    const curve = meanCurve('attention', 8, 150, 'explicit');
    for (const l of [1, 2, 4, 8]) {
      expect(Math.abs(curve[l].mean - rc.attention.meanPairs.mean[l])).toBeLessThan(4 * Math.hypot(curve[l].se, rc.attention.meanPairs.se[l]));
    }
    expect(curve[8].mean).toBeGreaterThan(0.99);
  });

  it('shaped attention does not collapse: after 128 layers (T = 2) ρ̄ stays random, far below 1', () => {
    const curve = meanCurve('shapedattn', 128, 800, 'gram');
    for (const l of [16, 64, 100, 128]) {
      expect(curve[l].mean).toBeLessThan(0.6);
      expect(Math.abs(curve[l].mean - rc.shapedattn.meanPairs.mean[l])).toBeLessThan(4 * Math.hypot(curve[l].se, rc.shapedattn.meanPairs.se[l]));
    }
    // Against the standard attention's 1 − 1e-6 at l = 32: a gap of ≥ 0.35.
    expect(1 - curve[100].mean).toBeGreaterThan(0.35);
  });
});
