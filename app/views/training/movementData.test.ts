import { describe, expect, it } from 'vitest';
import type { ErrorBarSeries, LineSeries, PointSeries } from '../../plots/types.ts';
import { kernelMovementPlot, movementSentence, weightLabel, weightMovementPlot } from './movementData.ts';
import { movementBlock, WIDTHS, seriesById } from './testBlocks.ts';

describe('movement view data', () => {
  const block = movementBlock();
  it('the kernel movement per parametrisation (± 2 SE), slopes and both theory exponents in the legend', () => {
    const p = kernelMovementPlot(block, WIDTHS);
    const ntk = seriesById<ErrorBarSeries>(p.series, 'kernel-ntk');
    expect(Array.from(ntk.y)).toEqual(block.params[0].kernel.mean);
    expect(ntk.hi[0] - ntk.lo[0]).toBeCloseTo(4 * block.params[0].kernel.se[0], 14);
    expect(ntk.label).toBe('NTK: slope −1.00 (theory −1 to first order in η, −1 at finite η)');
    expect(seriesById<ErrorBarSeries>(p.series, 'kernel-mup').label).toBe('µP: slope 0.00 (theory −½ to first order in η, 0 at finite η)');
  });

  it('each weight matrix against the width, the theory slope dashed through the widest width', () => {
    const ntk = block.params[0];
    const p = weightMovementPlot(block, ntk, WIDTHS);
    for (let i = 0; i < 3; i++) {
      expect(Array.from(seriesById<PointSeries>(p.series, `w-${i + 1}`).y)).toEqual(ntk.weights.mean[i]);
      const g = seriesById<LineSeries>(p.series, `w-theory-${i + 1}`);
      expect(Math.log(g.y[3] / g.y[0]) / Math.log(8)).toBeCloseTo(-0.5, 12);
    }
    expect(seriesById<PointSeries>(p.series, 'w-3').label).toBe('W^{3} (readout): slope −0.50 (theory −½)');
    expect(weightLabel(1, 3)).toBe('W^{2} (hidden)');
  });

  it('the sentence gives the narrowest and widest movement and the trend the numbers show', () => {
    expect(movementSentence(block)).toBe(
      'After T = 10 steps at η = 0.5 (6 coupled nets): NTK: the kernel moves by 0.032 at n = 64 and 4.0e-3 at n = 512 (falls; slope −1.00 ± 0.05); µP: the kernel moves by 0.600 at n = 64 and 0.600 at n = 512 (stays within a factor 2; slope 0.00 ± 0.03).',
    );
  });
});
