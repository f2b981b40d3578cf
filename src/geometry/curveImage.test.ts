import { describe, expect, it } from 'vitest';
import { topTwoComponents } from './curveImage.ts';

/** Centred kernel (1/n) Σ_i (z_i − z̄_i)(…)ᵀ of points given as rows of coordinates (k × n). */
function centredKernel(points: number[][]): Float64Array {
  const k = points.length;
  const n = points[0].length;
  const mean = Array.from({ length: n }, (_, i) => points.reduce((s, p) => s + p[i], 0) / k);
  const K = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) K[a * k + b] = points[a].reduce((s, _, i) => s + (points[a][i] - mean[i]) * (points[b][i] - mean[i]), 0) / n;
  return K;
}

describe('topTwoComponents', () => {
  it.each([40, 120])('k = %i (Jacobi up to 96, subspace iteration above): an ellipse with semi-axes 3 and 1 in R^4, rotated, plus a small third direction: recovers the ellipse (kernel PCA, per √n)', (k) => {
    const n = 4;
    const c = Math.cos(0.6);
    const s = Math.sin(0.6);
    const pts = Array.from({ length: k }, (_, a) => {
      const th = (2 * Math.PI * a) / k;
      const x = 3 * Math.cos(th);
      const y = Math.sin(th);
      const w = 0.1 * Math.cos(3 * th);
      // Rotate (x, y) in the plane of e0, e1; w along e2; nothing along e3. Scale by √n (coordinates per √n).
      return [c * x - s * y, s * x + c * y, w, 0].map((v) => v * Math.sqrt(n));
    });
    const img = topTwoComponents(centredKernel(pts), k);
    for (let a = 0; a < k; a++) {
      const th = (2 * Math.PI * a) / k;
      expect(Math.abs(img.pc1[a])).toBeCloseTo(Math.abs(3 * Math.cos(th)), 8);
      expect(Math.abs(img.pc2[a])).toBeCloseTo(Math.abs(Math.sin(th)), 8);
    }
    // Variances: 9/2, 1/2 and 0.01/2 → explained share (9 + 1)/(9 + 1 + 0.01).
    expect(img.explained).toBeCloseTo(10 / 10.01, 10);
    // Signs fixed: the first point on the positive side; a warm start with the previous picture keeps them.
    expect(img.pc1[0]).toBeGreaterThan(0);
    const again = topTwoComponents(centredKernel(pts), k, img.basis, img);
    for (let a = 0; a < k; a++) expect(again.pc1[a]).toBeCloseTo(img.pc1[a], 9);
  });
});

describe('topTwoComponents on degenerate kernels', () => {
  it('ends on a kernel with ∞/NaN (overflowed network: NaN picture), a zero kernel, and k = 3 < the block of 4', () => {
    const bad = new Float64Array(16).fill(1);
    bad[5] = Infinity;
    const r = topTwoComponents(bad, 4);
    expect(Number.isNaN(r.pc1[0]) && Number.isNaN(r.explained)).toBe(true);
    const zero = topTwoComponents(new Float64Array(16), 4);
    expect(Array.from(zero.pc1)).toEqual([0, 0, 0, 0]);
    // Three points: a triangle in the plane, centred kernel of rank 2.
    const pts = [[1, 0], [-0.5, Math.sqrt(3) / 2], [-0.5, -Math.sqrt(3) / 2]];
    const K = new Float64Array(9);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) K[a * 3 + b] = (pts[a][0] * pts[b][0] + pts[a][1] * pts[b][1]) / 2;
    const tri = topTwoComponents(K, 3);
    expect(tri.explained).toBeCloseTo(1, 10);
    for (let a = 0; a < 3; a++) expect(tri.pc1[a] ** 2 + tri.pc2[a] ** 2).toBeCloseTo(0.5, 10);
  });
});
