import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { psdCholesky } from '../core/linalg.ts';
import { Domain, NormalStream } from '../core/philox.ts';
import { analyticKernels, runNtkRegime } from './ntkRegime.ts';
import { sliceInputs, slicePrediction } from './ntkSlice.ts';
import { makeDataset, type Dataset } from './tasks.ts';

const tanh = activation('tanh');
const data = makeDataset({ task: 'teacher', N: 6, d: 8, seed: 2 });

describe('the 1-D slice of inputs', () => {
  it('is a great circle of radius √d through x₀ (θ = 0) and x₁', () => {
    const { theta, z } = sliceInputs(data, 360);
    const d = data.d;
    for (let i = 0; i < 360; i++) {
      let r2 = 0;
      for (let j = 0; j < d; j++) r2 += z[i * d + j] ** 2;
      expect(r2).toBeCloseTo(d, 10);
    }
    for (let j = 0; j < d; j++) expect(z[j]).toBeCloseTo(data.x[j], 12);
    // x₁ is on it: the nearest of 360 points is within half a degree (chord ≤ √d·π/360).
    let best = Infinity;
    for (let i = 0; i < 360; i++) {
      let dist = 0;
      for (let j = 0; j < d; j++) dist += (z[i * d + j] - data.x[d + j]) ** 2;
      best = Math.min(best, Math.sqrt(dist));
    }
    expect(best).toBeLessThan((Math.sqrt(d) * Math.PI) / 360);
    expect(theta[90]).toBeCloseTo(Math.PI / 2, 12);
  });
});

describe('the kernel prediction on the slice', () => {
  it('equals the mean and sd over f₀ ~ GP(0, K) of the linearised dynamics run on the training set and the slice together (3000 draws; mean within 4 SE, sd within 4 SE)', () => {
    const L = 2;
    const eta = 0.8;
    const T = 7;
    const k = 5;
    const kern = analyticKernels(tanh, 1, L, data);
    const pred = slicePrediction(tanh, 1, L, data, kern, eta, T, k);
    // The joint kernels of [X; z] from the lab's recursion (entrywise), and the dynamics written out:
    // f_{t+1}(·) = f_t(·) − (η/N) Θ(·, X)(f_t(X) − y) for every one of the N + k inputs.
    const { N, d } = data;
    const { z } = sliceInputs(data, k);
    const all: Dataset = { ...data, N: N + k, x: Float64Array.from([...data.x, ...z]), y: new Float64Array(N + k) };
    const joint = analyticKernels(tanh, 1, L, all);
    const M = N + k;
    const C = psdCholesky(joint.K, M, new Float64Array(M * M));
    const S = 3000;
    const g = new NormalStream(11, Domain.test);
    const xi = new Float64Array(M);
    const f = new Float64Array(M);
    const r = new Float64Array(N);
    const sum = new Float64Array(k);
    const sq = new Float64Array(k);
    for (let s = 0; s < S; s++) {
      g.row(0, 0, s, M, xi, 0);
      for (let a = 0; a < M; a++) {
        let v = 0;
        for (let b = 0; b <= a; b++) v += C[a * M + b] * xi[b];
        f[a] = v;
      }
      for (let t = 0; t < T; t++) {
        for (let b = 0; b < N; b++) r[b] = f[b] - data.y[b];
        for (let a = 0; a < M; a++) {
          let acc = 0;
          for (let b = 0; b < N; b++) acc += joint.theta[a * M + b] * r[b];
          f[a] -= (eta / N) * acc;
        }
      }
      for (let j = 0; j < k; j++) {
        sum[j] += f[N + j];
        sq[j] += f[N + j] ** 2;
      }
    }
    expect(d).toBe(8);
    for (let j = 0; j < k; j++) {
      const m = sum[j] / S;
      const v = (sq[j] - S * m * m) / (S - 1);
      // SE of the mean sd/√S; of the sample sd (Gaussian) ≈ sd/√(2(S − 1)).
      expect(Math.abs(m - pred.mean[j])).toBeLessThan(4 * Math.sqrt(v / S));
      expect(Math.abs(Math.sqrt(v) - pred.sd[j])).toBeLessThan(4 * pred.sd[j] / Math.sqrt(2 * (S - 1)));
    }
    // The prediction is not trivial: the band is narrower than the prior's at x₀ (a training input).
    expect(pred.sd[0]).toBeLessThan(0.5 * Math.sqrt(kern.K[0]));
  });

  it('the NTK regime sweep reports the trained nets on the slice, and at n = 256 their mean over 16 nets agrees with the prediction within their own standard error', () => {
    // A finite net's f_T(z) = the linearised one + O(n^{−1/2}); at n = 256 that bias is small against
    // the spread of f₀ over 16 nets, so |mean − E f_T| < 4 SE (SE from the nets) at most points.
    const r = runNtkRegime({ params: ['ntk'], widths: [128, 256], L: 2, steps: 5, seeds: 16, eta: 1, act: tanh, sw2: 1, seed: 3, data, slice: 16 });
    const p = r.params[0].slice!;
    expect(r.slice!.theta).toHaveLength(16);
    expect(p.mean.map((row) => row.length)).toEqual([16, 16]);
    const z = p.mean[1].map((m, j) => (m - r.slice!.mean[j]) / p.se[1][j]);
    expect(z.filter((v) => Math.abs(v) < 4).length).toBeGreaterThanOrEqual(15);
    // The nets' spread is the prediction's: their sample sd (√16 · SE) within 40 % of the predicted sd (16 nets: the sd's own error ≈ 18 %).
    const ratio = p.se[1].map((se, j) => (se * 4) / r.slice!.sd[j]);
    for (const q of ratio) expect(Math.abs(q - 1)).toBeLessThan(0.6);
  });
});
