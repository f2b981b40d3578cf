import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import type { CommuteBlock } from '../../src/experiments/commuteMap.ts';
import { commuteGrid, commuteHeatmaps, proportionalPlot, proportionalRoute, routes } from './commuteData.ts';

const spec: Spec = { ...DEFAULT_SPEC, view: 'commute', nmin: 4, nmax: 256, Lmin: 2, Lmax: 256, stat: 'sd', obs: 'logq', M: 10 };
const grid = commuteGrid(spec);

/** A block as the Worker streams it: some cells computed, one with no finite sample, the rest NaN. */
function partialBlock(): CommuteBlock {
  const nan = () => grid.L.map(() => grid.n.map(() => NaN));
  const variants = ['mlp', 'resnet-sqrt', 'resnet-unscaled'].map((id, k) => {
    const value = nan();
    const finite = nan();
    value[0][0] = 0.5 * (k + 1);
    finite[0][0] = 10;
    if (id === 'mlp') {
      finite[7][0] = 0; // every network dead: computed, no value
      value[1][0] = 0.8; // (n = 4, L = 4): on the diagonal L = n
      finite[1][0] = 10;
    }
    return { id, label: id, arch: 'mlp' as const, alpha: 0.5, cells: { value, mean: nan(), sd: nan(), limit: [], finite } };
  });
  return { stat: 'sd', obs: 'logq', statLabel: '', n: grid.n, L: grid.L, M: 10, variants };
}

describe('commutation map data', () => {
  it('draws the empty grid before any cell arrives: three maps, every cell pending, no colour scale', () => {
    const h = commuteHeatmaps(spec, undefined);
    expect(h.columns).toEqual([4, 8, 16, 32, 64, 128, 256]);
    expect(h.rows).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
    expect(h.maps.map((m) => m.id)).toEqual(['mlp', 'resnet-sqrt', 'resnet-unscaled']);
    expect(h.maps.every((m) => m.states.flat().every((s) => s === 'pending'))).toBe(true);
    expect(h.colorDomain).toBeUndefined();
  });

  it('tells computed, pending and no-finite-sample cells apart, with one colour domain for all maps', () => {
    const h = commuteHeatmaps(spec, partialBlock());
    const mlp = h.maps[0];
    expect(mlp.states[0][0]).toBe('value');
    expect(mlp.states[7][0]).toBe('none');
    expect(mlp.states[3][3]).toBe('pending');
    expect(mlp.titles[7][0]).toContain('no network gave a finite value');
    // Values 0.5 (and 0.8), 1, 1.5 in the three maps: the shared domain spans them all.
    expect(h.colorDomain).toEqual([0.5, 1.5]);
    expect(h.colorLabel).toContain('natural-log units');
  });

  it('routes: width first along a row into the n = ∞ strip, depth first up a column, the diagonal L = c·n into the corner', () => {
    const C = grid.n.length;
    const R = grid.L.length;
    const [width, depth, prop] = routes(grid);
    expect(width.legs[0].every(([, r]) => r === width.legs[0][0][1])).toBe(true);
    expect(width.legs[0].at(-1)![0]).toBe(C);
    expect(depth.legs[0].every(([c]) => c === depth.legs[0][0][0])).toBe(true);
    expect(depth.legs[0].at(-1)![1]).toBe(R);
    for (const r of [width, depth, prop]) expect(r.legs.at(-1)!.at(-1)).toEqual([C, R]);
    // L = c·n with c = Lmax/nmax = 1: row = column + 1 on this grid (L = 2·2^row, n = 4·2^col).
    expect(proportionalRoute(grid)).toEqual({ c: 1, offset: 1 });
    const [p0, p1] = prop.legs[0];
    expect(p1[1] - p0[1]).toBeCloseTo(p1[0] - p0[0], 12);
  });

  it('the proportional cross-section takes the cells with L = c·n, one series per network', () => {
    const plot = proportionalPlot(spec, partialBlock());
    const mlp = plot.series.find((s) => s.id === 'cells-mlp');
    expect(mlp?.kind).toBe('points');
    if (mlp?.kind !== 'points') return;
    expect(Array.from(mlp.x)).toEqual([4, 8, 16, 32, 64, 128, 256]);
    // Of the computed cells only (n = 4, L = 4) is on the diagonal; (n = 4, L = 2) is not.
    expect(mlp.y[0]).toBe(0.8);
    expect(Array.from(mlp.y).slice(1).every((v) => Number.isNaN(v))).toBe(true);
    expect(plot.series.filter((s) => s.kind === 'points')).toHaveLength(3);
  });
});
