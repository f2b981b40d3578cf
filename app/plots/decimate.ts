/**
 * Which vertices of a polyline to draw at a given pixel resolution. A limit curve at L = 10⁴ has
 * 10⁴ vertices over a few hundred pixels; drawing them all costs the main thread hundreds of
 * milliseconds of layout and paint (issue 14 §8) and shows nothing more. Per pixel column we keep
 * the first, lowest, highest and last vertex (min–max decimation): the drawn path covers exactly
 * the same pixels as the full one. Undefined vertices are kept, so gaps stay gaps.
 */
export function decimateColumns(count: number, px: (i: number) => number, py: (i: number) => number, defined: (i: number) => boolean): number[] {
  const out: number[] = [];
  let col = NaN;
  let group: number[] = [];
  const flush = () => {
    if (group.length <= 4) {
      out.push(...group);
    } else {
      let lo = group[0];
      let hi = group[0];
      for (const i of group) {
        if (py(i) < py(lo)) lo = i;
        if (py(i) > py(hi)) hi = i;
      }
      const keep = new Set([group[0], lo, hi, group[group.length - 1]]);
      out.push(...[...keep].sort((a, b) => a - b));
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
    const c = Math.floor(px(i));
    if (c !== col) {
      flush();
      col = c;
    }
    group.push(i);
  }
  flush();
  return out;
}
