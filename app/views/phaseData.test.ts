import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { runPhaseDiagram, type PhaseDiagramBlock } from '../../src/experiments/phaseDiagram.ts';
import { labelAnchor, regionAnchor } from '../plots/drawPhaseMap.ts';
import { nearestCell, phaseMap, pickPoint, pointRows, roundForUrl } from './phaseData.ts';

const spec: Spec = { ...DEFAULT_SPEC, view: 'phase', act: 'tanh', grid: 7, sw2: 1.5, sb2: 0.1, M: 0 };

describe('phase diagram data', () => {
  let block: PhaseDiagramBlock;
  it('selects the chosen quantity cell by cell, with the block’s phases as regions', async () => {
    block = await runPhaseDiagram(spec);
    for (const q of ['chi1', 'xiC', 'xiQ', 'qStar', 'cStar'] as const) {
      const m = phaseMap(spec, block, q);
      expect(m.values).toEqual(block[q]);
      expect(m.colorScale).toBe(q === 'xiC' || q === 'xiQ' ? 'log' : 'linear');
    }
    const m = phaseMap(spec, block, 'chi1');
    expect(m.regions).toEqual(block.phase);
    expect(m.xs).toEqual(block.sw2);
    expect(m.ys).toEqual(block.sb2);
    // tanh at σb² = 0.5 (top row): ordered at σw² = 4/7, chaotic at σw² = 4.
    expect(m.regions[6][0]).toBe('ordered');
    expect(m.regions[6][6]).toBe('chaotic');
    expect(m.point).toMatchObject({ x: 1.5, y: 0.1 });
  });

  it('draws the critical line through the block’s own vertices, both root finders', () => {
    const m = phaseMap(spec, block, 'xiC');
    const [main, second] = m.lines;
    expect(main.x).toEqual(block.criticalLine.sw2);
    expect(main.y).toEqual(block.criticalLine.sb2);
    expect(main.x.length).toBe(2 * spec.grid - 1);
    expect(second.y).toEqual(block.criticalLine.sb2);
    // Where both succeed they agree (≤ 1e−8, the acceptance of issue 8): the dashed line lies on the thick one.
    main.x.forEach((v, i) => {
      if (v !== null && second.x[i] !== null) expect(Math.abs(v - second.x[i]!)).toBeLessThan(1e-8);
    });
  });

  it('shows the grid of the spec, every cell pending, before the first row arrives', () => {
    const m = phaseMap(spec, undefined, 'chi1');
    expect(m.xs).toHaveLength(7);
    expect(m.xs[6]).toBeCloseTo(spec.sw2max, 12);
    expect(m.ys[0]).toBe(0);
    expect(m.regions.flat().every((r) => r === 'pending')).toBe(true);
    expect(m.values.flat().every((v) => v === null)).toBe(true);
    expect(m.lines).toEqual([]);
  });

  it('keeps rows not streamed yet pending', () => {
    const partial = { ...block, chi1: block.chi1.slice(0, 3), phase: block.phase.slice(0, 3) };
    const m = phaseMap(spec, partial, 'chi1');
    expect(m.regions[2]).toEqual(block.phase[2]);
    expect(m.regions[3].every((r) => r === 'pending')).toBe(true);
    expect(m.values[3].every((v) => v === null)).toBe(true);
  });

  it('a click sets σw², σb² to 3 significant digits and opens the depth view, with networks', () => {
    expect(roundForUrl(2.345678)).toBe(2.35);
    expect(roundForUrl(0.0123456)).toBe(0.0123);
    expect(pickPoint({ M: 0, arch: 'mlp' }, 2.345678, 0.12345, spec)).toEqual({ sw2: 2.35, sb2: 0.123, view: 'depth', M: 200 });
    expect(pickPoint({ M: 50, arch: 'mlp' }, 1, 0.2, spec)).toEqual({ sw2: 1, sb2: 0.2, view: 'depth' });
    // Half a cell outside the grid: clamped to the allowed values (σb² ≥ 0, σw² ≤ sw2max).
    expect(pickPoint({ M: 50, arch: 'resnet' }, 9, -0.01, spec)).toEqual({ sw2: 4, sb2: 0, view: 'depth', arch: 'mlp' });
    // With the curve (issue 18 §2): a circle of 32 points and at most 20 networks when the link has no curve; the link's own curve kept; off: none.
    expect(pickPoint({ M: 0, arch: 'mlp', curve: 'none' }, 1, 0.2, spec, true)).toEqual({ sw2: 1, sb2: 0.2, view: 'depth', curve: 'circle:32', M: 20 });
    expect(pickPoint({ M: 8, arch: 'mlp', curve: 'none' }, 1, 0.2, spec, true)).toEqual({ sw2: 1, sb2: 0.2, view: 'depth', curve: 'circle:32', M: 8 });
    expect(pickPoint({ M: 50, arch: 'mlp', curve: 'ellipse:16:0.5' }, 1, 0.2, spec, true)).toEqual({ sw2: 1, sb2: 0.2, view: 'depth' });
    expect(pickPoint({ M: 50, arch: 'mlp', curve: 'circle:16' }, 1, 0.2, spec, false)).toEqual({ sw2: 1, sb2: 0.2, view: 'depth', curve: 'none' });
    expect(pickPoint({ M: 50, arch: 'mlp', curve: 'none' }, 1, 0.2, spec, false)).toEqual({ sw2: 1, sb2: 0.2, view: 'depth' });
  });

  it('finds the nearest cell and a place inside each region for its name', () => {
    expect(nearestCell([1, 2, 3], [0, 0.5], 2.4, 0.3)).toEqual({ i: 1, j: 1 });
    const regions = [
      ['a', 'a', 'b', 'b', 'b'],
      ['a', 'a', 'b', 'b', 'b'],
      ['a', 'a', 'b', 'b', 'b'],
    ];
    expect(regionAnchor(regions, 'b')).toMatchObject({ i: 3, j: 1, depth: 2 });
    expect(regionAnchor(regions, 'c')).toBeUndefined();
  });

  it('puts a region’s name where the chessboard distance to another region or the edge is largest (brute force on random maps)', () => {
    let seed = 7;
    let fitted = 0;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 60; trial++) {
      const R = 1 + Math.floor(rand() * 14);
      const C = 1 + Math.floor(rand() * 14);
      // Blobs: a few discs of 'b' on 'a', so that regions have interiors.
      const discs = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ i: rand() * C, j: rand() * R, r: rand() * 6 }));
      const regions = Array.from({ length: R }, (_, j) => Array.from({ length: C }, (_, i) => (discs.some((d) => Math.hypot(i - d.i, j - d.j) < d.r) ? 'b' : 'a')));
      for (const region of ['a', 'b']) {
        // Depth of a cell: the chessboard distance to the nearest cell of another region or outside the grid.
        let best: { i: number; j: number; depth: number } | undefined;
        for (let j = 0; j < R; j++)
          for (let i = 0; i < C; i++) {
            if (regions[j][i] !== region) continue;
            let depth = Math.min(i + 1, C - i, j + 1, R - j);
            for (let jj = 0; jj < R; jj++) for (let ii = 0; ii < C; ii++) if (regions[jj][ii] !== region) depth = Math.min(depth, Math.max(Math.abs(ii - i), Math.abs(jj - j)));
            if (!best || depth > best.depth) best = { i, j, depth };
          }
        expect(regionAnchor(regions, region)).toEqual(best);
        // A label reaching a few cells around its anchor: only where every cell it covers is of the region.
        const reach = { left: Math.floor(rand() * 4), right: Math.floor(rand() * 4), down: Math.floor(rand() * 3), up: Math.floor(rand() * 3) };
        const fits = (i: number, j: number) => {
          for (let jj = j - reach.down; jj <= j + reach.up; jj++) for (let ii = i - reach.left; ii <= i + reach.right; ii++) if (regions[jj]?.[ii] !== region) return false;
          return true;
        };
        let fit: { i: number; j: number; depth: number } | undefined;
        for (let j = 0; j < R; j++)
          for (let i = 0; i < C; i++) {
            if (!fits(i, j)) continue;
            let depth = Math.min(i + 1, C - i, j + 1, R - j);
            for (let jj = 0; jj < R; jj++) for (let ii = 0; ii < C; ii++) if (regions[jj][ii] !== region) depth = Math.min(depth, Math.max(Math.abs(ii - i), Math.abs(jj - j)));
            if (!fit || depth > fit.depth) fit = { i, j, depth };
          }
        expect(labelAnchor(regions, region, reach)).toEqual(fit);
        if (fit && reach.left + reach.right + reach.up + reach.down > 0) fitted++;
      }
    }
    // The maps exercised labels that fit somewhere, not only labels that fit nowhere.
    expect(fitted).toBeGreaterThan(20);
  });

  it('tabulates the spec’s point, with ∞ and undefined told apart', () => {
    const rows = pointRows(block);
    expect(rows.find((r) => r.label === 'phase')!.value).toBe(block.point.phase);
    expect(rows.map((r) => r.label)).toEqual(['q* (fixed point of the length map)', 'χ₁', 'c* (fixed point of the correlation map)', 'ξ_q (layers)', 'ξ_c (layers)', 'phase']);
    const critical = { ...block, point: { ...block.point, qStar: 1, xiC: null, xiQ: 2 } };
    expect(pointRows(critical)[4].value).toBe('∞');
    const unbounded = { ...block, point: { ...block.point, qStar: null, xiC: null } };
    expect(pointRows(unbounded)[4].value).toBe('undefined');
    expect(pointRows(undefined).every((r) => r.value === '…')).toBe(true);
  });
});
