/**
 * The block's SDE scheme (sde.ts) against the closed forms of (B3) (docs/shaped-transformer.md §3):
 * one small step's mean and covariance equal b(V) + γ₂² b_mlp(V) and Σ(V) + 2γ₂² Σ_lin(V), with b, Σ
 * of shaped attention (archs/attention/coefficients.ts (S2), (S3)) and b_mlp from Li–Nica–Roy's ν
 * (theory/covarianceSde/coefficients.ts); the step's bias (fine − coarse on the same Brownian paths)
 * is below the Monte Carlo SE; a singular start (the lab's rank-2 tokens) stays PSD.
 */
import { describe, expect, it } from 'vitest';
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { shapedAttentionDiffusion, shapedAttentionDrift } from '../attention/coefficients.ts';
import { shapingDrift, shapingStrength } from '../../theory/covarianceSde/coefficients.ts';
import { lawWithErrors, STAT_KEYS } from '../attention/lawStats.ts';
import { blockStep, simulateBlockSde } from './sde.ts';

const m = 3;
// A full-rank V (unit-ish norms, correlations 0.2, 0.5, 0.3), not the code's start.
const V0 = [1.0, 0.2, 0.5 * Math.sqrt(1.3), 0.2, 0.8, 0.3 * Math.sqrt(0.8 * 1.3), 0.5 * Math.sqrt(1.3), 0.3 * Math.sqrt(0.8 * 1.3), 1.3];
const P = { m, gamma2: 0.5, tau0: 1, gamma2m: 0.5 };
const cp = 0, cm = -3; // strong shaping: the MLP drift is comparable with the attention drift
const kappa = shapingStrength(cp, cm);
const entries: Array<[number, number]> = [[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]];

/** The closed forms of (B3) at V0. */
function driftB3(a: number, b: number): number {
  const att = shapedAttentionDrift(V0, { m, gamma2: P.gamma2, tau0: P.tau0 })[a * m + b];
  if (a === b) return att;
  const s = Math.sqrt(V0[a * m + a] * V0[b * m + b]);
  return att + P.gamma2m * shapingDrift(V0[a * m + b] / s, kappa) * s;
}
function diffusionB3(a: number, b: number, c: number, d: number): number {
  const v = (i: number, j: number) => V0[i * m + j];
  const lin = v(a, c) * v(b, d) + v(a, d) * v(b, c);
  return shapedAttentionDiffusion(V0, { m, gamma2: P.gamma2, tau0: P.tau0 }, a, b, c, d) + 2 * P.gamma2m * lin;
}

describe('the block SDE scheme implements (B3)', () => {
  it('one step: E[ΔV]/h = b + γ₂² b_mlp (4 SE + O(h)) and Cov[ΔV]/h = Σ + 2γ₂² Σ_lin (within 3 % of the largest entry)', () => {
    const h = 1e-5;
    const N = 20000;
    const F0 = psdCholesky(Float64Array.from(V0), m, new Float64Array(m * m));
    const stream = new NormalStream(7, Domain.test);
    const xi = new Float64Array(m * m), xp = new Float64Array(m * m), xq = new Float64Array(m * m);
    const neg = (x: Float64Array) => x.map((v) => -v);
    const work = Array.from({ length: 9 }, () => new Float64Array(m * m));
    const E = entries.length;
    const sym = Array.from({ length: E }, () => new Float64Array(N));
    const anti = Array.from({ length: E }, () => new Float64Array(N));
    const delta = (x: Float64Array, y: Float64Array, z: Float64Array) => {
      const F = Float64Array.from(F0);
      blockStep(F, P, kappa, h, x, y, z, work);
      return entries.map(([a, b]) => {
        let s = 0;
        for (let q = 0; q < m; q++) s += F[a * m + q] * F[b * m + q];
        return s - V0[a * m + b];
      });
    };
    for (let i = 0; i < N; i++) {
      stream.row(i, 0, 0, m * m, xi);
      stream.row(i, 0, 1, m * m, xp);
      stream.row(i, 0, 2, m * m, xq);
      // Antithetic pairs: the mean of ±Ξ cancels the O(√h) noise, their half-difference keeps it.
      const up = delta(xi, xp, xq);
      const dn = delta(neg(xi), neg(xp), neg(xq));
      for (let e = 0; e < E; e++) {
        sym[e][i] = (up[e] + dn[e]) / 2 / h;
        anti[e][i] = (up[e] - dn[e]) / 2 / Math.sqrt(h);
      }
    }
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    entries.forEach(([a, b], e) => {
      const mu = mean(sym[e]);
      const se = Math.sqrt(sym[e].reduce((s, v) => s + (v - mu) ** 2, 0) / (N - 1) / N);
      const want = driftB3(a, b);
      expect(Math.abs(mu - want)).toBeLessThan(4 * se + 1e-3);
    });
    // The MLP drift is resolved: without it the (0, 1) entry would be off by many SE.
    const mu01 = mean(sym[1]);
    expect(Math.abs(mu01 - (driftB3(0, 1) - P.gamma2m * shapingDrift(V0[1] / Math.sqrt(V0[0] * V0[4]), kappa) * Math.sqrt(V0[0] * V0[4])))).toBeGreaterThan(0.2);
    let scale = 0;
    entries.forEach(([a, b]) => entries.forEach(([c, d]) => (scale = Math.max(scale, Math.abs(diffusionB3(a, b, c, d))))));
    entries.forEach(([a, b], e) => {
      entries.forEach(([c, d], f) => {
        const cov = anti[e].reduce((s, v, i) => s + v * anti[f][i], 0) / N; // mean zero by symmetry
        // Relative SE of a covariance from N = 2·10⁴ draws: √(2/N) ≈ 1 %.
        expect(Math.abs(cov - diffusionB3(a, b, c, d))).toBeLessThan(0.03 * scale);
      });
    });
  });

  it('the step bias (fine dt = 1/256 − coarse 2dt on the same paths) is below the Monte Carlo SE, and paths from the rank-2 start stay PSD', () => {
    const run = simulateBlockSde({ m, gamma2: 0.5, tau0: 1, gamma2m: 0.5, cp: 0, cm: -1, q1: 1, q2: 1, rho0: 0.2, T: 0.25, dt: 1 / 256, paths: 3000, seed: 11, stopAt: 10 });
    for (let p = 0; p < 3; p++) {
      const fine = lawWithErrors(run.rho[p]);
      const coarse = lawWithErrors(run.rhoCoarse![p]);
      for (const k of STAT_KEYS) expect(Math.abs(fine.stats[k] - coarse.stats[k])).toBeLessThan(fine.se[k]);
      // Correlations of a PSD V lie in [−1, 1] (a non-PSD V would give |ρ| > 1 or NaN).
      expect(run.rho[p].every((r) => Math.abs(r) <= 1 + 1e-12)).toBe(true);
    }
  });
});
