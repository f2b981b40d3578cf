import { describe, expect, it } from 'vitest';
import { psdCholesky } from './linalg.ts';

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
