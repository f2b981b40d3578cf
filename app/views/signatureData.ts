/**
 * Plot data of the signature view (issue 16): the paths, K̂ of paths 1 and 2 against n and against
 * L (shared and unshared), and the Gram matrices — pure functions of the engine's block.
 */
import type { SignatureViewBlock, SweepPoint } from '../../src/experiments/signatureView.ts';
import type { HeatmapMap, HeatmapsData } from '../plots/heatmapTypes.ts';
import { BAND_OPACITY, OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { XYPlotData, XYSeries } from '../plots/types.ts';
import { formatValue } from './labels.ts';

const PATH_COLORS = [OKABE_ITO.vermillion, OKABE_ITO.blue, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.yellow, '#000000'];

/** The paths' knots: x¹ against x⁰ (d ≥ 2), or x against t (d = 1). */
export function pathsPlot(block: SignatureViewBlock | undefined): XYPlotData {
  const oneD = block ? block.paths.every((p) => p.x.length === 1) : false;
  const series: XYSeries[] = (block?.paths ?? []).map((p, i) => ({
    kind: 'line',
    id: `path-${i + 1}`,
    label: `x_{${i + 1}} = ${p.token}`,
    color: PATH_COLORS[i % PATH_COLORS.length],
    x: oneD ? p.t : p.x[0],
    y: oneD ? p.x[0] : p.x[1],
  }));
  return {
    title: 'The input paths',
    xLabel: oneD ? 'time t' : 'first channel x⁰',
    yLabel: oneD ? 'x(t)' : 'second channel x¹',
    xScale: 'linear',
    yScale: 'linear',
    series,
    emptyText: 'The paths appear with the first results.',
  };
}

function sweepSeries(prefix: string, label: string, color: string, x: readonly number[], pts: readonly SweepPoint[]): XYSeries[] {
  return [
    { kind: 'band', id: `${prefix}-sd`, label: `${label}: mean ± sd`, color, opacity: BAND_OPACITY.inner, x, lo: pts.map((p) => p.mean - p.sd), hi: pts.map((p) => p.mean + p.sd) },
    { kind: 'errorbars', id: `${prefix}-mean`, label: `${label}: mean ± 2 SE`, color, x, y: pts.map((p) => p.mean), lo: pts.map((p) => p.mean - 2 * p.se), hi: pts.map((p) => p.mean + 2 * p.se) },
    { kind: 'line', id: `${prefix}-width-limit`, label: `${label}: n = ∞ at this L`, color, dash: '2 3', x, y: pts.map((p) => p.widthLimit) },
  ];
}

/** K̂_12 against n at depth L, with the width-∞ kernel at L and the L → ∞ limit. */
export function widthSweepPlot(block: SignatureViewBlock | undefined, share: boolean): XYPlotData {
  const series: XYSeries[] = [];
  if (block && block.width.n.length > 0) {
    series.push(...sweepSeries('width', share ? 'shared' : 'unshared', ROLE_COLOR.mc, block.width.n, block.width.points));
    series.push({ kind: 'hrule', id: 'limit', label: share ? 'PDE: n → ∞, then L → ∞' : 'ODE: n → ∞, then L → ∞', color: ROLE_COLOR.limit, y: share ? block.limits.pde : block.limits.ode });
  }
  return { title: 'Kernel of paths 1 and 2 against the width', xLabel: 'width n', yLabel: 'K̂(x_1, x_2)', xScale: 'log', yScale: 'linear', series, xTicks: block?.width.n, emptyText: 'Sampling the networks…' };
}

/** K̂_12 against L at width n, shared and unshared, with both limits. */
export function depthSweepPlot(block: SignatureViewBlock | undefined): XYPlotData {
  const series: XYSeries[] = [];
  if (block && block.depth.L.length > 0) {
    series.push(...sweepSeries('shared', 'shared', ROLE_COLOR.mc, block.depth.L, block.depth.shared));
    series.push(...sweepSeries('unshared', 'unshared', ROLE_COLOR.mcAlt, block.depth.L, block.depth.unshared));
    series.push({ kind: 'hrule', id: 'pde', label: 'PDE (shared): n → ∞, then L → ∞', color: ROLE_COLOR.limit, y: block.limits.pde });
    series.push({ kind: 'hrule', id: 'ode', label: 'ODE (unshared): n → ∞, then L → ∞', color: ROLE_COLOR.secondLimit, dash: '7 5', y: block.limits.ode });
  }
  return { title: 'Kernel of paths 1 and 2 against the depth, with and without weight sharing', xLabel: 'depth L (time steps)', yLabel: 'K̂(x_1, x_2)', xScale: 'log', yScale: 'linear', series, xTicks: block?.depth.L, emptyText: 'Sampling the networks…' };
}

/** The Gram matrices over every path: limit, width-∞ at L, MC mean (log colour; ≤ 0 shown grey). */
export function gramPlot(block: SignatureViewBlock | undefined, share: boolean): HeatmapsData {
  const P = block?.paths.length ?? 0;
  const idx = Array.from({ length: P }, (_, i) => i + 1);
  const map = (id: string, label: string, G: readonly (readonly number[])[] | undefined): HeatmapMap => ({
    id,
    label,
    values: idx.map((_, r) => idx.map((_, c) => G?.[r]?.[c] ?? NaN)),
    states: idx.map((_, r) => idx.map((_, c) => (G?.[r]?.[c] === undefined ? 'pending' : G[r][c] > 0 ? 'value' : 'none'))),
    titles: idx.map((_, r) => idx.map((_, c) => (G?.[r]?.[c] === undefined ? 'not computed yet' : `K(x_${r + 1}, x_${c + 1}) = ${formatValue(G[r][c], 4)}`))),
  });
  const maps = block ? [map('limit', share ? 'PDE limit' : 'ODE limit', block.gram.limit), map('width-limit', 'n = ∞ at this L', block.gram.widthLimit), map('mc', 'networks: mean', block.gram.mean.length ? block.gram.mean : undefined)] : [];
  const positive = maps.flatMap((m) => m.values.flat().filter((v) => v > 0));
  return {
    title: 'Gram matrix over the paths',
    xLabel: 'path',
    yLabel: 'path',
    columns: idx,
    rows: idx,
    maps,
    colorLabel: 'K(x_a, x_b)',
    colorDomain: positive.length ? [Math.min(...positive), Math.max(...positive)] : undefined,
    overlays: [],
    stateLabels: { pending: 'not computed yet', none: '≤ 0 (not on the log colour scale)' },
    limitStrips: false,
  };
}
