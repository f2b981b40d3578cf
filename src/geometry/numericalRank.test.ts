import { describe, expect, it } from 'vitest';
import { NormalStream } from '../core/philox.ts';
import { curveVectors } from './curve.ts';
import { curveLayerMeasures } from './curveMeasures.ts';
import { numericalRank, RANK_THRESHOLD, symmetricEigenvalues } from './numericalRank.ts';

/** A = Q diag(λ) Qᵀ, Q a product of 3 Householder reflections from Philox normals: a matrix of known spectrum. */
function withSpectrum(lambda: number[], seed: number): Float64Array {
  const k = lambda.length;
  const A = new Float64Array(k * k);
  for (let a = 0; a < k; a++) A[a * k + a] = lambda[a];
  const s = new NormalStream(seed, 3);
  const v = new Float64Array(k);
  const w = new Float64Array(k);
  for (let r = 0; r < 3; r++) {
    for (let a = 0; a < k; a++) v[a] = s.normal(0, r, a, 0);
    const vv = v.reduce((x, y) => x + y * y, 0);
    // A ← H A H, H = I − 2vvᵀ/vᵀv: w = Av, then A − 2(v wᵀ + w vᵀ)/vv + 4(vᵀw) v vᵀ/vv².
    for (let a = 0; a < k; a++) {
      let t = 0;
      for (let b = 0; b < k; b++) t += A[a * k + b] * v[b];
      w[a] = t;
    }
    const vw = v.reduce((x, y, i) => x + y * w[i], 0);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) A[a * k + b] += (-2 * (v[a] * w[b] + w[a] * v[b])) / vv + (4 * vw * v[a] * v[b]) / (vv * vv);
  }
  return A;
}

describe('symmetricEigenvalues (Householder + implicit QL)', () => {
  it.each([1, 2, 3, 17, 120])('recovers a known spectrum at k = %i to 1e−12 of its largest value', (k) => {
    const lambda = Array.from({ length: k }, (_, i) => (i % 5 === 0 ? 2.5 : Math.exp(-i / 7) * (i % 2 ? 1 : -1)));
    const got = symmetricEigenvalues(withSpectrum(lambda, 11 + k), k);
    const want = lambda.slice().sort((x, y) => y - x);
    const scale = Math.max(...lambda.map(Math.abs));
    for (let i = 0; i < k; i++) expect(Math.abs(got[i] - want[i]), `λ_${i}`).toBeLessThan(1e-12 * scale);
  });

  it('a diagonal and a zero matrix', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.from([3, 0, 0, 0, -1, 0, 0, 0, 7]), 3))).toEqual([7, 3, -1]);
    expect(Array.from(symmetricEigenvalues(new Float64Array(16), 4))).toEqual([0, 0, 0, 0]);
  });
});

describe('numericalRank', () => {
  it(`counts singular values ≥ ${RANK_THRESHOLD} of the largest (eigenvalues of K_c ≥ ${RANK_THRESHOLD ** 2} λ_max)`, () => {
    const lambda = [1, 0.3, 2e-6, 5e-7, 1e-9, 0, 0, 0];
    expect(numericalRank(withSpectrum(lambda, 5), 8)).toBe(3);
    expect(numericalRank(withSpectrum(lambda, 5), 8, 1e-2)).toBe(2);
    expect(numericalRank(new Float64Array(9), 3)).toBe(0);
    expect(numericalRank(Float64Array.from([1, NaN, NaN, 1]), 2)).toBeNaN();
  });

  it('the input circle’s centred features have rank 2 (a plane) whatever k is', () => {
    for (const k of [3, 8, 64]) {
      const d = 16;
      const X = curveVectors({ k, q: 1.3 }, d);
      // Points as a d × k matrix (the first k of the 2k columns), tangents the next k.
      const Z = new Float64Array(d * k);
      const T = new Float64Array(d * k);
      for (let j = 0; j < d; j++) for (let a = 0; a < k; a++) {
        Z[j * k + a] = X[j * 2 * k + a];
        T[j * k + a] = X[j * 2 * k + k + a];
      }
      const r = curveLayerMeasures(Z, T, d, k, 1.3);
      expect(r.numericalRank, `k = ${k}`).toBe(2);
      expect(r.participationRatio).toBeCloseTo(2, 10);
    }
  });
});
