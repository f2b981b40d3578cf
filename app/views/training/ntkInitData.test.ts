import { describe, expect, it } from 'vitest';
import { activation } from '../../../src/core/activations.ts';
import { relVarSlope, runNtkAtInit } from '../../../src/training/ntkAtInit.ts';
import { makeDataset } from '../../../src/training/tasks.ts';
import type { ErrorBarSeries, LineSeries, PointSeries, XYSeries } from '../../plots/types.ts';
import { ntkInitSentence, ntkMeanPlot, ntkSpreadPlot, type NtkInitLine } from './ntkInitData.ts';

function series<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

const common = { act: activation('relu'), sw2: 2, seeds: 8, seed: 1, data: makeDataset({ task: 'teacher', N: 1, d: 4, seed: 1 }) };
const alongN = runNtkAtInit({ ...common, cells: [16, 32].map((n) => ({ n, L: 2 })) });
const alongL = runNtkAtInit({ ...common, cells: [2, 4].map((L) => ({ n: 16, L })) });
const lines: NtkInitLine[] = [
  { along: 'n', cells: alongN, slope: relVarSlope(alongN, 'n') },
  { along: 'L', cells: alongL, slope: relVarSlope(alongL, 'L') },
];

describe('NTK-at-initialisation view data', () => {
  it('mean ± 2 SE against the analytic NTK (ReLU, σw² = 2: Θ = 2(L + 1))', () => {
    const p = ntkMeanPlot(lines[1]);
    const a = series<LineSeries>(p.series, 'analytic');
    expect(Array.from(a.x)).toEqual([2, 4]);
    // docs/training.md §10: for ReLU with σw² = 2 the analytic NTK on the sphere is 2(L + 1).
    expect(a.y[0]).toBeCloseTo(6, 10);
    expect(a.y[1]).toBeCloseTo(10, 10);
    const m = series<ErrorBarSeries>(p.series, 'mean');
    expect(m.y[1]).toBe(alongL[1].mean);
    expect(m.hi[1] - m.lo[1]).toBeCloseTo(4 * alongL[1].se, 12);
    expect(p.xLabel).toBe('depth L (n = 16)');
  });

  it('the relative variance against L/n for both lines, and the sentence\'s bound is the largest |mean − Θ|/SE, rounded up', () => {
    const p = ntkSpreadPlot(lines);
    const n = series<PointSeries>(p.series, 'spread-n');
    expect(Array.from(n.x)).toEqual([2 / 16, 2 / 32]);
    expect(Array.from(n.y)).toEqual(alongN.map((c) => c.relVar));
    const worst = [...alongN, ...alongL].reduce((a, c) => Math.max(a, Math.abs(c.mean - c.analytic) / c.se), 0);
    const quoted = Number(/within ([\d.]+) standard errors/.exec(ntkInitSentence(lines))![1]);
    expect(quoted).toBeGreaterThanOrEqual(worst);
    expect(quoted - worst).toBeLessThan(0.1 + 1e-12);
  });
});
