import { describe, expect, it } from 'vitest';
import type { ErrorBarSeries, LineSeries, PointSeries, XYSeries } from '../../plots/types.ts';
import { cellsByDepth, ntkInitSentence, ntkMeanPlot, ntkSpreadPlot } from './ntkInitData.ts';
import { ntkInitBlock } from './testBlocks.ts';

function series<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

describe('NTK-at-initialisation view data', () => {
  const block = ntkInitBlock();
  it('mean ± 2 SE against the width, one series per depth with its analytic NTK', () => {
    expect(cellsByDepth(block).map((g) => g.L)).toEqual([2, 4]);
    const p = ntkMeanPlot(block, [32, 64]);
    const a = series<LineSeries>(p.series, 'analytic-L4');
    expect(Array.from(a.y)).toEqual([10, 10]);
    const m = series<ErrorBarSeries>(p.series, 'mean-L4');
    expect(Array.from(m.x)).toEqual([32, 64]);
    expect(m.y[0]).toBeCloseTo(10.15, 12);
    expect(m.hi[0] - m.lo[0]).toBeCloseTo(0.4, 12);
  });

  it('the relative variance against L/n per depth, the slopes along L in a note', () => {
    const p = ntkSpreadPlot(block);
    const s = series<PointSeries>(p.series, 'spread-L2');
    expect(Array.from(s.x)).toEqual([2 / 32, 2 / 64]);
    expect(Array.from(s.y)).toEqual([0.9 * 2 / 32, 0.9 * 2 / 64]);
    expect(s.label).toBe('L = 2: slope in n −1.00 ± 0.10');
    expect(p.notes?.[0].text).toBe('slopes in L: n = 32: 1.00, n = 64: 1.00');
  });

  it('the sentence bounds |mean − Θ|/SE by the worst cell (1.5, rounded up) and gives the theory only for ReLU', () => {
    const s = ntkInitSentence(block);
    expect(s).toContain('Over 4 cells of M = 64 nets, the mean Θ̂ is within 1.5 standard errors');
    expect(s).toContain('(Hanin & Nica, ReLU: −1)');
    const tanh = ntkInitSentence({ ...block, act: 'tanh' });
    expect(tanh).not.toContain('(Hanin & Nica, ReLU');
    expect(tanh).toContain("Hanin & Nica's law $e^{cL/n} - 1$ is for ReLU nets; this is φ = tanh.");
  });
});
