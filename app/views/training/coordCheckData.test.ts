import { describe, expect, it } from 'vitest';
import type { ErrorBarSeries, LineSeries } from '../../plots/types.ts';
import { coordCheckPlot, coordCheckSentence, coordCheckSummaries } from './coordCheckData.ts';
import { coordBlock, WIDTHS, seriesById } from './testBlocks.ts';

describe('coord-check view data', () => {
  const block = coordBlock();
  it('one series per layer with mean ± 2 SE after step t, and the theory slope dashed through the widest width', () => {
    const sp = block.params[0];
    const p = coordCheckPlot(block, sp, 1, WIDTHS);
    expect([p.xScale, p.yScale]).toEqual(['log', 'log']);
    for (const [i, layer] of ['h1', 'h2', 'f'].entries()) {
      const s = seriesById<ErrorBarSeries>(p.series, `dh-${layer}`);
      expect(Array.from(s.y)).toEqual(sp.dh.mean[0][i]);
      expect(s.hi[1] - s.lo[1]).toBeCloseTo(4 * sp.dh.se[0][i][1], 14);
      const g = seriesById<LineSeries>(p.series, `theory-${layer}`);
      expect(Math.log(g.y[3] / g.y[0]) / Math.log(8)).toBeCloseTo([-0.5, 0.5, 1][i], 12);
      expect(g.y[3]).toBe(sp.dh.mean[0][i][3]);
    }
    expect(seriesById<ErrorBarSeries>(p.series, 'dh-h2').label).toBe('h^{2}: slope 0.62 (theory ½)');
    // Step 2 reads the second step's arrays.
    expect(seriesById<ErrorBarSeries>(coordCheckPlot(block, sp, 2, WIDTHS).series, 'dh-h2').y[0]).toBe(2 * sp.dh.mean[0][1][0]);
    // Before any width has finished: the planned axis and nothing drawn.
    const empty = coordCheckPlot(undefined, undefined, 1, [32, 64]);
    expect(empty.series).toEqual([]);
    expect(empty.xTicks).toEqual([32, 64]);
  });

  it('the sentence counts the slopes within ±0.1 of the table and says which step and condition', () => {
    const s = coordCheckSummaries(block, 1);
    expect(s.map((x) => [x.agree, x.compared])).toEqual([[2, 3], [3, 3]]);
    expect(s[0].text).toBe('SP: $h^{1}$ −0.50 ± 0.02 (theory −½), $h^{2}$ 0.62 ± 0.02 (theory ½), $f$ 1.00 ± 0.02 (theory 1)');
    const one = coordCheckSentence(block, 1);
    expect(one).toContain('n = 64 … 512 after t = 1 step (6 coupled nets');
    expect(one).toContain('5 of 6 fitted slopes are within 0.1');
    expect(one).toContain('for one step, to first order in η');
    const two = coordCheckSentence(block, 2);
    expect(two).toContain('Every fitted slope is within 0.1');
    expect(two).toContain('after t = 2 steps they hold only while every change is still small');
    expect(coordCheckSentence({ ...block, widths: [64] }, 1)).toBe('Slopes appear once two widths are trained.');
  });
});
