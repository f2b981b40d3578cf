import { describe, expect, it } from 'vitest';
import { activation } from '../../../src/core/activations.ts';
import { runCoordCheck } from '../../../src/training/coordCheck.ts';
import { makeDataset } from '../../../src/training/tasks.ts';
import type { ErrorBarSeries, LineSeries, XYSeries } from '../../plots/types.ts';
import { coordCheckPlot, coordCheckSentence, coordCheckSummaries, SLOPE_TOLERANCE } from './coordCheckData.ts';

function series<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

// A small coord check (widths 32…128, 3 seeds, SGD, one and two steps): the plot and the sentences
// are read against the result's own arrays and the exponent table of docs/training.md (Table 2).
const result = runCoordCheck({
  params: ['sp', 'ntk', 'mup'],
  widths: [32, 64, 128],
  L: 2,
  steps: 2,
  seeds: 3,
  eta: 1e-4,
  optimizer: 'sgd',
  act: activation('tanh'),
  sw2: 1,
  seed: 1,
  data: makeDataset({ task: 'teacher', N: 8, d: 8, seed: 1, targetScale: 10 }),
});

describe('coord-check view data', () => {
  it('one series per layer with mean ± 2 SE after step t, and the theory slope through the widest width', () => {
    const sp = result.params[0];
    const p = coordCheckPlot(result, sp, 1, [32, 64, 128]);
    expect(p.xScale).toBe('log');
    expect(p.yScale).toBe('log');
    for (const [i, layer] of ['h1', 'h2', 'f'].entries()) {
      const s = series<ErrorBarSeries>(p.series, `dh-${layer}`);
      expect(Array.from(s.y)).toEqual(sp.dh.mean[0][i]);
      expect(s.hi[1] - s.lo[1]).toBeCloseTo(4 * sp.dh.se[0][i][1], 14);
      const g = series<LineSeries>(p.series, `theory-${layer}`);
      // SP's exponents (Table 2): h¹ −½, h² ½, f 1.
      expect(Math.log(g.y[2] / g.y[0]) / Math.log(4)).toBeCloseTo([-0.5, 0.5, 1][i], 12);
      expect(g.y[2]).toBe(sp.dh.mean[0][i][2]);
    }
    const two = coordCheckPlot(result, sp, 2, [32, 64, 128]);
    expect(Array.from(series<ErrorBarSeries>(two.series, 'dh-h2').y)).toEqual(sp.dh.mean[1][1]);
    expect(coordCheckPlot(undefined, undefined, 1, [32, 64]).series).toEqual([]);
  });

  it('the sentence quotes each fitted slope with its theory, counts agreement within ±0.1, and states the first-order condition', () => {
    const s = coordCheckSummaries(result, 1);
    const ntk = s.find((x) => x.param === 'ntk')!;
    expect(ntk.text).toContain(`$h^{2}$ ${result.params[1].slopes[0][1].slope.toFixed(2).replace('-', '−')}`);
    expect(ntk.text).toContain('(theory −½)');
    expect(s.reduce((a, x) => a + x.compared, 0)).toBe(9);
    // Put µP's slopes on its exponents (0) and then move one by just more than the tolerance: the count follows.
    const exact = { ...result, params: [{ ...result.params[2], slopes: [[0, 0, 0].map((v) => ({ slope: v, se: 0.01 }))] }] };
    expect(coordCheckSummaries(exact, 1)[0]).toMatchObject({ agree: 3, compared: 3 });
    expect(coordCheckSentence(exact, 1)).toContain('Every fitted slope is within 0.1');
    const off = { ...exact, params: [{ ...exact.params[0], slopes: [[0, SLOPE_TOLERANCE + 0.01, 0].map((v) => ({ slope: v, se: 0.01 }))] }] };
    expect(coordCheckSummaries(off, 1)[0]).toMatchObject({ agree: 2, compared: 3 });
    expect(coordCheckSentence(off, 1)).toContain('2 of 3 fitted slopes are within 0.1');
    const one = coordCheckSentence(result, 1);
    expect(one).toContain('n = 32 … 128');
    expect(one).toContain('for one step, to first order in η');
    expect(coordCheckSentence(result, 2)).toContain('after t = 2 steps they hold only while every change is still small');
  });
});
