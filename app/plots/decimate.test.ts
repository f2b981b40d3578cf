import { describe, expect, it } from 'vitest';
import { decimateColumns, decimatePixels } from './decimate.ts';

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

describe('decimatePixels: each vertex projected once, the same vertices as the plain per-column rule', () => {
  /** The rule written out plainly (one array per column): first, lowest, highest, last. */
  function reference(count: number, px: (i: number) => number, py: (i: number) => number, defined: (i: number) => boolean): number[] {
    const out: number[] = [];
    let group: number[] = [];
    let col = NaN;
    const flush = () => {
      if (group.length <= 4) out.push(...group);
      else {
        const lo = group.reduce((a, i) => (py(i) < py(a) ? i : a), group[0]);
        const hi = group.reduce((a, i) => (py(i) > py(a) ? i : a), group[0]);
        out.push(...[...new Set([group[0], lo, hi, group[group.length - 1]])].sort((a, b) => a - b));
      }
      group = [];
    };
    for (let i = 0; i < count; i++) {
      if (!defined(i)) {
        flush();
        col = NaN;
        out.push(i);
        continue;
      }
      if (Math.floor(px(i)) !== col) {
        flush();
        col = Math.floor(px(i));
      }
      group.push(i);
    }
    flush();
    return out;
  }

  it('matches the plain rule on random walks with gaps, ties and flat runs, and calls each scale once per vertex', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 80; trial++) {
      const count = 1 + Math.floor(rand() * 2000);
      const perPixel = 0.2 + rand() * 40;
      const ys: number[] = [];
      for (let i = 0, y = 0; i < count; i++) ys.push((y += rand() < 0.2 ? 0 : Math.round((rand() - 0.5) * 8)));
      const gaps = new Set(Array.from({ length: Math.floor(rand() * 5) }, () => Math.floor(rand() * count)));
      const px = (i: number) => i / perPixel;
      const py = (i: number) => ys[i];
      const defined = (i: number) => !gaps.has(i);
      let calls = 0;
      const got = decimatePixels(count, (i) => (calls++, px(i)), py, defined);
      expect(got.kept).toEqual(reference(count, px, py, defined));
      expect(calls).toBe(count - [...gaps].length);
      for (const i of got.kept) if (defined(i)) expect([got.px[i], got.py[i]]).toEqual([px(i), py(i)]);
    }
  });
});
