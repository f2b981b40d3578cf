/**
 * Orthogonal weights (weightRows.ts `haarLayer`): orthonormality, the Haar law (checked against
 * known moments of Haar O(n), not against another sampler). Its O(n²) speed is measured by
 * `npm run bench` (bench/run.ts), never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { Domain } from '../../core/philox.ts';
import { haarLayer, weightRows } from './weightRows.ts';

const SEED = 7;

/** W (n_out × n_in, row-major) from the row interface, which applies the reflectors to e_j. */
function denseW(net: number, nOut: number, nIn: number): Float64Array {
  const rows = weightRows({ kind: 'orthogonal' }, SEED, Domain.weight, net, 3, nOut, nIn);
  const W = new Float64Array(nOut * nIn);
  const r = new Float64Array(nIn);
  for (let i = 0; i < nOut; i++) {
    rows.row(i, r);
    W.set(r, i * nIn);
  }
  return W;
}

describe('haarLayer: W = √m·(first columns of a Haar Q ∈ O(m)), m = max(n_out, n_in)', () => {
  it.each([
    [64, 64],
    [50, 3],
    [5, 40],
  ])('n_out = %i, n_in = %i: WᵀW = m I (tall) or WWᵀ = m I (wide) to 1e−12', (nOut, nIn) => {
    const W = denseW(0, nOut, nIn);
    const m = Math.max(nOut, nIn);
    const tall = nOut >= nIn;
    const dim = tall ? nIn : nOut;
    let worst = 0;
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < dim; b++) {
        let s = 0;
        if (tall) for (let i = 0; i < nOut; i++) s += W[i * nIn + a] * W[i * nIn + b];
        else for (let j = 0; j < nIn; j++) s += W[a * nIn + j] * W[b * nIn + j];
        worst = Math.max(worst, Math.abs(s / m - (a === b ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('applied to k columns at once equals W·H, and the same keys give the same matrix', () => {
    const [nOut, nIn, k] = [33, 33, 3];
    const W = denseW(4, nOut, nIn);
    const H = Float64Array.from({ length: nIn * k }, (_, i) => Math.sin(1.7 * i + 0.3));
    const out = new Float64Array(nOut * k);
    haarLayer(SEED, Domain.weight, 4, 3, nOut, nIn).apply(H, k, out);
    for (let i = 0; i < nOut; i++) {
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let j = 0; j < nIn; j++) s += W[i * nIn + j] * H[j * k + a];
        expect(Math.abs(out[i * k + a] - s)).toBeLessThan(1e-12);
      }
    }
    expect(denseW(4, nOut, nIn)).toEqual(W);
    expect(denseW(5, nOut, nIn)).not.toEqual(W);
  });

  it('Haar law at n = 8: tr Q has the N(0, 1) moments 0, 1, 3 (Diaconis & Shahshahani 1994) and n·Q₁₁² ~ n·Beta(1/2, (n−1)/2) (mean 1, E(nQ₁₁²)² = 3n/(n+2))', () => {
    const n = 8;
    const M = 4000;
    const traces = new Float64Array(M);
    const q11 = new Float64Array(M);
    for (let net = 0; net < M; net++) {
      const W = denseW(net, n, n);
      let t = 0;
      for (let i = 0; i < n; i++) t += W[i * n + i] / Math.sqrt(n);
      traces[net] = t;
      q11[net] = W[0] * W[0]; // n·Q₁₁² (W = √n Q)
    }
    // Each statistic is a mean of M iid values: compare with its exact value within 4 SE.
    const check = (values: ArrayLike<number>, exact: number) => {
      let mean = 0;
      for (let i = 0; i < M; i++) mean += values[i] / M;
      let v = 0;
      for (let i = 0; i < M; i++) v += (values[i] - mean) ** 2 / (M - 1);
      expect(Math.abs(mean - exact)).toBeLessThan(4 * Math.sqrt(v / M));
    };
    check(traces, 0);
    check(traces.map((t) => t * t), 1);
    check(traces.map((t) => t ** 4), 3);
    check(q11, 1);
    check(q11.map((x) => x * x), (3 * n) / (n + 2));
  });

  it('one 512 × 512 layer on k = 2 inputs preserves every column norm exactly (square W/√n = Q; its speed is in npm run bench)', () => {
    const n = 512;
    const H = Float64Array.from({ length: n * 2 }, (_, i) => Math.cos(i));
    const out = new Float64Array(n * 2);
    haarLayer(SEED, Domain.weight, 1, 2, n, n).apply(H, 2, out);
    // Orthogonal: the norm of each column of H is preserved exactly.
    for (const a of [0, 1]) {
      let inNorm = 0;
      let outNorm = 0;
      for (let i = 0; i < n; i++) {
        inNorm += H[2 * i + a] ** 2;
        outNorm += out[2 * i + a] ** 2 / n;
      }
      expect(Math.abs(outNorm / inNorm - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('lowRankLayer', () => {
  it('applies exactly the matrix whose rows weightRows draws (U Vᵀ/√r), in O(n r k)', async () => {
    const { lowRankLayer: low, weightRows: rows } = await import('./weightRows.ts');
    const [nOut, nIn, r, k] = [37, 29, 5, 3];
    const H = Float64Array.from({ length: nIn * k }, (_, i) => Math.sin(i + 1));
    const out = new Float64Array(nOut * k);
    low(9, 1, 2, 3, nOut, nIn, r).apply(H, k, out);
    const source = rows({ kind: 'lowrank', r }, 9, 1, 2, 3, nOut, nIn);
    const w = new Float64Array(nIn);
    for (let i = 0; i < nOut; i++) {
      source.row(i, w);
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let j = 0; j < nIn; j++) s += w[j] * H[j * k + a];
        expect(out[i * k + a]).toBeCloseTo(s, 12);
      }
    }
  });
});
