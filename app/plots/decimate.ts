/**
 * Which vertices of a polyline to draw at a given pixel resolution. A limit curve at L = 10⁴ has
 * 10⁴ vertices over a few hundred pixels; drawing them all costs the main thread hundreds of
 * milliseconds of layout and paint (issue 14 §8) and shows nothing more. Per pixel column we keep
 * the first, lowest, highest and last vertex (min–max decimation): the drawn path covers exactly
 * the same pixels as the full one. Undefined vertices are kept, so gaps stay gaps.
 */

/** A polyline in pixels, decimated: the kept vertex indices, and every vertex's pixel position. */
export interface PixelPolyline {
  /** Indices of the vertices to draw, increasing. */
  readonly kept: number[];
  /** Pixel x and y of every vertex (NaN where undefined): each scale is evaluated once per vertex. */
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly defined: Uint8Array;
}

/**
 * Min–max decimation of `count` vertices, with each vertex's pixel position computed once (the
 * main-thread cost of a 10⁴-vertex curve is one scale call per axis and vertex, issue 14 §8).
 */
export function decimatePixels(count: number, px: (i: number) => number, py: (i: number) => number, defined: (i: number) => boolean): PixelPolyline {
  const X = new Float64Array(count);
  const Y = new Float64Array(count);
  const ok = new Uint8Array(count);
  const kept: number[] = [];
  // The current column's vertices are [start, i): its first, lowest, highest and last are kept.
  let start = 0;
  let end = 0;
  let col = NaN;
  const flush = () => {
    const n = end - start;
    if (n <= 4) {
      for (let j = start; j < end; j++) kept.push(j);
    } else {
      let lo = start;
      let hi = start;
      for (let j = start + 1; j < end; j++) {
        if (Y[j] < Y[lo]) lo = j;
        if (Y[j] > Y[hi]) hi = j;
      }
      // first ≤ min(lo, hi) ≤ max(lo, hi) ≤ last, each once.
      const a = Math.min(lo, hi);
      const b = Math.max(lo, hi);
      kept.push(start);
      if (a !== start && a !== end - 1) kept.push(a);
      if (b !== a && b !== end - 1) kept.push(b);
      kept.push(end - 1);
    }
    start = end;
  };
  for (let i = 0; i < count; i++) {
    if (!defined(i)) {
      flush();
      X[i] = NaN;
      Y[i] = NaN;
      col = NaN;
      kept.push(i);
      start = end = i + 1;
      continue;
    }
    ok[i] = 1;
    X[i] = px(i);
    Y[i] = py(i);
    const c = Math.floor(X[i]);
    if (c !== col) {
      flush();
      col = c;
    }
    end = i + 1;
  }
  flush();
  return { kept, px: X, py: Y, defined: ok };
}

/** The kept vertex indices of decimatePixels. */
export function decimateColumns(count: number, px: (i: number) => number, py: (i: number) => number, defined: (i: number) => boolean): number[] {
  return decimatePixels(count, px, py, defined).kept;
}
