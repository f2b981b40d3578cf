/**
 * Issue 8 acceptance for the weight families (explicit method): orthogonal linear nets do not
 * fluctuate at any depth while Gaussian ones spread like √(L/n); and each family's Monte Carlo mean
 * kernel at n = 512, L = 5 sits within 4 SE of its infinite-width limit — the NNGP for Gaussian,
 * orthogonal, Rademacher and sparse weights, and (up to its O(1/r) mean shift, included) for
 * low-rank ones (theory/finiteWidth/weightFamilies.ts).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { activation } from '../core/activations.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { parseWeights } from '../core/weights.ts';
import { correctionCoefficients, correctionTable } from '../theory/finiteWidth/kernelCorrection.ts';
import { trigamma } from '../theory/finiteWidth/special.ts';
import { familyLimitKernel } from '../theory/finiteWidth/weightFamilies.ts';
import { inputKernel } from '../theory/nngp.ts';
import { logLogSlope } from './fit.ts';
import { logStatistics } from './finiteNormLaw.ts';
import { runNetworks } from './monteCarlo.ts';
import { meanVar } from '../core/stats.ts';

const cpu = createCpuBackend();
const DEPTHS = [1, 4, 16];

describe('deep linear nets (σb = 0, n = 64): sd(log Q_L) against depth', () => {
  it('orthogonal: every square layer is an isometry, so log Q_L = log Q_1 + (L − 1) log σw² for every network and sd(log Q_L) does not depend on L', async () => {
    // The first layer maps the inputs (d = 1024) to n = 64 through √d·Qᵀ (orthonormal rows), a
    // random projection: Q_1 fluctuates. Every later layer is √n·Q, square: |z^{l+1}| = σw|φ(z^l)|.
    const spec: Spec = { ...DEFAULT_SPEC, act: 'identity', sw2: 1.3, sb2: 0, n: 64, L: 16, M: 40, method: 'explicit', weights: 'orthogonal', seed: 4 };
    const { acc } = await runNetworks(spec, DEPTHS, { backend: cpu });
    const q1 = acc.samples(0).q11;
    DEPTHS.forEach((L, r) => {
      const qL = acc.samples(r).q11;
      for (let m = 0; m < spec.M; m++) expect(Math.abs(Math.log(qL[m] / q1[m]) - (L - 1) * Math.log(1.3))).toBeLessThan(1e-12);
    });
    const sd1 = Math.sqrt(logStatistics(q1).var);
    const sd16 = Math.sqrt(logStatistics(acc.samples(2).q11).var);
    expect(Math.abs(sd16 - sd1)).toBeLessThan(1e-12);
    expect(sd1).toBeGreaterThan(0.05); // the projection's fluctuation is real, and the same at every depth
  });

  it('Gaussian: Var log Q_L = L ψ′(n/2) (≈ 2L/n) within 4 SE at each L, and the fitted slope of log sd against log L is 1/2 within 4 SE', async () => {
    const n = 64;
    const M = 2000;
    const spec: Spec = { ...DEFAULT_SPEC, act: 'identity', sw2: 1.3, sb2: 0, n, L: 16, M, seed: 4 };
    const { acc } = await runNetworks(spec, DEPTHS, { backend: cpu });
    const sds: number[] = [];
    DEPTHS.forEach((L, r) => {
      const log = logStatistics(acc.samples(r).q11);
      expect(Math.abs(log.var - L * trigamma(n / 2))).toBeLessThan(4 * log.varSe);
      sds.push(Math.sqrt(log.var));
    });
    // SE of log sd ≈ 1/√(2(M − 1)) for near-normal data; OLS slope SE = σ/√Σ(x − x̄)² (independent
    // errors; the three depths share networks, which correlates their errors positively and makes
    // this conservative).
    const xs = DEPTHS.map(Math.log);
    const xbar = xs.reduce((a, b) => a + b, 0) / xs.length;
    const slopeSe = 1 / Math.sqrt(2 * (M - 1)) / Math.sqrt(xs.reduce((a, x) => a + (x - xbar) ** 2, 0));
    expect(Math.abs(logLogSlope(DEPTHS, sds) - 0.5)).toBeLessThan(4 * slopeSe);
  });
});

describe('each weight family at n = 512, L = 5 (explicit, tanh, σw² = 1.5, σb² = 0.1): mean kernel within 4 SE of its limit', () => {
  const base: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2: 1.5, sb2: 0.1, q2: 0.7, rho0: 0.4, n: 512, L: 5, M: 16, method: 'explicit', seed: 5 };
  const nngp = familyLimitKernel(activation('tanh'), { kind: 'gaussian' }, 1.5, 0.1, base, 5).K;
  const LAYERS = [2, 5];

  for (const weights of ['gaussian', 'orthogonal', 'rademacher', 'sparse:0.3', 'lowrank:16']) {
    it(weights, async () => {
      const family = parseWeights(weights);
      if (!family.ok) throw new Error(family.reason);
      const limit = familyLimitKernel(activation('tanh'), family.value, 1.5, 0.1, base, 5);
      // Low rank r: the O(1/r) mean shift of the random limit (kernelCorrection.ts, rankRatio n/r).
      const shift =
        family.value.kind === 'lowrank'
          ? correctionCoefficients(correctionTable(activation('tanh'), 1.5, 0.1, inputKernel(1, 0.7, 0.4), 5), { rankRatio: 512 / family.value.r }).d
          : undefined;
      const { acc } = await runNetworks({ ...base, weights }, LAYERS, { backend: cpu });
      LAYERS.forEach((l, r) => {
        const s = acc.samples(r);
        for (const [key, i] of [['q11', 0], ['q12', 1]] as const) {
          const mv = meanVar(s[key]);
          const se = Math.sqrt(mv.var / mv.count);
          const expected = limit.K[l - 1][i] + (shift ? shift[l - 1][i] / 512 : 0);
          expect(Math.abs(mv.mean - expected), `layer ${l} ${key}`).toBeLessThan(4 * se);
          if (limit.kind === 'nngp') expect(limit.K[l - 1][i]).toBe(nngp[l - 1][i]);
        }
      });
    });
  }
});
