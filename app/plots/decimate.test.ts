import { describe, expect, it } from 'vitest';
import { decimateColumns } from './decimate.ts';

describe('min–max decimation of a polyline per pixel column', () => {
  it('keeps first, lowest, highest and last vertex of each column, in order', () => {
    // 100 vertices over 10 pixel columns: y = sin, so each column has an interior extreme or not.
    const xs = Array.from({ length: 100 }, (_, i) => i / 10);
    const ys = xs.map((x) => Math.sin(3 * x));
    const kept = decimateColumns(100, (i) => xs[i], (i) => ys[i], () => true);
    expect(kept.length).toBeLessThanOrEqual(40);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    for (let c = 0; c < 10; c++) {
      const col = Array.from({ length: 10 }, (_, k) => 10 * c + k);
      const inCol = kept.filter((i) => Math.floor(xs[i]) === c);
      // The drawn vertices of the column span the same vertical range as all of them.
      expect(Math.min(...inCol.map((i) => ys[i]))).toBe(Math.min(...col.map((i) => ys[i])));
      expect(Math.max(...inCol.map((i) => ys[i]))).toBe(Math.max(...col.map((i) => ys[i])));
      expect(inCol[0]).toBe(col[0]);
      expect(inCol[inCol.length - 1]).toBe(col[9]);
    }
  });

  it('keeps every vertex when there are fewer than one per column, and keeps gaps', () => {
    const kept = decimateColumns(5, (i) => 10 * i, (i) => i, (i) => i !== 2);
    expect(kept).toEqual([0, 1, 2, 3, 4]);
    const dense = decimateColumns(20, (i) => i / 100, (i) => i, (i) => i !== 10);
    expect(dense).toContain(10);
    expect(dense).toEqual([0, 9, 10, 11, 19]);
  });
});
