/** The data functions of the issue 5/6 views: what each panel draws from an engine block. */
import { describe, expect, it } from 'vitest';
import type { ContrastVariant } from '../../src/experiments/contrast.ts';
import type { RegimeBlock } from '../../src/experiments/fixedWidth.ts';
import type { SdeViewBlock } from '../../src/experiments/sdeView.ts';
import { binsOf, contrastLogqPlot, contrastRhoPlot, normalDensity, variantHref } from './contrastData.ts';
import { driftPlot, driftSentence, driftTitle, signChange } from './regimeData.ts';
import { densityBins, fittedLine, lawAtoms, sdeConvergencePlot } from './sdeData.ts';

const integral = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1]);
  return s;
};

describe('regime', () => {
  const block = { n: [2, 3, 4, 8], L: 64, M: 100, mean: [-0.3, -0.1, 0.02, 0.25], se: [0.01, 0.02, 0.005, 0.04], var: [], alive: [0.75, 0.9, 1, 1], identityMean: [0, 1 / 3, 1 / 2, 3 / 4], identityVar: [], paths: { t: [], byWidth: [] } } as RegimeBlock;
  it('finds the sign change of the drift between consecutive widths', () => {
    expect(signChange(block)).toEqual([3, 4]);
    expect(signChange({ n: [2, 3], mean: [0.1, 0.2], se: [0.01, 0.01] })).toBeUndefined();
  });
  it('a width whose mean is within 2 SE of zero is not a side of the sign change', () => {
    const noisy = { ...block, se: [0.01, 0.02, 0.03, 0.04] };
    expect(signChange(noisy)).toEqual([3, 8]);
    expect(driftTitle(noisy)).toBe('Fixed width, infinite depth: the drift changes sign between n = 3 and n = 8');
    expect(driftSentence(noisy, 'relu')).toBe('For relu the measured mean is negative at n ∈ {2, 3}, positive at n = 8, within 2 SE of zero at n = 4.');
    const hidden = { ...block, mean: [-0.3, 0.01, 0.02, 0.25], se: [0.01, 0.02, 0.03, 0.2] };
    expect(signChange(hidden)).toBeUndefined();
    expect(driftTitle(hidden)).toBe('Fixed width, infinite depth: with M = 100 the noise hides where the drift changes sign');
  });
  it('error bars are mean ± 2 SE, with a zero line and the identity reference', () => {
    const plot = driftPlot(block, block.n);
    const bars = plot.series.find((s) => s.kind === 'errorbars');
    if (bars?.kind !== 'errorbars') throw new Error('no error bars');
    expect(Array.from(bars.hi)[3]).toBeCloseTo(0.25 + 0.08, 12);
    expect(Array.from(bars.lo)[0]).toBeCloseTo(-0.32, 12);
    expect(plot.series.some((s) => s.kind === 'hrule' && s.y === 0)).toBe(true);
    expect(plot.series.some((s) => s.id === 'identity')).toBe(true);
    expect(plot.notes?.[0].text).toBe('sign change between n = 3 and n = 4');
  });
});

