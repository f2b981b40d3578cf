/**
 * Distribution of a per-network statistic at one layer: a histogram of the M samples, the limit
 * and the Monte Carlo median as vertical markers. Binning is presentation (d3.bin), not physics.
 */
import * as d3 from 'd3';
import type { LayerSamples } from '../../src/experiments/mcAccumulator.ts';
import type { McBlock, TheoryBlock } from '../../src/experiments/result.ts';
import type { SdeLawCurve } from '../engine/theory.ts';
import { ROLE_COLOR } from '../plots/theme.ts';
import type { CurveOverlay, HistogramBin, HistogramData, ScaleKind, VerticalMarker } from '../plots/types.ts';
import { formatCount, formatValue, STAT_LABEL, type KernelStat } from './labels.ts';
import { lawAtoms } from './sdeData.ts';

/** About √M bins, between 12 and 60: smooth for M = 10⁴, still informative for M = 50. */
export function binCount(samples: number): number {
  return Math.max(12, Math.min(60, Math.round(Math.sqrt(samples))));
}

/** Equal-width bins in x, or in log₁₀ x for `log` (edges returned in x either way). */
export function histogramBins(values: ArrayLike<number>, scale: ScaleKind = 'linear'): HistogramBin[] {
  if (scale === 'log') {
    const logs = Array.from(values).filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
    return histogramBins(logs).map((b) => ({ x0: 10 ** b.x0, x1: 10 ** b.x1, count: b.count }));
  }
  const finite = Array.from(values).filter(Number.isFinite);
  if (finite.length === 0) return [];
  let [lo, hi] = d3.extent(finite) as [number, number];
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const w = Math.max(Math.abs(hi) * 0.01, 1e-3);
    lo -= w;
    hi += w;
  }
  const bins = d3
    .bin()
    .domain([lo, hi])
    .thresholds(d3.ticks(lo, hi, binCount(finite.length)))(finite);
  return bins.map((b) => ({ x0: b.x0 ?? lo, x1: b.x1 ?? hi, count: b.length }));
}

/** A positive statistic spread over more than a factor 10 is binned in log x (its law is ~log-normal). */
export function spreadScale(values: ArrayLike<number>): ScaleKind {
  const [lo, hi] = d3.extent(Array.from(values).filter(Number.isFinite));
  if (lo === undefined || hi === undefined || lo <= 0) return 'linear';
  return hi / lo > 10 ? 'log' : 'linear';
}

/** The layer the samples were taken at, in the index space of `layers`, or -1. */
function at(layers: readonly number[] | undefined, layer: number): number {
  return layers ? layers.indexOf(layer) : -1;
}

/**
 * The SDE density of ρ_T drawn over a histogram of counts: density × networks × bin width (the
 * expected count per bin). Only when the law belongs to the layer of the samples (T = ℓ/n).
 */
export function sdeOverlay(law: SdeLawCurve | undefined, samples: LayerSamples | undefined, bins: readonly HistogramBin[]): CurveOverlay | undefined {
  if (!law || !samples || law.layer !== samples.layer || bins.length === 0) return undefined;
  const count = bins.reduce((a, b) => a + b.count, 0);
  // An interior bin (the end bins may be cut by the data range).
  const b = bins[Math.min(1, bins.length - 1)];
  const scale = count * (b.x1 - b.x0);
  return {
    id: 'sde-density',
    label: `SDE law of ρ_{T}, T = ℓ/n = ${formatValue(law.T, 3)} (expected count per bin)`,
    color: ROLE_COLOR.secondLimit,
    x: law.rho,
    y: Array.from(law.density, (d) => d * scale),
  };
}

export function histogramPlot(
  stat: KernelStat,
  samples: LayerSamples | undefined,
  theory: TheoryBlock | undefined,
  mc: McBlock | undefined,
  n: number,
  sdeLaw?: SdeLawCurve,
): HistogramData {
  const label = STAT_LABEL[stat];
  const markers: VerticalMarker[] = [];
  if (samples && theory) {
    const i = at(theory.layers, samples.layer);
    // No marker where the limit does not exist (NaN: standard attention has no infinite-width kernel).
    if (i >= 0 && Number.isFinite(theory[stat][i])) markers.push({ id: 'limit', label: `limit n → ∞: ${label.limit}`, color: ROLE_COLOR.limit, x: theory[stat][i] });
  }
  if (samples && mc) {
    const i = at(mc.layers, samples.layer);
    if (i >= 0) markers.push({ id: 'median', label: 'Monte Carlo median', color: ROLE_COLOR.mc, dash: '6 4', x: mc[stat].p50[i] });
  }
  const xScale = stat === 'q11' && samples ? spreadScale(samples.q11) : 'linear';
  const bins = samples ? histogramBins(samples[stat], xScale) : [];
  const layer = samples ? `at layer ℓ = ${samples.layer}` : '';
  const sde = stat === 'rho' ? sdeOverlay(sdeLaw, samples, bins) : undefined;
  return {
    title: `histogram of ${label.name} ${layer} over ${samples ? formatCount(samples[stat].length) : 'no'} networks of width ${formatCount(n)}`,
    xLabel: `${label.estimate} ${layer}${xScale === 'log' ? ' (log scale)' : ''}`.trim(),
    xScale,
    xLimits: stat === 'rho' ? [-1, 1] : undefined,
    yLabel: 'networks per bin',
    bins,
    barLabel: `${label.estimate} of each network (n = ${formatCount(n)})`,
    barColor: ROLE_COLOR.histogram,
    markers,
    curves: sde ? [sde] : [],
    atoms: sde && sdeLaw ? lawAtoms(sdeLaw) : [],
    emptyText: 'waiting for the Monte Carlo…',
  };
}
