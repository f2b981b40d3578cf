import { describe, expect, it } from 'vitest';
import type { LineSeries, PointSeries } from '../../plots/types.ts';
import { driftPhrase, formatFactor, lossAt, optimaPlot, optimumDrift, transferPlot } from './transferData.ts';
import { transferBlock, seriesById } from './testBlocks.ts';

describe('transfer view data', () => {
  const block = transferBlock();
  const [sp, mup] = block.width.families;
  const [unscaled, dmup] = block.depth.families;
  it('the drift is the ratio of the first and last curve\'s optima, with its direction', () => {
    expect(optimumDrift(sp)).toMatchObject({ factor: 8, direction: 'down', from: 64, to: 512 });
    // SP's widest curve is flagged atGridEdge (its optimum is the grid's first point): a lower bound.
    expect(driftPhrase(sp, 'n')).toBe('standard (SP): the optimum moves at least 8× (to smaller η) from n = 64 to 512 (an optimum at the edge of the η grid: it may lie beyond)');
    expect(driftPhrase({ ...sp, curves: sp.curves.slice(0, 3) }, 'n')).toBe('standard (SP): the optimum moves 4× (to smaller η) from n = 64 to 256');
    expect(driftPhrase(mup, 'n')).toBe('µP (maximal update): the optimum moves 1× from n = 64 to 512');
    expect(driftPhrase(unscaled, 'L')).toBe('unscaled ResNet (α = 0): the optimum moves 4× (to smaller η) from L = 2 to 8');
    expect(driftPhrase(dmup, 'L')).toContain('moves 1× from L = 2 to 8');
    // The block's own drift (η*_last/η*_first) is the same number.
    expect(1 / sp.drift!).toBeCloseTo(optimumDrift(sp).factor!, 12);
    const dead = { ...sp, curves: [{ ...sp.curves[0], bestLog2Eta: null }, sp.curves[1]] };
    expect(driftPhrase(dead, 'n')).toBe('standard (SP): no optimum to compare (every learning rate diverged at 64)');
    expect(driftPhrase({ ...sp, curves: sp.curves.slice(0, 1) }, 'n')).toBe('standard (SP): no optimum to compare (it needs two curves)');
    // SP's optimum at n = 512 is the grid's first point (−4): the factor is a lower bound.
    expect(optimumDrift(sp, block.log2Eta).atEdge).toBe(true);
    expect(driftPhrase(sp, 'n', block.log2Eta)).toBe('standard (SP): the optimum moves at least 8× (to smaller η) from n = 64 to 512 (an optimum at the edge of the η grid: it may lie beyond)');
    expect(optimumDrift(mup, block.log2Eta).atEdge).toBeUndefined();
    // The block's flag alone (a least loss at the grid's end, refined off the end point) makes it a bound too.
    const flagged = { ...mup, curves: mup.curves.map((c, i) => (i === 0 ? { ...c, atGridEdge: true } : c)) };
    expect(optimumDrift(flagged).atEdge).toBe(true);
    const stuck = { ...mup, curves: mup.curves.map((c) => ({ ...c, bestLog2Eta: 1 })) };
    expect(driftPhrase(stuck, 'n', block.log2Eta)).toBe("µP (maximal update): the optimum sits at the grid's edge at n = 64 and 512: widen the grid to compare");
    expect([1.0312, 5.66, 12.4].map(formatFactor)).toEqual(['1.03×', '5.7×', '12×']);
  });

  it('one curve per width, a diverged run as a gap, each optimum marked on its curve', () => {
    const p = transferPlot(block.log2Eta, sp, 'n', 20);
    const c64 = seriesById<LineSeries>(p.series, 'loss-n64');
    expect(Array.from(c64.y).slice(0, 5)).toEqual(sp.curves[0].loss.slice(0, 5));
    expect(c64.y[5]).toBeNaN();
    const opt = seriesById<PointSeries>(p.series, 'optimum');
    expect(Array.from(opt.x)).toEqual([-1, -2, -3, -4]);
    // Each optimum sits on a grid point here: its marker is the curve's minimum, 0.1.
    for (const y of Array.from(opt.y)) expect(y).toBeCloseTo(0.1, 12);
    expect(p.notes?.map((n) => n.text)).toEqual(['standard (SP): the optimum moves at least 8× (to smaller η) from n = 64 to 512 (an optimum at the edge of the η grid: it may lie beyond)', '1 run diverged (gaps)']);
    expect(p.yLabel).toBe('loss, mean of the last 10 steps (log)');
    // Between grid points the marker is log-linear: √(0.2·0.1) halfway between −2 and −1.
    expect(lossAt([-2, -1, 0], [0.2, 0.1, 0.4], -1.5)).toBeCloseTo(Math.sqrt(0.02), 14);
    expect(lossAt([-2, -1, 0], [0.2, null, 0.4], -1.5)).toBe(0.2);
  });
});

describe('the optima against the width', () => {
  it('one series per family at the optima it has, the drift in its legend, the axis the grid', () => {
    const block = transferBlock();
    const p = optimaPlot(block.log2Eta, block.width.families, 'n', [64, 128]);
    const sp = p.series.find((s) => s.id === 'optima-sp') as PointSeries;
    expect(Array.from(sp.x)).toEqual([64, 128, 256, 512]);
    expect(Array.from(sp.y)).toEqual([-1, -2, -3, -4]);
    expect(sp.label).toBe('standard (SP): the optimum moves at least 8× (to smaller η) from n = 64 to 512 (an optimum at the edge of the η grid: it may lie beyond)');
    expect(p.yDomain).toEqual([-4.5, 1.5]);
    expect(p.xTicks).toEqual([64, 128, 256, 512]);
    expect(optimaPlot([], [], 'L', [2, 4]).xTicks).toEqual([2, 4]);
  });
});