describe('sde', () => {
  it('density bins integrate to one and skip non-finite values', () => {
    const bins = densityBins([-0.9, -0.1, 0.1, 0.5, 0.99, NaN], -1, 1, 20);
    expect(bins.reduce((a, b) => a + b.count * (b.x1 - b.x0), 0)).toBeCloseTo(1, 12);
  });
  it('the fitted line with the engine slope goes through an exact power law', () => {
    const n = [8, 16, 32, 64];
    const y = n.map((m) => 3 * m ** -0.5);
    fittedLine(n, y, -0.5)!.forEach((v, i) => expect(v).toBeCloseTo(y[i], 12));
  });
  it('atoms lighter than 1e−4 are not spikes', () => {
    expect(lawAtoms({ atomLow: 1e-17, atomHigh: 0.02 }).map((a) => a.x)).toEqual([1]);
  });
  it('the convergence panel prints both fitted slopes', () => {
    const block = { T: 0.5, convergence: { n: [8, 16], L: [4, 8], w1: [0.04, 0.03], ks: [0.05, 0.04], slopeW1: -0.415, slopeKs: -0.32 } } as SdeViewBlock;
    expect(sdeConvergencePlot(block).notes?.[0].text).toBe('fitted slopes (above the noise floor): W₁ −0.41, KS −0.32');
  });
  it('no rate is printed, and no line fitted, where the distances sit at their noise floor', () => {
    const c = { n: [8, 16, 32], L: [4, 8, 16], w1: [0.08, 0.04, 0.011], ks: [0.05, 0.03, 0.03], floorW1: [0.01, 0.01, 0.01], floorKs: [0.03, 0.03, 0.03], slopeW1: -1, slopeKs: NaN };
    const plot = sdeConvergencePlot({ T: 0.5, convergence: c } as SdeViewBlock);
    expect(plot.notes?.[0].text).toBe('fitted slopes (above the noise floor): W₁ −1, KS: at its noise floor, no rate');
    expect(plot.series.some((s) => s.id === 'fit-ks')).toBe(false);
    const fit = plot.series.find((s) => s.id === 'fit-w1');
    expect(fit?.kind === 'line' ? Array.from(fit.x) : []).toEqual([8, 16]);
  });
});

describe('contrast', () => {
  const summary = { mean: 0, sd: 0.1, p05: 0, p25: 0, p50: 0, p75: 0, p95: 0 };
  const variant = (id: ContrastVariant['id'], limit: ContrastVariant['limit'], logVar: number): ContrastVariant => ({
    id,
    label: id,
    query: 'v=1&arch=shaped&n=64&L=64&sw2=1&M=1000',
    histogram: new Array(64).fill(0.5),
    summary,
    limit,
    logq: { histogram: new Array(64).fill(1 / 12), summary, limit: { mean: -1, var: logVar, label: 'N(−T, 2T)' } },
  });
  it('a point limit is a vertical line, a law is a density curve', () => {
    const point = contrastRhoPlot(variant('he-mlp', { kind: 'point', rho: 0.98, label: 'NNGP' }, 0), 64, 64, 1000);
    expect(point.markers.map((m) => m.x)).toEqual([0.98]);
    expect(point.curves).toEqual([]);
    const law = contrastRhoPlot(variant('shaped', { kind: 'law', rho: [-1, 1], density: [0.5, 0.5], mean: 0, sd: 0.5, label: 'SDE' }, 2), 64, 64, 1000);
    expect(law.markers).toEqual([]);
    expect(law.curves?.[0].y).toEqual([0.5, 0.5]);
  });
  it('the log-length limit: N(−T, 2T) drawn as a density that integrates to one over a wide range', () => {
    const { x, y } = normalDensity(-1, 2, -12, 10, 2001);
    expect(integral(x, y)).toBeCloseTo(1, 6);
    const plot = contrastLogqPlot(variant('shaped', { kind: 'point', rho: 0, label: '' }, 2));
    expect(plot.curves).toHaveLength(1);
    expect(contrastLogqPlot(variant('resnet-sqrt', { kind: 'point', rho: 0, label: '' }, 0)).markers.map((m) => m.x)).toEqual([-1]);
  });
  it('bins span the engine range evenly; the link opens the network in the distribution view', () => {
    const bins = binsOf(new Array(64).fill(1), -8, 4);
    expect(bins[0].x0).toBe(-8);
    expect(bins[63].x1).toBeCloseTo(4, 12);
    const href = new URLSearchParams(variantHref('v=1&arch=shaped&n=64&L=64').slice(1));
    expect(Object.fromEntries(href)).toEqual({ v: '1', arch: 'shaped', n: '64', L: '64', view: 'hist' });
  });
});
