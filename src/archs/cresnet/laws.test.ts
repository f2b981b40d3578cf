/**
 * The large-depth laws of controlled ResNets (Muça Cirone, Lemercier & Salvi 2023, §4): at finite
 * width, L → ∞ gives a neural CDE with random vector fields that are time-independent Gaussian
 * (shared weights) or a matrix-valued Brownian motion (unshared). Also the width-∞ kernels'
 * depth limits: the shared recursion → the PDE kernel, the unshared one → the ODE kernel, at O(1/L).
 */
import { describe, expect, it } from 'vitest';
import { activation } from '../../core/activations.ts';
import { buildPaths, type Path } from '../../core/paths.ts';
import { logLogSlope } from '../../experiments/fit.ts';
import { dualKernels } from '../../theory/dual.ts';
import { inhomogeneousGram, inhomogeneousGramAt, sharedDiscreteGram, unsharedDiscreteGram } from './discrete.ts';
import { cresnetGramPath, type CresnetConfig } from './network.ts';
import { pdeGram, type NskParams } from './pde.ts';

function paths(raw: string, d: number): Path[] {
  const r = buildPaths(raw, d);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

const nsk = (act: string, s02 = 1, sa2 = 1, sb2 = 0): NskParams => ({ s02, sa2, sb2, V: dualKernels(activation(act)).F });

describe('width-∞ kernels as the depth grows', () => {
  const P = paths('pl:0,0,0.6,0.3,0.3,0.9_pl:0,0,0.5,-0.3,0.8,0.2', 2);

  it('unshared, φ = id: the ODE kernel is (σ0² + σb²/σA²)·exp(σA² ∫⟨ẋ, ẏ⟩dt) − σb²/σA² (RK4 to 1e−10)', () => {
    const [s02, sa2, sb2] = [0.8, 1.5, 0.2];
    const G = inhomogeneousGram(P, 8, nsk('identity', s02, sa2, sb2));
    // Both paths have 2 segments of duration 1/2: ∫⟨ẋ, ẏ⟩ dt = Σ_s ⟨Δx_s, Δy_s⟩ / (1/2).
    const inner = (a: Path, b: Path) => 2 * ((a.values[2] - a.values[0]) * (b.values[2] - b.values[0]) + (a.values[3] - a.values[1]) * (b.values[3] - b.values[1]) + (a.values[4] - a.values[2]) * (b.values[4] - b.values[2]) + (a.values[5] - a.values[3]) * (b.values[5] - b.values[3]));
    for (const [a, b] of [[0, 1], [0, 0], [1, 1]]) {
      const want = (s02 + sb2 / sa2) * Math.exp(sa2 * inner(P[a], P[b])) - sb2 / sa2;
      expect(Math.abs(G[a][b].value - want) / want).toBeLessThan(1e-10);
      // Richardson's estimate is of the right size (within a factor 2 of the true error, or both tiny).
      expect(Math.abs(G[a][b].value - want)).toBeLessThanOrEqual(2 * G[a][b].errorEstimate + 1e-13);
    }
  });

  it.each(['identity', 'erf'])('%s: shared K_L → PDE kernel and unshared κ_L → ODE kernel at order 1 in 1/L (fitted slopes)', (act) => {
    const p = nsk(act, 1, 1.5, 0.1);
    const pde = pdeGram(P, 4, p)[0][1].extrapolated;
    const ode = inhomogeneousGramAt(P, 4, p)[0][1];
    const Ls = [16, 32, 64, 128];
    const shared = Ls.map((L) => Math.abs(sharedDiscreteGram(P, L, p)[0][1] - pde));
    const unshared = Ls.map((L) => Math.abs(unsharedDiscreteGram(P, L, p)[0][1] - ode));
    // Order-1 schemes on a grid that holds the knots: error = C/L + O(1/L²); slopes −1 within 0.1.
    expect(Math.abs(logLogSlope(Ls, shared) + 1), `shared ${shared}`).toBeLessThan(0.1);
    expect(Math.abs(logLogSlope(Ls, unshared) + 1), `unshared ${unshared}`).toBeLessThan(0.1);
    // The two limits differ: weight sharing changes the infinite-width-depth kernel.
    expect(Math.abs(pde - ode)).toBeGreaterThan(0.05);
  });
});

describe('finite width, L → ∞: shared weights converge per network, unshared ones only in law', () => {
  it('shared, φ = erf, n = 16: each network converges to its neural CDE — |K̂_{2L} − K̂_L| ∝ 1/L (Euler, fitted slope)', () => {
    const P = paths('sine:1,0.1,0.4_pl:0,0,0.5,0.7,0.9,0.2', 2);
    const cfg = (L: number): CresnetConfig => ({ n: 16, L, s02: 1, sa2: 2, sb2: 0.1, share: true, act: activation('erf'), seed: 3 });
    const Ls = [128, 256, 512, 1024, 2048];
    const K = Ls.map((L) => cresnetGramPath(P, cfg(L), 0)[L][1]);
    const diffs = K.slice(1).map((k, i) => Math.abs(k - K[i]));
    expect(Math.abs(logLogSlope(Ls.slice(0, -1), diffs) + 1), `diffs ${diffs}`).toBeLessThan(0.15);
  });

  // A 1-D loop x(t) = a sin 2πt (x(1) = x(0)), φ = id, σb = 0. Shared: the CDE dS = σA n^−1/2 A S dx
  // has S_1 = exp(σA n^−1/2 A (x(1) − x(0))) S_0 = S_0, so K̂_1(x, x)/K̂_0 → 1 for every network.
  // Unshared: per step |S_{i+1}|²/|S_i|² = 1 + 2c g/√n + c² χ²_n/n with c² = σA²Δx_i²/Δt and g, χ²_n
  // independent of the past, so log(K̂_1/K̂_0) → N(σA²(1 − 2/n)Q, 4σA²Q/n), Q = ∫ẋ² dt.
  const [x] = paths('sine:1,0,0.2_sine:1,0,0.2', 1);
  const Q = (() => {
    let s = 0;
    for (let i = 0; i + 1 < x.values.length; i++) s += (x.values[i + 1] - x.values[i]) ** 2;
    return s * (x.values.length - 1); // Σ Δ²/Δt with Δt = 1/64
  })();
  const Q4 = (() => {
    let s = 0;
    const m = x.values.length - 1;
    for (let i = 0; i < m; i++) s += ((x.values[i + 1] - x.values[i]) * m) ** 4 / m;
    return s; // ∫ẋ⁴ dt
  })();
  const n = 8;
  const L = 256;
  const M = 400;
  const logRatios = (share: boolean) =>
    Array.from({ length: M }, (_, m) => {
      const series = cresnetGramPath([x, x], { n, L, s02: 1, sa2: 1, sb2: 0, share, act: activation('identity'), seed: 21 }, m);
      return Math.log(series[L][0] / series[0][0]);
    });

  it('shared: log(K̂_1/K̂_0) → 0 for every network (the loop cancels), |error| ≤ σA²·Σc²-order 1/L', () => {
    const r = logRatios(true);
    // Second order of Π(I + cδ_iA): −(σA²/2n)A²Σδ_i², |Σδ_i²| = Q/L; allow 20× that (‖A²‖/n ≲ 4 + fluctuations).
    expect(Math.max(...r.map(Math.abs))).toBeLessThan((20 * Q) / L);
  });

  it('unshared: log(K̂_1/K̂_0) has the law N(σA²(1 − 2/n)Q, 4σA²Q/n) within 4 SE plus a stated O(1/L) bias', () => {
    const r = logRatios(false);
    const mean = r.reduce((s, v) => s + v, 0) / M;
    const variance = r.reduce((s, v) => s + (v - mean) ** 2, 0) / (M - 1);
    const wantMean = (1 - 2 / n) * Q;
    const wantVar = (4 * Q) / n;
    // Stated bias: the discrete steps' higher cumulants, ≤ 10·σA⁴∫ẋ⁴dt/L (terms c⁴ summed over steps).
    const bias = (10 * Q4) / L;
    expect(Math.abs(mean - wantMean), `mean ${mean} vs ${wantMean}`).toBeLessThan(4 * Math.sqrt(variance / M) + bias);
    // SE of a sample variance ≈ var·√(2/(M − 1)) (near-Gaussian law).
    expect(Math.abs(variance - wantVar), `var ${variance} vs ${wantVar}`).toBeLessThan(4 * wantVar * Math.sqrt(2 / (M - 1)) + bias);
    // And the law is genuinely random where the shared one is not.
    expect(Math.sqrt(variance)).toBeGreaterThan(0.5 * Math.sqrt(wantVar));
  });
});
