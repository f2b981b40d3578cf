/**
 * Issue 5 acceptance (engine): ResNet 1/√L vs the covariance ODE at L/n ∈ {1/4, 1, 4}, the n^{−1/2}
 * law of its fluctuations, the He-MLP √(5L/n), the identity ResNet at fixed width, and the
 * n = 3 → 4 change of regime of ReLU ResNets at fixed width (Hayou 2022).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { resnetCovarianceOde } from '../theory/resnetOde.ts';
import { activation } from '../core/activations.ts';
import { theoryBlock } from '../archs/theory.ts';
import { logNormRatios } from './fixedWidth.ts';
import { runNetworks } from './monteCarlo.ts';
import { logMoments, meanVar } from '../core/stats.ts';
import { logLogSlope } from './fit.ts';
import { cellStatistic, runCommuteMap } from './commuteMap.ts';

const cpu = createCpuBackend();
const reluResnet: Spec = { ...DEFAULT_SPEC, arch: 'resnet', act: 'relu', alpha: 0.5, sw2: 1, sb2: 0, rho0: 0.3, method: 'gram', seed: 4 };

async function lastLayer(spec: Spec) {
  const { acc } = await runNetworks(spec, [spec.L], { backend: cpu });
  return acc.samples(0);
}

describe('1/√L ResNet (ReLU) against the covariance ODE', () => {
  const ode = resnetCovarianceOde(activation('relu'), reluResnet, { tGrid: [0, 1] });
  const rhoOde = ode.rho[1];
  const qOde = ode.q11[1];

  // M = 400: sd(ρ̂_L) ≈ 0.05 at n = 512, so 4 SE ≈ 0.01 — the tolerance is a real statement.
  it.each([
    [512, 128, 400],
    [512, 512, 400],
    [512, 2048, 400],
  ])('n = %i, L = %i, M = %i: mean ρ̂_L within 0.01 of ρ(1), mean q̂/q_ODE within 0.02 of 1', async (n, L, M) => {
    const s = lastLayer({ ...reluResnet, n, L, M });
    const samples = await s;
    const rho = meanVar(samples.rho);
    const q = meanVar(samples.q11);
    // The finite-L recursion differs from the ODE by O(1/L) (theory/resnetOde.test.ts fits the slope);
    // add that discretisation error, measured here from the recursion itself, to the tolerance.
    const th = theoryBlock({ ...reluResnet, n, L });
    const discRho = Math.abs(th.rho[th.rho.length - 1] - rhoOde);
    const discQ = Math.abs(th.q11[th.q11.length - 1] / qOde - 1);
    expect(Math.abs(rho.mean - rhoOde)).toBeLessThan(0.01 + discRho);
    expect(Math.abs(q.mean / qOde - 1)).toBeLessThan(0.02 + discQ);
    // …and these are real statements: 3 SE of the estimates fit inside the tolerances.
    expect(3 * Math.sqrt(rho.var / M)).toBeLessThan(0.01);
    expect(3 * Math.sqrt(q.var / M) / qOde).toBeLessThan(0.02);
  });

  it('sd(log q̂_L) decreases like n^{−1/2} at fixed L/n = 1 (slope fitted over n = 32 … 256)', async () => {
    const widths = [32, 64, 128, 256];
    const sds: number[] = [];
    for (const n of widths) {
      const samples = await lastLayer({ ...reluResnet, n, L: n, M: 400 });
      sds.push(Math.sqrt(logMoments(samples.q11).var));
    }
    const slope = logLogSlope(widths, sds);
    // SE of a sd from 400 samples is ≈ 3.5 %, i.e. ≈ 0.035/ln 8 ≈ 0.02 on a slope over a factor 8.
    expect(slope).toBeGreaterThan(-0.6);
    expect(slope).toBeLessThan(-0.4);
  });
});

describe('He-MLP (ReLU, σw² = 2): sd(log q̂_L) ≈ √(5L/n)', () => {
  // Hanin & Nica 2020: log q̂_L is asymptotically normal with variance ≈ 5L/n for ReLU He networks.
  it.each([
    [256, 16],
    [128, 32],
  ])('n = %i, L = %i within 15 %', async (n, L) => {
    const samples = await lastLayer({ ...DEFAULT_SPEC, act: 'relu', sw2: 2, n, L, M: 1500, seed: 8 });
    const sd = Math.sqrt(logMoments(samples.q11).var);
    expect(Math.abs(sd / Math.sqrt((5 * L) / n) - 1)).toBeLessThan(0.15);
  });
});

describe('identity ResNet at fixed width: log(|Y_1|²/|Y_0|²) ~ N(1 − 2/n, 4/n)', () => {
  // Exact for the SDE (Itô on log|Y|²); the network at L = 256 is its Euler scheme, whose bias
  // is O(1/L) ≈ 0.004 here, well inside 4 SE.
  it.each([2, 4, 8, 32])('n = %i (mean and variance within 4 SE)', async (n) => {
    const M = n >= 32 ? 1500 : 4000;
    const { ratios } = await logNormRatios({ ...DEFAULT_SPEC, act: 'identity', sw2: 1, sb2: 0, n, L: 256, M, seed: 21 }, { backend: cpu });
    const mv = meanVar(ratios);
    const meanTheory = 1 - 2 / n;
    const varTheory = 4 / n;
    expect(Math.abs(mv.mean - meanTheory)).toBeLessThan(4 * Math.sqrt(varTheory / M));
    // SE of a sample variance of normal data: σ²√(2/(M − 1)).
    expect(Math.abs(mv.var - varTheory)).toBeLessThan(4 * varTheory * Math.sqrt(2 / (M - 1)));
  });
});

describe('fixed-width ReLU ResNet: the drift of log|φ(Y)|² changes sign between n = 3 and n = 4', () => {
  it('n = 3 is negative, n = 4 positive, both with error bars (4 SE) excluding 0', async () => {
    // E log-ratio ≈ −0.10 (n = 3) and +0.03 (n = 4) at L = 64; M = 60 000 gives SE ≈ 0.004.
    const base = { ...DEFAULT_SPEC, act: 'relu', sw2: 1, sb2: 0, L: 64, M: 60000, seed: 34 };
    const r3 = meanVar((await logNormRatios({ ...base, n: 3 }, { backend: cpu })).ratios);
    const r4 = meanVar((await logNormRatios({ ...base, n: 4 }, { backend: cpu })).ratios);
    expect(r3.mean + 4 * Math.sqrt(r3.var / r3.count)).toBeLessThan(0);
    expect(r4.mean - 4 * Math.sqrt(r4.var / r4.count)).toBeGreaterThan(0);
  });
});

describe('commutation map', () => {
  it('cellStatistic: W1 to a point mass is E|x − limit|; mean and sd as named', () => {
    const c = cellStatistic('w1', [0.1, 0.3, NaN], 0.2);
    expect(c.value).toBeCloseTo(0.1, 15);
    expect(c.finite).toBe(2);
    expect(cellStatistic('mean', [0.1, 0.3], 0.5).value).toBeCloseTo(0.3, 15);
    expect(cellStatistic('sd', [0.1, 0.3], 0).value).toBeCloseTo(Math.sqrt(0.02), 15);
  });

  it('fills every cell; MLP fluctuations of log q̂ grow with L at fixed n while the 1/√L ResNet stays flat', async () => {
    const s: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, nmin: 16, nmax: 64, Lmin: 4, Lmax: 64, M: 60, stat: 'sd', obs: 'logq', view: 'commute', seed: 3 };
    const partial: number[] = [];
    const block = await runCommuteMap(s, { backend: cpu, onPartial: (_b, p) => partial.push(p.done) });
    expect(block.n).toEqual([16, 32, 64]);
    expect(block.L).toEqual([4, 8, 16, 32, 64]);
    for (const v of block.variants) for (const row of v.cells.value) for (const x of row) expect(Number.isFinite(x)).toBe(true);
    expect(partial.at(-1)).toBe(3 * 3 * 5);
    const mlp = block.variants.find((v) => v.id === 'mlp')!.cells.value;
    const sqrt = block.variants.find((v) => v.id === 'resnet-sqrt')!.cells.value;
    const iN = 0; // n = 16
    // MLP: sd(log q̂_L) ≈ √(5L/n) grows 4× from L = 4 to 64; the 1/√L ResNet's is O(n^{−1/2}) at
    // every depth (a factor 1.5 covers the sampling error of a sd from 60 networks, ≈ 9 %).
    expect(mlp[4][iN]).toBeGreaterThan(2.5 * mlp[0][iN]);
    expect(sqrt[4][iN]).toBeLessThan(1.5 * sqrt[0][iN]);
  });
});
