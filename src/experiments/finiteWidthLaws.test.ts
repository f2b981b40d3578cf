/**
 * Issue 8 acceptance, Monte Carlo against exact finite-width theory (gram method: the exact law for
 * Gaussian weights, DESIGN.md §3). Tolerances: 4 standard errors of the Monte Carlo statistic, the
 * SE computed from the same samples (delta method for a ratio of means; the fourth moment for a
 * sample variance); the theory is exact, so there is no bias term unless stated.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { activation } from '../core/activations.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { correctionCoefficients, correctionTable } from '../theory/finiteWidth/kernelCorrection.ts';
import { exactLogMoments, secondMomentRatio } from '../theory/finiteWidth/normMoments.ts';
import { inputKernel } from '../theory/nngp.ts';
import { HEAVY_TAIL_RATIO, logStatistics } from './finiteNormLaw.ts';
import { runNetworks } from './monteCarlo.ts';
import { meanVar } from '../core/stats.ts';

const cpu = createCpuBackend();

/** m₂/m₁² of Q with its delta-method SE (gradient (−2m₂/m₁³, 1/m₁²) on the covariance of (Q, Q²)). */
function ratioOfMeans(Q: Float64Array): { ratio: number; se: number } {
  const M = Q.length;
  const m1 = meanVar(Q).mean;
  const m2 = meanVar(Q.map((q) => q * q)).mean;
  let c11 = 0;
  let c12 = 0;
  let c22 = 0;
  for (const q of Q) {
    const a = q - m1;
    const b = q * q - m2;
    c11 += a * a;
    c12 += a * b;
    c22 += b * b;
  }
  const g1 = (-2 * m2) / m1 ** 3;
  const g2 = 1 / m1 ** 2;
  return { ratio: m2 / m1 ** 2, se: Math.sqrt((g1 * g1 * c11 + 2 * g1 * g2 * c12 + g2 * g2 * c22) / (M - 1) / M) };
}

describe('|z^L|²/n of deep linear and He-ReLU MLPs (σb = 0): exact moments at n ∈ {16, 64, 256}, L ∈ {1, 4, 16}', () => {
  const M = 2000;
  for (const [act, sw2, sp, sm, family] of [
    ['identity', 1, 1, 1, 'linear'],
    ['relu', 2, 1, 0, 'relu'],
  ] as const) {
    for (const n of [16, 64, 256]) {
      it(`${act}, n = ${n}: E Q²/(E Q)² = (1 + 2/n)${family === 'linear' ? '^L' : '(1 + 5/n)^{L−1}'} where L/n < ${HEAVY_TAIL_RATIO}, exact log-moments everywhere`, async () => {
        // One depth-16 network records layers 1, 4, 16: its first l layers are a depth-l network.
        const spec: Spec = { ...DEFAULT_SPEC, act, sw2, sb2: 0, n, L: 16, M, seed: 11 };
        const { acc } = await runNetworks(spec, [1, 4, 16], { backend: cpu });
        [1, 4, 16].forEach((L, r) => {
          const Q = acc.samples(r).q11;
          const log = logStatistics(Q);
          const exact = exactLogMoments({ family, sp, sm }, sw2, 1, n, L)!;
          expect(Math.abs(log.mean - exact.mean), `E log Q, L = ${L}`).toBeLessThan(4 * log.meanSe);
          expect(Math.abs(log.var - exact.var), `Var log Q, L = ${L}`).toBeLessThan(4 * log.varSe);
          // Teeth: the infinite-width law (a point mass, Var log Q = 0) is far outside.
          expect(exact.var).toBeGreaterThan(10 * log.varSe);
          if (L / n < HEAVY_TAIL_RATIO) {
            const { ratio, se } = ratioOfMeans(Q);
            const formula = secondMomentRatio(sp, sm, n, L);
            expect(Math.abs(ratio - formula), `E Q²/(E Q)², L = ${L}`).toBeLessThan(4 * se);
            expect(formula - 1).toBeGreaterThan(8 * se); // the limit value 1 is rejected
          }
        });
      });
    }
  }

  it('ReLU: the 5/n per layer is resolved (the linear formula (1 + 2/n)^L is rejected at n = 64, L = 16)', async () => {
    const spec: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, sb2: 0, n: 64, L: 16, M, seed: 11 };
    const { acc } = await runNetworks(spec, [16], { backend: cpu });
    const log = logStatistics(acc.samples(0).q11);
    const relu = exactLogMoments({ family: 'relu', sp: 1, sm: 0 }, 2, 1, 64, 16)!;
    const linear = exactLogMoments({ family: 'linear', sp: 1, sm: 1 }, 1, 1, 64, 16)!;
    expect(Math.abs(log.var - relu.var)).toBeLessThan(4 * log.varSe);
    expect(Math.abs(log.var - linear.var)).toBeGreaterThan(8 * log.varSe);
  });
});

describe('O(1/n) kernel correction: Monte Carlo mean within 4 SE of K + d/n, and the correction is visible', () => {
  // Settings where d/n is several SE at M = 5000 (tanh at the edge of chaos σw² = 1, σb² = 0).
  const cases = [
    { act: 'tanh', sw2: 1, sb2: 0, L: 8 },
    { act: 'erf', sw2: 1, sb2: 0, L: 8 },
    { act: 'gelu', sw2: 1, sb2: 0, L: 4 },
  ];
  for (const c of cases) {
    it(`${c.act}, σw² = ${c.sw2}, σb² = ${c.sb2}, L = ${c.L}, ρ₀ = 0.5: n = 16, 32, 64`, async () => {
      const co = correctionCoefficients(correctionTable(activation(c.act), c.sw2, c.sb2, inputKernel(1, 1, 0.5), c.L));
      const K = co.K[c.L - 1];
      const d = co.d[c.L - 1];
      for (const n of [16, 32, 64]) {
        const spec: Spec = { ...DEFAULT_SPEC, ...c, n, M: 5000, rho0: 0.5, seed: 3 };
        const { acc } = await runNetworks(spec, [c.L], { backend: cpu });
        const s = acc.samples(0);
        for (const [key, i] of [['q11', 0], ['q12', 1]] as const) {
          const mv = meanVar(s[key]);
          const se = Math.sqrt(mv.var / mv.count);
          // The remainder is O(n^{−2}): measured ≤ 1.4 SE here, inside the 4 SE.
          expect(Math.abs(mv.mean - (K[i] + d[i] / n)), `${key}, n = ${n}`).toBeLessThan(4 * se);
          if (n === 16 && key === 'q11') expect(Math.abs(d[i] / n)).toBeGreaterThan(3 * se);
        }
      }
    });
  }
});
