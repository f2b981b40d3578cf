/**
 * Acceptance (issue 15 §2): finite shaped-attention networks (m = 3, T ∈ {0.25, 1}) converge in law
 * to the covariance SDE: W1(law of ρ₀₁ over the networks, SDE law) decreases with n (fitted
 * log-log slope < 0 by more than 2 SE), and at n = 256 mean and sd agree within 4 SE plus the stated
 * O(1/n) bias (least squares of finite − SDE on 1/n in the independent fixture, `biasFit`: mostly
 * the first layer's Wishart fluctuation, Var ρ ≈ (1 − ρ₀²)²/n).
 *
 * The networks are sampled by the exact chain (gram.ts: exact in law; networks.test.ts checks it and
 * the explicit networks against the independent Python simulation). Sizes fit the 20 s budget; the
 * Monte Carlo floor of W1 at these sizes (two samples of one law) is ≈ 0.01, so the widths start at
 * n = 8 where W1 is well above it. The larger run (30 000 networks per width) is in the fixture, §7.3
 * of docs/shaped-transformer.md.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/attention.json';
import { lawWithErrors } from '../../../src/archs/attention/lawStats.ts';
import { convergenceInLaw } from '../../../src/archs/attention/convergence.ts';

const fx = fixtures.model;
const base = { m: fx.m, gamma2: fx.gamma2, tau0: fx.tau0, q1: fx.q1, q2: fx.q2, rho0: fx.rho0, seed: 41 };

export interface ConvergenceCase {
  readonly T: number;
  readonly widths: number[];
  readonly M: number[];
  readonly paths: number;
}

/** The two acceptance tests at one T (one file per T keeps each file within the time budget). */
export function describeConvergence({ T, widths, M, paths }: ConvergenceCase): void {
  describe(`convergence in law at T = ${T}`, () => {
  const res = convergenceInLaw(base, { T, widths, M, paths, dt: 1 / 256, stopAt: fx.stopAt, bootstrap: 30 });

  it('W1 to the SDE law decreases with n: log-log slope < 0 beyond 2 SE', () => {
    if (process.env.ATTN_DEBUG) console.log(T, res.points.map((p) => [p.n, p.w1.toFixed(4), p.w1Se.toFixed(4)]), res.slope, res.slopeSe);
    expect(res.slope + 2 * res.slopeSe).toBeLessThan(0);
    expect(res.points[0].w1).toBeGreaterThan(res.points[res.points.length - 1].w1);
  });

  it('at n = 256, mean and sd agree with the SDE law within 4 SE + the O(1/n) bias', () => {
    const conv = fixtures.convergence.find((c) => c.T === T)!;
    const bias = conv.biasFit[0]; // pair (0, 1)
    const at256 = res.points.find((p) => p.n === 256)!;
    const net = lawWithErrors(at256.sample);
    const sde = lawWithErrors(res.sde);
    for (const k of ['mean', 'sd'] as const) {
      const allowed = 4 * Math.hypot(net.se[k], sde.se[k]) + Math.abs(bias[k].coefOverN) / 256;
      expect(Math.abs(net.stats[k] - sde.stats[k])).toBeLessThan(allowed);
    }
  });
});
}
