/**
 * The comparison view (view=collapse): standard vs shaped attention at the same (n, L, k, seed),
 * from the engine's CollapseBlock (src/archs/attention/collapse.ts). The mean token correlation ρ̄
 * through depth — each kind's mean and 90 % band over the networks, the SDE's mean and 5 %/95 %
 * quantiles — and the law of ρ̄ at ℓ = L (two histograms, the SDE density over the shaped one).
 * Every number in a caption is read from the block here. Presentation only.
 */
import { COLLAPSE_BINS, NEAR_ONE, type CollapseBlock, type LastLaw } from '../../src/archs/attention/collapse.ts';
import { BAND_OPACITY, OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { HistogramBin, HistogramData, XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount, formatValue } from './labels.ts';

export const COLLAPSE_COLOR = { standard: ROLE_COLOR.mc, shaped: ROLE_COLOR.mcAlt, sde: ROLE_COLOR.limit, one: OKABE_ITO.black } as const;

/** ρ̄ close to 1 is written as 1 − ε, so that 0.9999992 does not read as "1". */
export function formatCorrelation(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x > 0.999 && x < 1) return `1 − ${formatValue(1 - x, 2)}`;
  return formatValue(x, 3);
}

/** Mean ± SE, to the SE's first two significant digits. */
export function formatMeanSe(mean: number, se: number): string {
  return `${formatCorrelation(mean)} ± ${formatValue(se, 2)}`;
}

export function collapseDepthPlot(block: CollapseBlock | undefined): XYPlotData {
  const series: XYSeries[] = [];
  if (block?.standard) {
    const d = block.standard.depth;
    series.push(
      { kind: 'band', id: 'standard-band', label: 'standard: 90 % band', color: COLLAPSE_COLOR.standard, x: d.layers, lo: d.p05, hi: d.p95, opacity: BAND_OPACITY.outer },
      { kind: 'line', id: 'standard-mean', label: 'standard: mean', color: COLLAPSE_COLOR.standard, x: d.layers, y: d.mean },
    );
  }
  if (block?.shaped) {
    const d = block.shaped.depth;
    series.push(
      { kind: 'band', id: 'shaped-band', label: 'shaped: 90 % band', color: COLLAPSE_COLOR.shaped, x: d.layers, lo: d.p05, hi: d.p95, opacity: BAND_OPACITY.outer },
      { kind: 'line', id: 'shaped-mean', label: 'shaped: mean', color: COLLAPSE_COLOR.shaped, x: d.layers, y: d.mean },
    );
  }
  if (block?.sde) {
    const d = block.sde.depth;
    series.push(
      { kind: 'line', id: 'sde-mean', label: 'SDE: mean', color: COLLAPSE_COLOR.sde, x: d.layers, y: d.mean, dash: '8 4' },
      { kind: 'line', id: 'sde-p05', label: 'SDE: 5 %, 95 %', color: COLLAPSE_COLOR.sde, x: d.layers, y: d.p05, dash: '2 4', width: 2 },
      { kind: 'line', id: 'sde-p95', label: 'SDE 95 %', legend: false, color: COLLAPSE_COLOR.sde, x: d.layers, y: d.p95, dash: '2 4', width: 2 },
    );
  }
  if (block) series.push({ kind: 'hrule', id: 'one', label: 'ρ̄ = 1', color: COLLAPSE_COLOR.one, y: 1, dash: '1 5' });
  return {
    title: 'mean token correlation ρ̄ against the layer ℓ: standard attention, shaped attention and the shaped SDE',
    xLabel: 'layer ℓ (the SDE at t = ℓ/n)',
    yLabel: 'mean token correlation ρ̄',
    xScale: 'linear',
    yScale: 'linear',
    xDomain: block ? [0, block.L] : undefined,
    yDomain: [-1.02, 1.02],
    series,
    emptyText: 'waiting for the networks…',
  };
}

function binsOf(densities: readonly number[]): HistogramBin[] {
  const w = 2 / densities.length;
  return densities.map((d, i) => ({ x0: -1 + i * w, x1: -1 + (i + 1) * w, count: d }));
}

/** The law of ρ̄ at ℓ = L of one kind; for the shaped networks, with the SDE's density at T over it. */
export function collapseLawPlot(block: CollapseBlock | undefined, kind: 'standard' | 'shaped'): HistogramData {
  const side = block?.[kind];
  const name = kind === 'standard' ? 'standard attention' : 'shaped attention';
  const sde = kind === 'standard' ? undefined : block?.sde; // the SDE is the shaped networks' limit
  return {
    title: `${name}: histogram of ρ̄ at the last layer L = ${block?.L ?? '…'} over the networks${sde ? ', with the SDE density at T = L/n' : ''}`,
    xLabel: 'ρ̄ at ℓ = L',
    yLabel: 'probability density',
    xScale: 'linear',
    xDomain: [-1, 1],
    bins: side ? binsOf(side.last.histogram.density) : [],
    barLabel: side ? `${name}: ρ̄ of ${formatCount(side.last.count)} networks (${COLLAPSE_BINS} bins)` : name,
    barColor: kind === 'standard' ? COLLAPSE_COLOR.standard : ROLE_COLOR.histogram,
    markers: kind === 'standard' && side ? [{ id: 'one', label: 'ρ̄ = 1', color: COLLAPSE_COLOR.one, x: 1, dash: '1 5' }] : [],
    curves: sde ? [{ id: 'sde-density', label: `SDE law at T = ${formatValue(block!.T, 3)} (${formatCount(sde.paths)} paths)`, color: COLLAPSE_COLOR.sde, x: sde.last.histogram.rho, y: sde.last.histogram.density }] : [],
    emptyText: 'waiting for the networks…',
  };
}

