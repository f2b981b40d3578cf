import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { runFiniteWidth, type FiniteWidthBlock } from '../../src/experiments/finiteWidthView.ts';
import type { NormLawBlock } from '../../src/experiments/finiteNormLaw.ts';
import type { ErrorBarSeries, LineSeries, PointSeries, RuleSeries, XYSeries } from '../plots/types.ts';
import { finiteConvergencePlot, finiteMeanPlot, logVariancePlot, normLawOf, secondMomentPlot } from './finiteData.ts';

const cpu = createCpuBackend();
const relu: Spec = { ...DEFAULT_SPEC, view: 'finite', act: 'relu', sw2: 2, sb2: 0, L: 3, M: 200, nmin: 8, nmax: 32, seed: 3 };
const plan = { widths: [8, 16, 32], layer: 3 };

function series<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

describe('finite-width view data', () => {
  let block: FiniteWidthBlock;
  it('(a) mean ± 2 SE per width, the limit as a rule and the 1/n-corrected value as a line', async () => {
    block = await runFiniteWidth(relu, { backend: cpu });
    expect(block.n).toEqual([8, 16, 32]);
    const p = finiteMeanPlot(block, 'q12', plan);
    const rule = series<RuleSeries>(p.series, 'limit');
    expect(rule.kind).toBe('hrule');
    expect(rule.y).toBe(block.q12.limit);
    const corrected = series<LineSeries>(p.series, 'corrected');
    expect(Array.from(corrected.y)).toEqual(block.q12.corrected);
    const mc = series<ErrorBarSeries>(p.series, 'mc-mean');
    expect(Array.from(mc.x)).toEqual([8, 16, 32]);
    for (let i = 0; i < 3; i++) {
      expect(mc.y[i]).toBe(block.q12.mean[i]);
      expect(mc.hi[i] - mc.lo[i]).toBeCloseTo(4 * block.q12.se[i], 12);
    }
    expect(p.xScale).toBe('log');
    expect(p.xTicks).toEqual([8, 16, 32]);
  });

  it('(b) bias and sd on log–log axes, the 1/n theory, and guides of slope −1 and −1/2 through the widest width', () => {
    const p = finiteConvergencePlot(block, 'rho', plan);
    expect(p.yScale).toBe('log');
    expect(Array.from(series<PointSeries>(p.series, 'bias').y)).toEqual(block.rho.absBias);
    expect(Array.from(series<PointSeries>(p.series, 'sd').y)).toEqual(block.rho.sd);
    const one = series<LineSeries>(p.series, 'guide-one');
    const half = series<LineSeries>(p.series, 'guide-half');
    // Slopes on log–log axes, and through the last point.
    expect(Math.log(one.y[2] / one.y[0]) / Math.log(32 / 8)).toBeCloseTo(-1, 12);
    expect(Math.log(half.y[2] / half.y[0]) / Math.log(32 / 8)).toBeCloseTo(-0.5, 12);
    expect(half.y[2]).toBe(block.rho.sd[2]);
    const sdTheory = series<LineSeries>(p.series, 'sd-theory');
    expect(Array.from(sdTheory.y)).toEqual(block.rho.predictedSd);
    const biasTheory = series<LineSeries>(p.series, 'bias-theory');
    expect(biasTheory.y[0]).toBeCloseTo(Math.abs(block.rho.corrected[0]! - block.rho.limit), 15);
    expect(p.notes?.[0].text).toContain('fitted slopes');
  });

  it('(c) the exact law of Q: E Q²/(E Q)² and Var log Q, heavy-tailed widths set apart', () => {
    const { law } = normLawOf(block);
    expect(law?.family).toBe('relu');
    const sm = secondMomentPlot(block, plan);
    expect(Array.from(series<LineSeries>(sm.series, 'exact').y)).toEqual(law!.secondMoment.exact);
    // L/n = 3/8 ≥ 0.2 at n = 8: that width is drawn as heavy-tailed, the others as ordinary estimates.
    expect(law!.secondMoment.heavyTailed).toEqual([true, false, false]);
    const heavy = series<ErrorBarSeries>(sm.series, 'mc-heavy');
    const ok = series<ErrorBarSeries>(sm.series, 'mc');
    expect(heavy.y[0]).toBe(law!.secondMoment.mc[0]);
    expect(Number.isNaN(heavy.y[1])).toBe(true);
    expect(Number.isNaN(ok.y[0])).toBe(true);
    expect(ok.y[2]).toBe(law!.secondMoment.mc[2]);
    const lv = logVariancePlot(block, plan);
    expect(Array.from(series<ErrorBarSeries>(lv.series, 'mc').y)).toEqual(law!.logMoments.mcVar);
    expect(Array.from(series<LineSeries>(lv.series, 'exact').y)).toEqual(law!.logMoments.exactVar);
    expect(Array.from(series<LineSeries>(lv.series, 'lognormal').y)).toEqual(law!.logNormal.sigma2);
  });

  it('says why there is no exact law, and draws nothing, for non-Gaussian weights', () => {
    const orth = { ...block, weights: 'orthogonal', norm: { unavailable: 'the exact law of |z^L|² is for iid Gaussian weights (weights=orthogonal)' } } as FiniteWidthBlock;
    expect(normLawOf(orth).unavailable).toContain('Gaussian');
    expect(secondMomentPlot(orth, plan).series).toEqual([]);
    expect(secondMomentPlot(orth, plan).emptyText).toBe('no exact law for this network');
    expect(normLawOf(undefined)).toEqual({});
  });

  it('without the 1/n theory there is no corrected line, and before any width there are no marks', () => {
    const none = { ...block, correction: { available: false, reason: 'x' }, rho: { ...block.rho, corrected: [null, null, null], predictedSd: [null, null, null] } } as FiniteWidthBlock;
    expect(finiteMeanPlot(none, 'rho', plan).series.map((s) => s.id)).toEqual(['limit', 'mc-mean']);
    expect(finiteConvergencePlot(none, 'rho', plan).series.map((s) => s.id)).not.toContain('sd-theory');
    const empty = finiteMeanPlot(undefined, 'rho', plan);
    expect(empty.series).toEqual([]);
    expect(empty.xTicks).toEqual([8, 16, 32]);
    expect(empty.yLabel).toContain('3');
    expect((block.norm as NormLawBlock).logMoments.live.every((l) => l <= 200)).toBe(true);
  });
});
