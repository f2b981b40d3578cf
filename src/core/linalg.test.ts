import { describe, expect, it } from 'vitest';
import { haarOrthonormalColumns, psdCholesky } from './linalg.ts';
import { NormalStream } from './philox.ts';

function lowerTimesTranspose(C: Float64Array, k: number): Float64Array {
  const G = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += C[i * k + p] * C[j * k + p];
    G[i * k + j] = s;
  }
  return G;
}

describe('psdCholesky', () => {
  it('reproduces a positive-definite matrix (C Cᵀ = G, C lower)', () => {
    const G = Float64Array.from([4, 2, 0.4, 2, 3, 0.5, 0.4, 0.5, 1]);
    const C = psdCholesky(G, 3, new Float64Array(9));
    expect(C[1]).toBe(0);
    lowerTimesTranspose(C, 3).forEach((v, i) => expect(v).toBeCloseTo(G[i], 14));
  });

  it('handles singular PSD matrices (identical inputs, dead units) with zero columns', () => {
    const rank1 = Float64Array.from([2, 2, 2, 2, 2, 2, 2, 2, 2]); // three identical inputs
    const C = psdCholesky(rank1, 3, new Float64Array(9));
    lowerTimesTranspose(C, 3).forEach((v, i) => expect(v).toBeCloseTo(rank1[i], 12));
    const zero = new Float64Array(4); // a dead ReLU layer: G = 0
    expect(Array.from(psdCholesky(zero, 2, new Float64Array(4)))).toEqual([0, 0, 0, 0]);
  });
});

describe('haarOrthonormalColumns', () => {
  it('returns orthonormal columns', () => {
    const rows = 12;
    const cols = 5;
    const A = new Float64Array(rows * cols);
    new NormalStream(3, 1).row(0, 0, 0, rows * cols, A);
    const Q = haarOrthonormalColumns(A, rows, cols);
    for (let a = 0; a < cols; a++) for (let b = 0; b < cols; b++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += Q[i * cols + a] * Q[i * cols + b];
      expect(s).toBeCloseTo(a === b ? 1 : 0, 12);
    }
  });

  it('spans the same column space as A (Q R = A with R upper triangular)', () => {
    const rows = 6;
    const cols = 3;
    const A = new Float64Array(rows * cols);
    new NormalStream(5, 1).row(0, 0, 0, rows * cols, A);
    const Q = haarOrthonormalColumns(A, rows, cols);
    // R = Qᵀ A must be upper triangular with a positive diagonal (the Haar sign convention).
    for (let a = 0; a < cols; a++) for (let b = 0; b < cols; b++) {
      let r = 0;
      for (let i = 0; i < rows; i++) r += Q[i * cols + a] * A[i * cols + b];
      if (a > b) expect(Math.abs(r)).toBeLessThan(1e-12);
      if (a === b) expect(r).toBeGreaterThan(0);
    }
  });
});
