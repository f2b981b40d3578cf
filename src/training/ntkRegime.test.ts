import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { psdCholesky } from '../core/linalg.ts';
import { Domain, NormalStream } from '../core/philox.ts';
import { TrainNetwork } from './network.ts';
import { analyticKernels, expectedLossCurve, linearisedOutputs, runNtkRegime } from './ntkRegime.ts';
import { presetExponents } from './parametrisation.ts';
import { makeDataset } from './tasks.ts';

const tanh = activation('tanh');
const data = makeDataset({ task: 'teacher', N: 8, d: 8, seed: 1 });

describe('the analytic NTK on N inputs', () => {
  it('is the mean of the finite nets’ empirical NTK (NTK parametrisation, n = 256, 16 nets): every entry within 4 SE + the O(1/n) bias', () => {
    const L = 2;
    const k = analyticKernels(tanh, 1, L, data);
    const N = data.N;
    const S = 16;
    const sum = new Float64Array(N * N);
    const sq = new Float64Array(N * N);
    const th = new Float64Array(N * N);
    for (let s = 0; s < S; s++) {
      const net = new TrainNetwork({ arch: 'mlp', act: tanh, n: 256, L, d: 8, sw2: 1, exponents: presetExponents('ntk'), eta: 1, seed: 5, net: s });
      net.empiricalNtk(data.x, N, th);
      for (let j = 0; j < N * N; j++) {
        sum[j] += th[j];
        sq[j] += th[j] * th[j];
      }
    }
    let maxDiag = 0;
    for (let a = 0; a < N; a++) maxDiag = Math.max(maxDiag, k.theta[a * N + a]);
    for (let j = 0; j < N * N; j++) {
      const m = sum[j] / S;
      const se = Math.sqrt(Math.max(0, sq[j] / S - m * m) / (S - 1));
      // Bias of E Θ̂ at width n: O(L/n) relative (Hanin & Nica 2019) — 3/256 of the largest entry.
      expect(Math.abs(m - k.theta[j])).toBeLessThan(4 * se + (3 / 256) * maxDiag);
    }
  });

  it('the expected loss curve (‖A^t y‖² + tr(A^t K A^t))/2N = the mean over f₀ ~ N(0, K) of the linearised dynamics (4000 draws, 4 SE)', () => {
    const k = analyticKernels(tanh, 1, 2, data);
    const N = data.N;
    const thetaEta = k.theta.map((v) => 0.7 * v);
    const T = 12;
    const pred = expectedLossCurve(thetaEta, k.K, data.y, T);
    const C = psdCholesky(k.K, N, new Float64Array(N * N));
    const S = 4000;
    const z = new Float64Array(N);
    const f0 = new Float64Array(N);
    const sum = new Float64Array(T + 1);
    const sq = new Float64Array(T + 1);
    const g = new NormalStream(3, Domain.test);
    for (let s = 0; s < S; s++) {
      g.row(0, 0, s, N, z, 0);
      for (let a = 0; a < N; a++) {
        let v = 0;
        for (let b = 0; b <= a; b++) v += C[a * N + b] * z[b];
        f0[a] = v;
      }
      const f = linearisedOutputs(thetaEta, f0, data.y, T);
      for (let t = 0; t <= T; t++) {
        let l = 0;
        for (let a = 0; a < N; a++) l += 0.5 * (f[t * N + a] - data.y[a]) ** 2;
        l /= N;
        sum[t] += l;
        sq[t] += l * l;
      }
    }
    for (let t = 0; t <= T; t++) {
      const m = sum[t] / S;
      const se = Math.sqrt((sq[t] / S - m * m) / (S - 1));
      expect(Math.abs(m - pred[t])).toBeLessThan(4 * se);
    }
    expect(pred[T]).toBeLessThan(0.2 * pred[0]); // and the kernel fits the data
  });
});

describe('finite nets vs the kernel prediction (full-batch SGD, η = 1, 10 steps, widths 64…512, 8 coupled seeds)', () => {
  const r = runNtkRegime({ params: ['ntk', 'mup'], widths: [64, 128, 256, 512], L: 2, steps: 10, seeds: 8, eta: 1, act: tanh, sw2: 1, seed: 1, data });
  it('NTK parametrisation: max_t RMS|f_t − f_t^lin| falls like n^{−1/2} (slope within ±0.15)', () => {
    const p = r.params.find((q) => q.param === 'ntk')!;
    // Measured −0.52 ± 0.09 (jackknife over seeds): the per-net distance has an O(1) spread (the
    // random f₀ and the n^{−1/2} fluctuation of Θ̂), so 8 seeds give this SE; asserted < 0.12 so
    // that the ±0.15 of the acceptance still separates −1/2 from µP's ≈ −0.1 by > 3 SE.
    expect(p.distanceSlope.se).toBeLessThan(0.12);
    expect(Math.abs(p.distanceSlope.slope + 0.5)).toBeLessThan(0.15);
  });
  it('µP nets do not approach it: their distance levels off (slope > −0.25, distance at n = 512 above 0.6 × that at n = 64)', () => {
    const p = r.params.find((q) => q.param === 'mup')!;
    expect(p.distanceSlope.slope).toBeGreaterThan(-0.25);
    expect(p.distance[3]).toBeGreaterThan(0.6 * p.distance[0]);
    const ntk = r.params.find((q) => q.param === 'ntk')!;
    expect(ntk.distance[3]).toBeLessThan(p.distance[3]);
  });
});
