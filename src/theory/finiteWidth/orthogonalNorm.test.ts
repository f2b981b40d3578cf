/**
 * The exact squared-length law of deep linear nets with Haar-orthogonal weights: against
 * independent quadrature of the Beta density (tools/fixtures/make_orthogonal_fixtures.py, mpmath),
 * and against the Monte Carlo of the CPU backend's orthogonal layers within 4 SE.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/orthogonal.json';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import { INPUT_DIMENSION } from '../../core/inputs.ts';
import { DEFAULT_SPEC, type Spec } from '../../core/spec.ts';
import { logStatistics, momentRatio } from '../../experiments/finiteNormLaw.ts';
import { runNetworks } from '../../experiments/monteCarlo.ts';
import { orthogonalLinearNormLaw } from './orthogonalNorm.ts';

const close = (a: number, b: number, rel: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('orthogonalLinearNormLaw (closed forms in ψ, ψ′)', () => {
  it('matches the quadrature of the Beta law to 1e-10', () => {
    for (const c of fixtures.cases) {
      const law = orthogonalLinearNormLaw(c.n, c.d, c.L, c.s, c.sw2, c.q);
      close(law.meanQ, c.meanQ, 1e-12);
      close(law.secondMomentRatio, c.secondMomentRatio, 1e-12);
      close(law.logMean, c.logMean, 1e-10);
      close(law.logVar, c.logVar, 1e-10);
    }
  });

  it('does not depend on the depth except through the deterministic gain; degenerates when n ≥ d', () => {
    const a = orthogonalLinearNormLaw(16, 1024, 1, 1, 1.3, 0.8);
    const b = orthogonalLinearNormLaw(16, 1024, 40, 1, 1.3, 0.8);
    expect(b.logVar).toBe(a.logVar);
    expect(b.secondMomentRatio).toBe(a.secondMomentRatio);
    close(b.logMean - a.logMean, 39 * Math.log(1.3), 1e-12);
    expect(orthogonalLinearNormLaw(2048, 1024, 5, 1, 1, 1)).toMatchObject({ secondMomentRatio: 1, logVar: 0 });
  });
});

describe('Monte Carlo of orthogonal linear nets (explicit method, CPU backend)', () => {
  it('E Q²/(E Q)² and Var log Q_L match the exact law within 4 SE at L = 1 and L = 6 (n = 8)', async () => {
    const n = 8;
    const M = 3000;
    const spec: Spec = { ...DEFAULT_SPEC, act: 'identity', sw2: 1.2, sb2: 0, q1: 0.9, n, L: 6, M, method: 'explicit', weights: 'orthogonal', seed: 11 };
    const depths = [1, 6];
    const { acc } = await runNetworks(spec, depths, { backend: createCpuBackend() });
    depths.forEach((L, r) => {
      const Q = acc.samples(r).q11;
      const law = orthogonalLinearNormLaw(n, INPUT_DIMENSION, L, 1, spec.sw2, spec.q1);
      const log = logStatistics(Q);
      expect(Math.abs(log.mean - law.logMean)).toBeLessThan(4 * log.meanSe);
      expect(Math.abs(log.var - law.logVar)).toBeLessThan(4 * log.varSe);
      let m1 = 0;
      for (const v of Q) m1 += v / M;
      let v1 = 0;
      for (const v of Q) v1 += (v - m1) ** 2 / (M - 1);
      expect(Math.abs(m1 - law.meanQ)).toBeLessThan(4 * Math.sqrt(v1 / M));
      const ratio = momentRatio(Q);
      expect(Math.abs(ratio.ratio - law.secondMomentRatio)).toBeLessThan(4 * ratio.se);
    });
  });
});
