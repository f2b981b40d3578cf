import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../../../src/training/lrTransfer.ts';
import type { LineSeries, PointSeries, XYSeries } from '../../plots/types.ts';
import { driftPhrase, formatFactor, lossAt, optimumDrift, transferPlot } from './transferData.ts';

function series<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

// A hand-made sweep (log₂ η = −2…2): the optimum at n = 64 is log₂ η = −0.5, at n = 1024 it is 2.5
// log₂ units lower, so it moves 2^{2.5} = 5.66× to smaller η; one run diverged.
const sweep: SweepResult = {
  log2Eta: [-4, -3, -2, -1, 0, 1],
  curves: [
    { value: 64, loss: [0.5, 0.3, 0.2, 0.1, 0.2, Number.POSITIVE_INFINITY], bestLog2Eta: -0.5 },
    { value: 1024, loss: [0.2, 0.1, 0.2, 0.4, 0.8, 1.6], bestLog2Eta: -3 },
  ],
  drift: 2 ** -2.5,
};

describe('transfer view data', () => {
  it('the drift is the ratio of the optima of the first and last curve, and its direction', () => {
    const d = optimumDrift(sweep);
    expect(d.factor).toBeCloseTo(2 ** 2.5, 12);
    expect(d.direction).toBe('down');
    expect(driftPhrase('SP', 'n', sweep)).toBe('SP: the optimum moves 5.7× (to smaller η) from n = 64 to 1024');
    expect(formatFactor(1.0312)).toBe('1.03×');
    expect(formatFactor(12.4)).toBe('12×');
    const dead = { ...sweep, curves: [{ ...sweep.curves[0], bestLog2Eta: Number.NaN }, sweep.curves[1]] };
    expect(driftPhrase('SP', 'n', dead)).toBe('SP: no optimum to compare (every learning rate diverged at 64)');
  });

  it('one curve per width, diverged runs as gaps, each optimum marked on its curve', () => {
    const p = transferPlot(sweep, 'SP', 'n', 20);
    const c64 = series<LineSeries>(p.series, 'loss-n64');
    expect(Array.from(c64.y).slice(0, 5)).toEqual([0.5, 0.3, 0.2, 0.1, 0.2]);
    expect(c64.y[5]).toBeNaN();
    const opt = series<PointSeries>(p.series, 'optimum');
    expect(Array.from(opt.x)).toEqual([-0.5, -3]);
    // Log-linear between 0.1 (at −1) and 0.2 (at 0): √0.02 at −0.5.
    expect(opt.y[0]).toBeCloseTo(Math.sqrt(0.1 * 0.2), 14);
    expect(opt.y[1]).toBeCloseTo(0.1, 15);
    expect(p.notes?.find((n) => n.id === 'diverged')?.text).toBe('1 run diverged (gaps)');
    expect(p.yLabel).toContain('mean of the last 10 steps');
    expect(lossAt(sweep.log2Eta, sweep.curves[0].loss, 0.5)).toBe(0.2);
  });
});
