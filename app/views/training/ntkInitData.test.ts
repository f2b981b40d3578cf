import { describe, expect, it } from 'vitest';
import type { ErrorBarSeries, LineSeries, PointSeries } from '../../plots/types.ts';
import { ntkInitSentence, ntkMeanPlot, ntkSpreadPlot } from './ntkInitData.ts';
import { ntkInitBlock, seriesById } from './testBlocks.ts';

describe('NTK-at-initialisation view data', () => {
  const block = ntkInitBlock();
  it('mean ± 2 SE against the analytic NTK, along the widths (fixed L) and along the depths (fixed n)', () => {
    const byL = ntkMeanPlot(block, 'L', [2, 4]);
    expect(Array.from(seriesById<LineSeries>(byL.series, 'analytic').y)).toEqual([6, 10]);
    const m = seriesById<ErrorBarSeries>(byL.series, 'mean');
    expect(Array.from(m.x)).toEqual([2, 4]);
    expect(m.hi[1] - m.lo[1]).toBeCloseTo(0.4, 12);
    expect(byL.xLabel).toBe('depth L (hidden layers) (n = 32)');
    const byN = ntkMeanPlot(block, 'n', []);
    expect(Array.from(seriesById<ErrorBarSeries>(byN.series, 'mean').y)).toEqual([6.01, 6.15, 6.01]);
    expect(byN.xTicks).toEqual([32, 64, 128]);
    expect(ntkMeanPlot(undefined, 'n', [16, 32]).xTicks).toEqual([16, 32]);
  });

  it('the relative variance against L/n for both lines, their slopes in the legend', () => {
    const p = ntkSpreadPlot(block);
    const n = seriesById<PointSeries>(p.series, 'spread-n');
    expect(Array.from(n.x)).toEqual([2 / 32, 2 / 64, 2 / 128]);
    expect(Array.from(n.y)).toEqual([0.9 * 2 / 32, 0.9 * 2 / 64, 0.9 * 2 / 128]);
    expect(n.label).toBe('L = 2, n varies: slope in n −1.00 ± 0.10');
    expect(seriesById<PointSeries>(p.series, 'spread-L').label).toBe('n = 32, L varies: slope in L 1.00 ± 0.10');
  });

  it('the sentence bounds |mean − Θ|/SE by the worst cell (1.5, rounded up) and gives the theory only for ReLU', () => {
    const s = ntkInitSentence(block);
    expect(s).toContain('Over 5 cells of M = 64 nets, the mean empirical NTK is within 1.5 standard errors');
    expect(s).toContain('against n at L = 2: slope −1.00 ± 0.10 (Hanin & Nica, ReLU: −1)');
    const tanh = ntkInitSentence({ ...block, act: 'tanh' });
    expect(tanh).not.toContain('(Hanin & Nica, ReLU');
    expect(tanh).toContain("Hanin & Nica's law $e^{cL/n} - 1$ is for ReLU nets; this is φ = tanh.");
  });
});
