/**
 * Issue 6 acceptance: finite shaped MLPs (Li, Nica & Roy 2022) against the law of the neural
 * covariance SDE at T = L/n. The limit is a law, so we compare laws: mean and sd of ρ̂_L, and the
 * log-normal diagonal log(V_aa(T)/V_aa(0)) ~ N(−T, 2T).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { sdeBlock } from '../theory/covarianceSde/fokkerPlanck.ts';
import { runNetworks } from './monteCarlo.ts';
import { meanVar } from '../core/stats.ts';

describe('shaped MLP at n = 256 against the covariance SDE (3000 networks, gram method)', () => {
  it.each([0.25, 1])('T = %f: mean and sd of ρ̂ within 0.02 of the SDE law; log V_aa mean and variance within 0.1 of −T and 2T', async (T) => {
    const n = 256;
    const spec: Spec = { ...DEFAULT_SPEC, arch: 'shaped', cp: 0, cm: -1, sw2: 1, sb2: 0, rho0: 0.3, n, L: T * n, M: 3000, seed: 61, method: 'gram' };
    const { acc } = await runNetworks(spec, [1, spec.L], { backend: createCpuBackend() });
    const law = sdeBlock(spec);
    const rho = meanVar(acc.samples(1).rho);
    // 0.02 is the tolerance; the SE of the mean here is sd/√3000 ≈ 0.01 at T = 1, and the
    // finite-n bias is O(n^{−1/2}).
    expect(Math.abs(rho.mean - law.rho.mean)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(rho.var) - law.rho.sd)).toBeLessThan(0.02);
    const v0 = acc.samples(0).q11;
    const vT = acc.samples(1).q11;
    const logRatio = meanVar(Array.from(vT, (v, i) => Math.log(v / v0[i])));
    expect(Math.abs(logRatio.mean - -T)).toBeLessThan(0.1);
    expect(Math.abs(logRatio.var - 2 * T)).toBeLessThan(0.1);
    // The law is really random at this T (a deterministic limit would have sd → 0).
    expect(law.rho.sd).toBeGreaterThan(0.1);
  });
});

describe('log V_aa(T)/V_aa(0) ~ N(−T, 2T) whatever the shaping (c₊, c₋): it is the same law for every shaped net', () => {
  // T = 0.25 at n = 256 (L = 64), 1500 networks: SE of the mean √(2T/M) ≈ 0.018, of the variance
  // 2T√(2/M) ≈ 0.018 — the tolerance 0.1 is above 4 SE + the O(1/n) finite-width offset.
  it.each([
    [1, -3],
    [-2, 2],
    [0.5, 0.5],
  ])('c₊ = %f, c₋ = %f', async (cp, cm) => {
    const T = 0.25;
    const n = 256;
    const spec: Spec = { ...DEFAULT_SPEC, arch: 'shaped', cp, cm, sw2: 1, sb2: 0, rho0: 0.3, n, L: T * n, M: 1500, seed: 62, method: 'gram' };
    const { acc } = await runNetworks(spec, [1, spec.L], { backend: createCpuBackend() });
    const v0 = acc.samples(0).q11;
    const logRatio = meanVar(Array.from(acc.samples(1).q11, (v, i) => Math.log(v / v0[i])));
    expect(Math.abs(logRatio.mean + T)).toBeLessThan(0.1);
    expect(Math.abs(logRatio.var - 2 * T)).toBeLessThan(0.1);
  });
});
