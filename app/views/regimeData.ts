/**
 * The fixed-width regime (view=regime): the engine's RegimeBlock as (1) E log(|φ(Y₁)|²/|φ(Y₀)|²)
 * against the width n with ±2 SE error bars, the zero line and the identity-activation reference
 * σw²(1 − 2/n); (2) sample paths of the same log-ratio against t = l/L at n = 3 and n = 4.
 */
import type { RegimeBlock } from '../../src/experiments/fixedWidth.ts';
import { OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount } from './labels.ts';

export const LOG_RATIO = 'log(|φ(Y_{1})|^{2}/|φ(Y_{0})|^{2})';
/** The multiple of the standard error drawn as the error bar (about a 95 % interval). */
export const SE_MULTIPLE = 2;

/** Where the measured drift changes sign: the first pair of widths whose means have opposite signs. */
export function signChange(block: Pick<RegimeBlock, 'n' | 'mean'>): [number, number] | undefined {
  for (let i = 1; i < block.n.length; i++) {
    if (Number.isFinite(block.mean[i - 1]) && Number.isFinite(block.mean[i]) && Math.sign(block.mean[i - 1]) !== Math.sign(block.mean[i])) return [block.n[i - 1], block.n[i]];
  }
  return undefined;
}

export function driftPlot(block: RegimeBlock | undefined, widths: readonly number[]): XYPlotData {
  const series: XYSeries[] = [{ kind: 'hrule', id: 'zero', label: 'zero: no drift', color: ROLE_COLOR.axis, y: 0, dash: '3 4' }];
  const notes: PlotNote[] = [];
  if (block && block.n.length > 0) {
    series.push({ kind: 'line', id: 'identity', label: 'identity φ: σ_{w}^{2}(1 − 2/n), exact', color: ROLE_COLOR.limit, dash: '8 5', x: block.n, y: block.identityMean });
    series.push({
      kind: 'errorbars',
      id: 'mean',
      label: `ReLU: mean over M = ${formatCount(block.M)} networks, ±${SE_MULTIPLE} SE`,
      color: ROLE_COLOR.mc,
      x: block.n,
      y: block.mean,
      lo: block.mean.map((m, i) => m - SE_MULTIPLE * block.se[i]),
      hi: block.mean.map((m, i) => m + SE_MULTIPLE * block.se[i]),
    });
    const change = signChange(block);
    if (change) notes.push({ id: 'sign-change', text: `sign change between n = ${change[0]} and n = ${change[1]}`, corner: 'bottom-right' });
  }
  return {
    title: 'mean log-ratio of |φ(Y)|² over the depth against the width n, with two-standard-error bars, a zero line and the identity-activation reference',
    xLabel: 'width n (fixed while L → ∞)',
    yLabel: `E ${LOG_RATIO}`,
    xScale: 'log',
    yScale: 'linear',
    xTicks: widths,
    xDomain: widths.length > 0 ? [widths[0] / 1.2, widths[widths.length - 1] * 1.2] : undefined,
    series,
    notes,
    emptyText: 'waiting for the widths…',
  };
}

const PATH_COLOR = [OKABE_ITO.vermillion, OKABE_ITO.blue, OKABE_ITO.green, OKABE_ITO.purple];

export function pathsPlot(block: RegimeBlock | undefined): XYPlotData {
  const series: XYSeries[] = [{ kind: 'hrule', id: 'zero', label: 'zero', color: ROLE_COLOR.axis, y: 0, dash: '3 4' }];
  const paths = block?.paths;
  if (paths) {
    paths.byWidth.forEach((w, i) =>
      series.push({ kind: 'paths', id: `n-${w.n}`, label: `n = ${w.n}: ${w.logRatio.length} networks`, color: PATH_COLOR[i % PATH_COLOR.length], x: paths.t, ys: w.logRatio, opacity: 0.55, width: 1.6 }),
    );
  }
  return {
    title: 'sample paths of the log-ratio of |φ(Y_t)|² against t = l/L, for widths 3 and 4',
    xLabel: 't = ℓ/L (depth, as time of the SDE)',
    yLabel: 'log(|φ(Y_{t})|^{2}/|φ(Y_{0})|^{2})',
    xScale: 'linear',
    yScale: 'linear',
    xDomain: [0, 1],
    series,
    emptyText: 'waiting for the sample paths…',
  };
}
