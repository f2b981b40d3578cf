import { describe, expect, it } from 'vitest';
import type { BandSeries, ErrorBarSeries, LineSeries } from '../../plots/types.ts';
import { approachVerdict, distancePlot, lossCurvesPlot, ntkRegimeSentence, slicePlot, sliceSentence } from './ntkRegimeData.ts';
import { ntkRegimeBlock, WIDTHS, seriesById } from './testBlocks.ts';

describe('NTK-regime view data', () => {
  const block = ntkRegimeBlock();
  it('the loss per width against the step, with the kernel prediction; a parametrisation not run says why', () => {
    const p = lossCurvesPlot(block, block.params[0]);
    const pred = seriesById<LineSeries>(p.series, 'kernel-prediction');
    expect(Array.from(pred.y)).toEqual(block.predictedLoss);
    expect(Array.from(pred.x)).toEqual([0, 1, 2, 3]);
    expect(Array.from(seriesById<LineSeries>(p.series, 'loss-n128').y)).toEqual(block.params[0].loss[1]);
    expect(p.xDomain).toEqual([0, 3]);
    // Before the block: the planned steps set the axis (a guess is placed at t = T).
    expect(lossCurvesPlot(undefined, undefined, 10).xDomain).toEqual([0, 10]);
    const mf = lossCurvesPlot(block, block.params[2]);
    expect(mf.series.map((s) => s.id)).toEqual(['kernel-prediction']);
    expect(mf.emptyText).toBe('mean-field has learning-rate exponents c ≠ 0');
  });

  it('the distance per parametrisation run (± 2 SE), and the theory guide through NTK\'s widest point', () => {
    const p = distancePlot(block, WIDTHS);
    expect(p.series.some((s) => s.id === 'dist-mf')).toBe(false);
    const ntk = seriesById<ErrorBarSeries>(p.series, 'dist-ntk');
    expect(Array.from(ntk.y)).toEqual(block.params[0].distance.mean);
    const g = seriesById<LineSeries>(p.series, 'guide');
    expect(g.label).toBe('∝ n^{−½} (NTK theory)');
    expect(g.y[3]).toBe(block.params[0].distance.mean[3]);
    expect(g.y[0] / g.y[3]).toBeCloseTo(Math.sqrt(8), 12);
  });

  it('the slice: the kernel prediction with its ± 2 sd band, each width\'s mean f_T, and how many points lie in the band', () => {
    const p = slicePlot(block, block.params[0]);
    const band = seriesById<BandSeries>(p.series, 'kernel-band');
    expect(Array.from(band.lo)).toEqual([-0.2, 0.8, -0.2, -1.2]);
    expect(Array.from(band.hi)).toEqual([0.2, 1.2, 0.2, -0.8]);
    expect(Array.from(seriesById<LineSeries>(p.series, 'slice-n512').y)).toEqual([0, 1, 0, -1].map((v) => v + 1 / 512));
    expect(p.xDomain).toEqual([0, 2 * Math.PI]);
    // f_T − mean = 1/512 = 0.02 sd at every point: all four inside.
    expect(sliceSentence(block, block.params[0])).toBe('At n = 512 the nets\' mean $f_T$ is inside the band at 4 of 4 points of the slice (largest distance 0.0 sd of the kernel prediction).');
    const far = { ...block.params[0], slice: { mean: block.params[0].slice!.mean.map((r) => r.map((v, i) => (i === 1 ? v + 0.5 : v))), se: block.params[0].slice!.se } };
    expect(sliceSentence(block, far)).toContain('inside the band at 3 of 4 points');
    expect(slicePlot(block, block.params[2]).series.map((s) => s.id)).toEqual(['kernel-band', 'kernel-mean']);
  });

  it('the verdict follows the fitted slope: within 0.15 of −½ approaches, far above does not', () => {
    expect(approachVerdict(block.params[0], -0.5)).toBe('NTK: the distance falls with slope −0.52 ± 0.09, within 0.15 of −½ — these nets approach the kernel prediction like $n^{-1/2}$');
    expect(approachVerdict(block.params[1], -0.5)).toBe('µP: the distance falls with slope −0.10 ± 0.03, more than 0.15 above −½ — over these widths these nets do not approach the kernel prediction like $n^{-1/2}$');
    expect(approachVerdict({ ...block.params[0], distanceSlope: { slope: -0.8, se: 0.1 } }, -0.5)).toContain('more than 0.15 below −½: faster than');
    expect(approachVerdict({ ...block.params[0], distanceSlope: { slope: -0.34, se: 0.29 } }, -0.5)).toBe('NTK: slope −0.34 ± 0.29, too uncertain to compare with −½ (its standard error exceeds 0.15: train more nets)');
    expect(approachVerdict({ ...block.params[0], distanceSlope: null }, -0.5)).toBe('NTK: a slope needs two widths');
    expect(ntkRegimeSentence(block)).toMatch(/^Widths n = 64 … 512, 3 steps at η = 1, 6 coupled nets: NTK: .*; µP: .*; MF: not run \(mean-field has learning-rate exponents c ≠ 0\)\.$/);
  });
});
