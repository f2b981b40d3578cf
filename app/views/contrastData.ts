/**
 * The contrast view (view=contrast): for each network of the engine's ContrastBlock, the histogram of
 * ρ̂_L with its limit (a point → a vertical line; a law → its density) and the histogram of
 * log(q̂_L/q^∞_L) with its limit (a point at 0, or the normal law N(−T, 2T) of the shaped MLP).
 * The engine bins; this file lays the bins out and draws the given laws on a grid.
 */
import { normalPdf } from '../../src/core/special.ts';
import { LOGQ_RANGE, type ContrastVariant } from '../../src/experiments/contrast.ts';
import { ROLE_COLOR } from '../plots/theme.ts';
import type { CurveOverlay, HistogramBin, HistogramData, VerticalMarker } from '../plots/types.ts';
import { formatCount, formatValue } from './labels.ts';

/** Equal bins over [lo, hi] from the engine's densities. */
export function binsOf(densities: readonly number[], lo: number, hi: number): HistogramBin[] {
  const w = (hi - lo) / densities.length;
  return densities.map((d, i) => ({ x0: lo + i * w, x1: lo + (i + 1) * w, count: d }));
}

/** The density of N(mean, var) on a grid over [lo, hi] (a law the engine names by its moments). */
export function normalDensity(mean: number, variance: number, lo: number, hi: number, points = 241): { x: number[]; y: number[] } {
  const sd = Math.sqrt(variance);
  const x = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
  return { x, y: x.map((v) => normalPdf((v - mean) / sd) / sd) };
}

/** Short legend names of each limit (small multiples are narrow; the captions say the rest). */
const SHORT_LIMIT: Record<ContrastVariant['id'], string> = {
  'he-mlp': 'NNGP limit ρ^{L}',
  shaped: 'SDE law of ρ_{T}',
  'resnet-sqrt': 'ODE limit ρ(1)',
};

export function contrastRhoPlot(v: ContrastVariant, n: number, L: number, M: number): HistogramData {
  const markers: VerticalMarker[] = [];
  const curves: CurveOverlay[] = [];
  const label = SHORT_LIMIT[v.id] ?? 'limit';
  if (v.limit.kind === 'point') markers.push({ id: 'limit', label, color: ROLE_COLOR.limit, x: v.limit.rho });
  else curves.push({ id: 'limit', label, color: ROLE_COLOR.limit, x: v.limit.rho, y: v.limit.density });
  return {
    title: `${v.label}: histogram of ρ̂ at layer L = ${L} over ${formatCount(M)} networks of width ${formatCount(n)}, with its limit (${v.limit.label})`,
    xLabel: 'ρ̂_{L}',
    yLabel: 'density',
    xScale: 'linear',
    xDomain: [-1, 1],
    bins: binsOf(v.histogram, -1, 1),
    barLabel: `ρ̂_{L}, sd ${formatValue(v.summary.sd, 2)}`,
    barColor: ROLE_COLOR.histogram,
    markers,
    curves,
  };
}

export function contrastLogqPlot(v: ContrastVariant): HistogramData {
  const [lo, hi] = LOGQ_RANGE;
  const lim = v.logq.limit;
  const markers: VerticalMarker[] = [];
  const curves: CurveOverlay[] = [];
  const label = lim.var > 0 ? `limit ${lim.label}` : 'limit: 0';
  if (lim.var > 0) curves.push({ id: 'limit', label, color: ROLE_COLOR.limit, ...normalDensity(lim.mean, lim.var, lo, hi) });
  else markers.push({ id: 'limit', label, color: ROLE_COLOR.limit, x: lim.mean });
  return {
    title: `${v.label}: histogram of log(q̂_L/q^∞_L) over the networks, with its limit (${lim.label})`,
    xLabel: 'log(q̂_{L}/q^{∞}_{L})',
    yLabel: 'density',
    xScale: 'linear',
    xDomain: [lo, hi],
    bins: binsOf(v.logq.histogram, lo, hi),
    barLabel: `log(q̂_{L}/q^{∞}_{L}), sd ${formatValue(v.logq.summary.sd, 2)}`,
    barColor: ROLE_COLOR.histogram,
    markers,
    curves,
  };
}

/** The link that opens one network of the contrast on its own (its distribution view). */
export function variantHref(query: string): string {
  const params = new URLSearchParams(query);
  params.set('view', 'hist');
  return `?${params.toString()}`;
}

/**
 * Sd of log(q̂_L/q^∞_L) above which the infinite-width point is a poor description of a typical
 * network (a factor e ≈ 2.7 between its squared length and the limit), and below which it is a good
 * one (a factor e^{0.25} ≈ 1.3); in between the caption gives the numbers without a verdict.
 */
export const FAR_LOG_SD = 1;
export const CLOSE_LOG_SD = 0.25;

/**
 * The He-MLP caption, from the data (issue 14 §1): how far the networks are from the NNGP point,
 * measured by the spread of log(q̂_L/q^∞_L) and the 90 % range of ρ̂_L, and the log-normal law of
 * its own proportional limit (drawn when the engine gives it, i.e. ReLU with σb = 0).
 */
export function heMlpCaption(v: ContrastVariant | undefined, T: string): string {
  const head = `The infinite-width limit at fixed depth is one number: the NNGP correlation $\\rho^L$ (line) and $q^{\\infty}_L$, so $\\log(\\hat q_L/q^{\\infty}_L)$ would be 0.`;
  if (!v) return `${head} The networks at $T = L/n = ${T}$ are being sampled.`;
  const sd = v.logq.summary.sd;
  const r = v.summary;
  const spread = `At $T = L/n = ${T}$ the networks' $\\log(\\hat q_L/q^{\\infty}_L)$ has sd ${formatValue(sd, 2)} and 90 % of their $\\hat\\rho_L$ lie in [${formatValue(r.p05, 3)}, ${formatValue(r.p95, 3)}] around $\\rho^L = ${v.limit.kind === 'point' ? formatValue(v.limit.rho, 3) : '…'}$`;
  const verdict =
    sd > FAR_LOG_SD
      ? ': far from that point, so here the deterministic limit is misleading.'
      : sd < CLOSE_LOG_SD
        ? ': close to that point, so at this small $T$ the infinite-width limit describes them well.'
        : ': a visible spread around that point, of the size the proportional limit predicts.';
  const law = v.logq.limit.var > 0 ? ` Their own proportional limit ($n, L \\to \\infty$ at fixed $L/n$) is log-normal (Hanin & Nica 2020): the curve is the normal law with the exact mean and variance of $\\log \\hat q_L$ (variance ${formatValue(v.logq.limit.var, 2)}, about $5T$).` : '';
  return `${head} ${spread}${verdict}${law}`;
}
