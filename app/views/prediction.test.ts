import { describe, expect, it } from 'vitest';
import type { XYPlotData } from '../plots/types.ts';
import { withPrediction } from './prediction.ts';

const plot: XYPlotData = {
  title: 't',
  xLabel: 'x',
  yLabel: 'y',
  xScale: 'log',
  yScale: 'log',
  series: [],
  emptyText: 'waiting for the finite-width runs…',
};

describe('the plot a predict-then-reveal round shows', () => {
  it('before the reveal: the guess range as the y axis, and no "waiting" note (the networks are hidden, not awaited; the guess hint sits there)', () => {
    const hidden = withPrediction(plot, { range: [0.2, 0.9] });
    expect(hidden.yDomain).toEqual([0.2, 0.9]);
    expect(hidden.yScale).toBe('linear');
    expect(hidden.emptyText).toBeUndefined();
  });

  it('outside a round the plot is unchanged, its note included', () => {
    expect(withPrediction(plot, undefined)).toBe(plot);
  });
});