/** The first recorded layer from which the mean stays above NEAR_ONE, or undefined. */
export function collapseLayer(block: CollapseBlock): number | undefined {
  const d = block.standard?.depth;
  if (!d) return undefined;
  let first: number | undefined;
  for (let j = 0; j < d.layers.length; j++) {
    if (d.mean[j] > NEAR_ONE) first ??= d.layers[j];
    else first = undefined;
  }
  return first;
}

/** A 90 % range wider than this is called a random limit rather than a point. */
export const WIDE_LAW = 0.1;

function percent(x: number): string {
  return `${formatValue(100 * x, 3)} %`;
}

/** "x of M networks … stopped" when any did (the values are read where they stopped). */
function stoppedNote(block: CollapseBlock): string {
  const nets = block.shaped?.stopped ?? 0;
  const paths = block.sde?.stopped ?? 0;
  if (nets === 0 && paths === 0) return '';
  return ` ${formatCount(nets)} of ${formatCount(block.M)} shaped networks and ${formatCount(paths)} of ${formatCount(block.sde?.paths ?? 0)} SDE paths reached $\\max_a V_{aa} \\ge R = ${formatValue(block.stopAt, 3)}$ before the end and are read where they stopped (the same rule for both).`;
}

/** How far apart two means are, in combined standard errors. */
function inSe(a: LastLaw, b: LastLaw): number {
  return Math.abs(a.summary.mean - b.summary.mean) / Math.hypot(a.meanSe, b.meanSe);
}

/** The depth panel's caption: the numbers at ℓ = L from the block. */
export function collapseDepthCaption(block: CollapseBlock | undefined, M: number): string {
  const head = 'The mean token correlation $\\bar\\rho$ (the mean of $\\rho_{ab}$ over every pair of tokens) of standard and shaped attention networks with the same weights (the same seed: only the attention matrix differs), and the token-covariance SDE of shaped attention at $t = \\ell/n$.';
  if (M === 0) return `${head} With M = 0 nothing is sampled: choose M > 0 to run the networks and the SDE.`;
  if (!block?.standard || !block.shaped || !block.sde) return `${head} The networks are being sampled.`;
  const L = block.L;
  const std = block.standard.last;
  const sh = block.shaped.last;
  const sde = block.sde.last;
  const at = collapseLayer(block);
  const collapse =
    std.summary.mean > NEAR_ONE
      ? ` Standard attention: mean $\\bar\\rho$ = ${formatCorrelation(std.summary.mean)} at $\\ell = ${L}$${at !== undefined ? `, above ${NEAR_ONE} from $\\ell = ${at}$ on` : ''}; ${percent(std.nearOne)} of the networks have $\\bar\\rho > ${NEAR_ONE}$ — rank collapse.`
      : ` Standard attention: mean $\\bar\\rho$ = ${formatCorrelation(std.summary.mean)} at $\\ell = ${L}$, not yet above ${NEAR_ONE}: at this depth the collapse is not complete.`;
  const z = inSe(sh, sde);
  const shaped = ` Shaped attention: ${formatMeanSe(sh.summary.mean, sh.meanSe)} (mean ± SE over ${formatCount(sh.count)} networks), the SDE ${formatMeanSe(sde.summary.mean, sde.meanSe)} (${formatCount(sde.count)} paths) at $T = L/n = ${formatValue(block.T, 3)}$, ${formatValue(z, 2)} SE apart (finite width adds an $O(1/n)$ bias); ${percent(sh.nearOne)} of its networks have $\\bar\\rho > ${NEAR_ONE}$, and the SDE's 90 % range is [${formatValue(sde.summary.p05, 2)}, ${formatValue(sde.summary.p95, 2)}]${sde.summary.p95 - sde.summary.p05 > WIDE_LAW ? ': a random limit, not a point' : ` (narrow at this $T$)`}.`;
  const s = block.sde;
  const below = Math.abs(s.stepBias) < sde.meanSe;
  const step = ` The SDE is simulated at step $dt = ${formatValue(s.dt, 3)}$; the same paths at $2\\,dt$ move the mean by ${formatValue(s.stepBias, 2)} (± ${formatValue(s.stepBiasSe, 2)}), ${below ? 'below' : 'not below'} its Monte Carlo SE ${formatValue(sde.meanSe, 2)}${s.timeOffset > 0 ? `; it is read at the step nearest to $\\ell/n$ (at most ${formatValue(s.timeOffset, 2)} away)` : ''}.`;
  return `${head}${collapse}${shaped}${step}${stoppedNote(block)}`;
}

/** The law panels' caption. */
export function collapseLawCaption(block: CollapseBlock | undefined, M: number): string {
  if (M === 0) return 'The law of $\\bar\\rho$ at the last layer: with M = 0 no networks are sampled.';
  if (!block?.standard || !block.shaped || !block.sde) return 'The law of $\\bar\\rho$ at the last layer, once the networks are sampled.';
  const std = block.standard.last.summary;
  const sh = block.shaped.last.summary;
  const sde = block.sde.last.summary;
  return `The law of $\\bar\\rho$ at $\\ell = L = ${block.L}$ over the networks. Standard attention: its 90 % range is [${formatCorrelation(std.p05)}, ${formatCorrelation(std.p95)}]${std.p05 > NEAR_ONE ? ', a spike at 1' : ''}. Shaped attention: sd ${formatValue(sh.sd, 2)} and median ${formatValue(sh.p50, 2)} (the SDE: sd ${formatValue(sde.sd, 2)}, median ${formatValue(sde.p50, 2)}); the curve is the SDE's density at $T = ${formatValue(block.T, 3)}$ on the same ${COLLAPSE_BINS} bins.`;
}
