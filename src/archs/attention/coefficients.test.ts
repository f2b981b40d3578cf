/**
 * The SDE coefficients (S2), (S3) against the independent fixture's *one-layer Monte Carlo of the
 * exact chain* at n = 1024 (tools/fixtures/attention.json `generatorCheck`, 100 000 layers: n·E[ΔV]
 * and n·Cov[ΔV] measured on the finite model, not the formula), and the factored SDE step
 * (sde.ts) against the same closed forms (mean and covariance of one small step).
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/attention.json';
import { shapedAttentionDiffusion, shapedAttentionDrift, traceVHVH, centred } from './coefficients.ts';
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { factoredStepForTest } from './sde.ts';

const g = fixtures.generatorCheck;
const m = 3;
const V = g.V.flat();
const consts = { m, gamma2: fixtures.model.gamma2, tau0: fixtures.model.tau0 };
const entries = g.entries.map((e) => [Number(e[0]), Number(e[1])] as const);

describe('shaped-attention SDE coefficients (S2), (S3)', () => {
  it('drift b(V) equals n·E[ΔV] of one layer of the finite model (n = 1024) within 4 SE + O(1/n)', () => {
    const b = shapedAttentionDrift(V, consts);
    entries.forEach(([a, c], i) => {
      // The chain's O(1/n) correction to the drift is ≈ b/n ≈ 1e-4 here; 4 SE is ≥ 7e-4.
      expect(Math.abs(b[a * m + c] - g.driftMc[i])).toBeLessThan(4 * g.driftSe[i] + Math.abs(b[a * m + c]) / 1024);
      // and the Python transcription of (S2) (written from the document, not from this file):
      expect(b[a * m + c]).toBeCloseTo(g.driftTheory[i], 12);
    });
  });

  it('diffusion Σ(V) equals n·Cov[ΔV] of one layer of the finite model within 1 % of its largest entry', () => {
    // 100 000 layers: the relative SE of a covariance entry is ≈ √(2/1e5) ≈ 0.45 % of its scale.
    const scale = Math.max(...g.diffusionMc.flat().map(Math.abs));
    entries.forEach(([a, b], i) => {
      entries.forEach(([c, d], j) => {
        const s = shapedAttentionDiffusion(V, consts, a, b, c, d);
        expect(Math.abs(s - g.diffusionMc[i][j])).toBeLessThan(0.01 * scale);
        expect(s).toBeCloseTo(g.diffusionFormula[i][j], 12);
      });
    });
  });

  it('tr(VHVH) is the trace of (HVH)V, and HVH has zero row sums', () => {
    const C = centred(V, m);
    for (let a = 0; a < m; a++) expect(Math.abs(C[a * m] + C[a * m + 1] + C[a * m + 2])).toBeLessThan(1e-14);
    // Direct: H = I − J/3.
    const H = [2 / 3, -1 / 3, -1 / 3, -1 / 3, 2 / 3, -1 / 3, -1 / 3, -1 / 3, 2 / 3];
    const mul = (A: number[], B: number[]) => A.map((_, e) => [0, 1, 2].reduce((s, p) => s + A[Math.floor(e / 3) * 3 + p] * B[p * 3 + (e % 3)], 0));
    const P = mul(mul(mul(V, H), V), H);
    expect(traceVHVH(V, m)).toBeCloseTo(P[0] + P[4] + P[8], 13);
  });

  it('the factored step has mean b(V) dt and covariance Σ(V) dt per step (small dt)', () => {
    const F = psdCholesky(Float64Array.from(V), m, new Float64Array(9));
    const dt = 1e-3;
    const N = 20000;
    const s = new NormalStream(99, Domain.test);
    // Mean: E over the inner factor is exact (E[(aI + b√dt Ξ)(·)ᵀ] = I), so run with Ξ = 0 and divide
    // by a² = 1 − m b² dt; antithetic Ξ' (±) cancels the O(√dt) attention noise, leaving the O(dt)
    // terms of the scheme, whose spread is that of E V Eᵀ only: SE ≈ 1e-4, the O(dt) bias ≈ 1e-4.
    const g2 = consts.gamma2;
    const a2 = 1 - m * ((g2 * (2 - g2)) / 2) * dt;
    const zero = new Float64Array(9), xp = new Float64Array(9), nxp = new Float64Array(9);
    const mean = new Float64Array(9), mean2 = new Float64Array(9);
    for (let k = 0; k < N; k++) {
      s.row(k, 0, 1, 9, xp);
      for (let e = 0; e < 9; e++) nxp[e] = -xp[e];
      const d1 = factoredStepForTest(F, m, g2, consts.tau0, dt, zero, xp);
      const d2 = factoredStepForTest(F, m, g2, consts.tau0, dt, zero, nxp);
      for (let e = 0; e < 9; e++) {
        const x = ((d1[e] + V[e]) / a2 - V[e] + (d2[e] + V[e]) / a2 - V[e]) / (2 * dt);
        mean[e] += x / N;
        mean2[e] += (x * x) / N;
      }
    }
    const b = shapedAttentionDrift(V, consts);
    entries.forEach(([a, c]) => {
      const e = a * m + c;
      const se = Math.sqrt((mean2[e] - mean[e] ** 2) / N);
      expect(se).toBeLessThan(0.002); // sharp enough to see a 10 % error in any entry of b
      expect(Math.abs(mean[e] - b[e])).toBeLessThan(4 * se + 2 * dt);
    });
    // Covariance of ΔV/√dt with the full noise: relative SE ≈ √(2/N) = 1 % of the scale.
    const xi = new Float64Array(9);
    const deltas: Float64Array[] = [];
    for (let k = 0; k < N; k++) {
      s.row(k, 1, 0, 9, xi);
      s.row(k, 1, 1, 9, xp);
      deltas.push(factoredStepForTest(F, m, g2, consts.tau0, dt, xi, xp));
    }
    const scale = Math.max(...g.diffusionFormula.flat().map(Math.abs));
    for (const [a, b2] of entries) {
      for (const [c, d] of entries) {
        let s2 = 0, m1 = 0, m2 = 0;
        for (const dv of deltas) { m1 += dv[a * m + b2]; m2 += dv[c * m + d]; s2 += dv[a * m + b2] * dv[c * m + d]; }
        const c12 = (s2 / N - (m1 / N) * (m2 / N)) / dt;
        expect(Math.abs(c12 - shapedAttentionDiffusion(V, consts, a, b2, c, d))).toBeLessThan(0.05 * scale);
      }
    }
  });
});
