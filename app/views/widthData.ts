/**
 * Width sweep data (coupled seeds): a statistic at a fixed layer against n on a log axis, with its
 * limit; and the convergence panel: |mean − limit| and sd against n on log–log axes, with guide
 * slopes n^{-1} (bias) and n^{-1/2} (fluctuations). Plot arithmetic only.
 */
import type { WidthSweepBlock } from '../../src/experiments/widthSweep.ts';
import { BAND_OPACITY, OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount, STAT_LABEL, WIDTH_AXIS, type KernelStat } from './labels.ts';

export function widthPlot(stat: KernelStat, block: WidthSweepBlock | undefined, limitValue: number | undefined, widths: readonly number[]): XYPlotData {
  const label = STAT_LABEL[stat];
  const series: XYSeries[] = [];
  if (block && block.n.length > 0) {
    const q = block[stat];
    series.push(
      { kind: 'band', id: 'mc-p05-p95', label: 'p05–p95', color: ROLE_COLOR.mc, opacity: BAND_OPACITY.outer, x: block.n, lo: q.p05, hi: q.p95 },
      { kind: 'band', id: 'mc-p25-p75', label: 'p25–p75', color: ROLE_COLOR.mc, opacity: BAND_OPACITY.inner, x: block.n, lo: q.p25, hi: q.p75 },
    );
  }
  const limit = block ? block.limit[stat] : limitValue;
  if (limit !== undefined) series.push({ kind: 'hrule', id: 'limit', label: `limit n → ∞: ${label.limit}`, color: ROLE_COLOR.limit, y: limit });
  if (block && block.n.length > 0) {
    series.push({ kind: 'points', id: 'mc-median', label: `median ${label.estimate}, M = ${formatCount(block.M)} per width`, color: ROLE_COLOR.mc, x: block.n, y: block[stat].p50 });
  }
  return {
    title: `${label.name} at a fixed layer against the width n, with its infinite-width limit`,
    xLabel: WIDTH_AXIS,
    yLabel: `${label.estimate} at ℓ = ${block?.layer ?? ''}`.trim(),
    xScale: 'log',
    yScale: 'linear',
    xTicks: widths,
    xDomain: widths.length > 0 ? [widths[0] / 1.25, widths[widths.length - 1] * 1.25] : undefined,
    series,
    emptyText: 'waiting for the width sweep…',
  };
}

/**
 * A guide line c·n^{slope} through the widest width's point (the asymptotic regime: at the smallest
 * widths the law is not yet in it, e.g. ReLU nets of width 4 often have ρ̂ = 1 exactly).
 */
function guide(n: readonly number[], y: readonly number[], slope: number): number[] | undefined {
  let i = y.length - 1;
  while (i >= 0 && !(Number.isFinite(y[i]) && y[i] > 0)) i--;
  if (i < 0) return undefined;
  return n.map((m) => y[i] * Math.pow(m / n[i], slope));
}

export function convergencePlot(block: WidthSweepBlock | undefined, widths: readonly number[]): XYPlotData {
  const series: XYSeries[] = [];
  if (block && block.n.length > 0) {
    const bias = block.rho.mean.map((m) => Math.abs(m - block.limit.rho));
    const sd = block.rho.sd;
    const gBias = guide(block.n, bias, -1);
    const gSd = guide(block.n, sd, -0.5);
    if (gSd) series.push({ kind: 'line', id: 'guide-half', label: '∝ n^{−1/2}', color: '#6b7280', dash: '2 5', x: block.n, y: gSd });
    if (gBias) series.push({ kind: 'line', id: 'guide-one', label: '∝ n^{−1}', color: '#6b7280', dash: '9 5', x: block.n, y: gBias });
    series.push(
      { kind: 'points', id: 'sd', label: 'sd(ρ̂)', color: OKABE_ITO.purple, x: block.n, y: sd },
      { kind: 'points', id: 'bias', label: '|mean ρ̂ − ρ|', color: ROLE_COLOR.mc, x: block.n, y: bias },
    );
  }
  return {
    title: 'distance of the finite-width law of ρ̂ from its limit, against the width, log–log',
    xLabel: WIDTH_AXIS,
    yLabel: 'error of ρ̂ (log scale)',
    xScale: 'log',
    yScale: 'log',
    xTicks: widths,
    xDomain: widths.length > 0 ? [widths[0] / 1.25, widths[widths.length - 1] * 1.25] : undefined,
    series,
    emptyText: 'waiting for the width sweep…',
  };
}
