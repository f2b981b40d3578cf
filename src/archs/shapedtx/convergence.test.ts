/**
 * Acceptance (issue 15 §2, the shaped Transformer block, as for shaped attention): finite block
 * networks (m = 3 tokens of the lab's geometry, defaults γ₁² = γ₂² = 1/2, τ₀ = 1, c₊ = 0, c₋ = −1)
 * converge in law to the block's SDE (B3) at T = 0.25: W1(law of ρ₀₁, SDE law) decreases with n
 * (fitted log-log slope < 0 beyond 2 SE), and at n = 256 mean and sd agree within 4 SE plus the
 * O(1/n) bias, stated as c/n with c fitted (least squares of networks − SDE on 1/n) on the widths
 * n ≤ 64 — independent samples from the n = 256 one.
 *
 * The networks are sampled by the exact chain (gram.ts; networks.test.ts checks it against the
 * independent numpy simulation of the explicit network). The SDE's step bias at dt = 1/256 is below
 * its Monte Carlo SE (sde.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { lawWithErrors } from '../attention/lawStats.ts';
import { blockConvergenceInLaw } from './convergence.ts';

const base = { attention: { kind: 'shapedattn' as const, m: 3, n: 0, nk: 0, L: 0, gamma2: 0.5, tau0: 1, q1: 1, q2: 1, rho0: 0.2, seed: 43 }, gamma2m: 0.5, cp: 0, cm: -1 };
const widths = [8, 16, 32, 64, 128, 256];

describe('shaped Transformer block: convergence in law at T = 0.25', () => {
  const res = blockConvergenceInLaw(base, { T: 0.25, widths, M: [3000, 3000, 2000, 2000, 1500, 1500], paths: 5000, dt: 1 / 256, stopAt: 10, bootstrap: 30 });

  it('W1 to the SDE law decreases with n: log-log slope < 0 beyond 2 SE', () => {
    if (process.env.ATTN_DEBUG) console.log(res.points.map((p) => [p.n, p.w1.toFixed(4), p.w1Se.toFixed(4)]), res.slope, res.slopeSe);
    expect(res.slope + 2 * res.slopeSe).toBeLessThan(0);
    expect(res.points[0].w1).toBeGreaterThan(res.points[res.points.length - 1].w1);
  });

  it('at n = 256, mean and sd agree with the SDE law within 4 SE + the O(1/n) bias fitted on n ≤ 64', () => {
    const sde = lawWithErrors(res.sde);
    const small = res.points.filter((p) => p.n <= 64);
    const at256 = lawWithErrors(res.points.find((p) => p.n === 256)!.sample);
    for (const k of ['mean', 'sd'] as const) {
      // Least squares through the origin of d(n) = networks − SDE on x = 1/n: c = Σ x d / Σ x².
      const xs = small.map((p) => 1 / p.n);
      const ds = small.map((p) => lawWithErrors(p.sample).stats[k] - sde.stats[k]);
      const c = xs.reduce((s, x, i) => s + x * ds[i], 0) / xs.reduce((s, x) => s + x * x, 0);
      if (process.env.ATTN_DEBUG) console.log(k, 'bias c =', c.toFixed(3), 'n=256 diff', (at256.stats[k] - sde.stats[k]).toFixed(4), 'SE', Math.hypot(at256.se[k], sde.se[k]).toFixed(4));
      expect(Math.abs(at256.stats[k] - sde.stats[k])).toBeLessThan(4 * Math.hypot(at256.se[k], sde.se[k]) + Math.abs(c) / 256);
    }
  });
});
