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

describe('the guess range of the depth view', () => {
  it('is finite where the limit is NaN (no deterministic limit: standard attention), around ρ₀ and inside [−1, 1]', async () => {
    const { predictionTarget } = await import('./prediction.ts');
    const target = predictionTarget('depth')!;
    const spec = { rho0: 0.2, L: 100, M: 200 } as Parameters<typeof target.range>[0];
    const nan = { rho: [NaN, NaN, NaN] } as unknown as Parameters<typeof target.range>[1];
    const [lo, hi] = target.range(spec, nan);
    expect(Number.isFinite(lo) && Number.isFinite(hi)).toBe(true);
    expect(lo).toBeCloseTo(-0.05, 12);
    expect(hi).toBeCloseTo(0.45, 12);
    // A finite limit still sets the range (ρ from 0.5 up to 0.99: the axis reaches 1, clamped).
    const [lo2, hi2] = target.range({ ...spec, rho0: 0.5 }, { rho: [0.5, 0.8, 0.99] } as unknown as Parameters<typeof target.range>[1]);
    expect([lo2, hi2]).toEqual([0.25, 1]);
  });
});
