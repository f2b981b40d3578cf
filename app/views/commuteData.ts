/**
 * The commutation map (view=commute): the engine's CommuteBlock as three heatmaps on the log grid
 * (x: width n, y: depth L) with one shared log colour scale, the three routes to infinity drawn over
 * them, and the cross-section along the proportional route. Cells the Worker has not reached yet are
 * NaN in the block and hatched here. Selection, layout and labels only: no physics.
 */
import * as d3 from 'd3';
import type { CommuteStat, Observable, Spec } from '../../src/core/spec.ts';
import { COMMUTE_VARIANTS, powerGrid, type CommuteBlock } from '../../src/experiments/commuteMap.ts';
import type { CellState, GridOverlay, HeatmapMap, HeatmapsData } from '../plots/heatmapTypes.ts';
import { OKABE_ITO } from '../plots/theme.ts';
import type { XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount, formatValue } from './labels.ts';

/** The observable, as rich text, and its units. */
export const OBSERVABLE_LABEL: Record<Observable, { x: string; limit: string; units: string; name: string }> = {
  rho: { x: 'ρ̂_{L}', limit: 'ρ^{∞}_{L}', units: 'dimensionless', name: 'correlation ρ̂_{L}' },
  logq: { x: 'log q̂_{L}', limit: 'log q^{∞}_{L}', units: 'natural-log units', name: 'log squared length log q̂_{L}' },
};

/** The distance, as rich text (the engine's statLabel says the same in one line). */
export function distanceLabel(stat: CommuteStat, obs: Observable): string {
  const { x, limit } = OBSERVABLE_LABEL[obs];
  if (stat === 'w1') return `E|${x} − ${limit}|`;
  if (stat === 'mean') return `|E ${x} − ${limit}|`;
  return `sd(${x})`;
}

export function distanceTex(stat: CommuteStat, obs: Observable): string {
  const x = obs === 'rho' ? '\\hat\\rho_{n,L}' : '\\log\\hat q_{n,L}';
  const lim = obs === 'rho' ? '\\rho^{\\infty}_{L}' : '\\log q^{\\infty}_{L}';
  if (stat === 'w1') return `d(n,L) = W_1\\big(\\mathrm{law}(${x}),\\,\\delta_{${lim}}\\big) = \\mathbb{E}\\,\\big|${x} - ${lim}\\big|`;
  if (stat === 'mean') return `d(n,L) = \\big|\\mathbb{E}\\,${x} - ${lim}\\big|`;
  return `d(n,L) = \\operatorname{sd}\\big(${x}\\big)`;
}

export interface CommuteGrid {
  readonly n: number[];
  readonly L: number[];
}

/** The grid of the spec (known before any cell is computed: the empty map is drawn at once). */
export function commuteGrid(spec: Pick<Spec, 'nmin' | 'nmax' | 'Lmin' | 'Lmax'>): CommuteGrid {
  return { n: powerGrid(spec.nmin, spec.nmax), L: powerGrid(spec.Lmin, spec.Lmax) };
}

function cellState(value: number, finite: number): CellState {
  if (Number.isFinite(value)) return 'value';
  return Number.isFinite(finite) ? 'none' : 'pending';
}

/** Smallest and largest positive computed value over every map (one colour scale for all three). */
export function sharedColorDomain(maps: readonly HeatmapMap[]): [number, number] | undefined {
  const values: number[] = [];
  for (const m of maps) m.values.forEach((row, r) => row.forEach((v, c) => m.states[r][c] === 'value' && v > 0 && values.push(v)));
  const [lo, hi] = d3.extent(values);
  if (lo === undefined || hi === undefined) return undefined;
  return hi / lo < 1.5 ? [lo / 1.25, hi * 1.25] : [lo, hi];
}

/** The proportional route L = c·n through the grid corners: its slope c and index offset (row = column + offset). */
export function proportionalRoute(grid: CommuteGrid): { c: number; offset: number } {
  const C = grid.n.length;
  const R = grid.L.length;
  return { c: grid.L[R - 1] / grid.n[C - 1], offset: R - C };
}

export const ROUTE_COLOR = { widthFirst: OKABE_ITO.vermillion, depthFirst: OKABE_ITO.black, proportional: OKABE_ITO.purple } as const;

/**
 * The three ways to infinity in grid-index space (column C is the "n = ∞" strip, row R "L = ∞"):
 * width first along a row then up the ∞ strip, depth first up a column then along the top strip,
 * and the diagonal L = c·n into the corner.
 */
export function routes(grid: CommuteGrid): GridOverlay[] {
  const C = grid.n.length;
  const R = grid.L.length;
  const row = Math.floor(R / 2);
  const col = Math.floor(C / 4);
  const { c, offset } = proportionalRoute(grid);
  const c0 = Math.max(-0.35, -0.35 - offset);
  const c1 = Math.min(C - 0.5, R - 0.5 - offset);
  const diagonal: [number, number][] = c1 > c0 ? [[c0, c0 + offset], [c1, c1 + offset], [C, R]] : [[C - 0.5, R - 0.5], [C, R]];
  return [
    { id: 'width-first', label: `width first: n → ∞ at L = ${formatCount(grid.L[row])}, then L → ∞`, color: ROUTE_COLOR.widthFirst, legs: [[[-0.35, row], [C, row]], [[C, row], [C, R]]] },
    { id: 'depth-first', label: `depth first: L → ∞ at n = ${formatCount(grid.n[col])}, then n → ∞`, color: ROUTE_COLOR.depthFirst, dash: '8 5', legs: [[[col, -0.35], [col, R]], [[col, R], [C, R]]] },
    { id: 'proportional', label: `proportional: L = c·n → ∞, c = ${formatValue(c, 3)}`, color: ROUTE_COLOR.proportional, dash: '2 6', legs: [diagonal] },
  ];
}

export function commuteHeatmaps(spec: Spec, block: CommuteBlock | undefined): HeatmapsData {
  const grid: CommuteGrid = block ? { n: block.n, L: block.L } : commuteGrid(spec);
  const stat = block?.stat ?? spec.stat;
  const obs = block?.obs ?? spec.obs;
  const maps: HeatmapMap[] = (block?.variants ?? COMMUTE_VARIANTS.map((v) => ({ ...v, cells: undefined }))).map((v) => {
    const states = grid.L.map((_, r) => grid.n.map((_, c) => (v.cells ? cellState(v.cells.value[r][c], v.cells.finite[r][c]) : 'pending')));
    const values = grid.L.map((_, r) => grid.n.map((_, c) => v.cells?.value[r][c] ?? NaN));
    const titles = grid.L.map((L, r) =>
      grid.n.map((n, c) => {
        const where = `${v.label}, n = ${n}, L = ${L}: `;
        if (states[r][c] === 'pending') return `${where}not computed yet`;
        if (states[r][c] === 'none') return `${where}no network gave a finite value`;
        return `${where}${formatValue(values[r][c], 3)} (${formatValue(v.cells!.finite[r][c])} finite of ${formatCount(block!.M)} networks)`;
      }),
    );
    return { id: v.id, label: v.label.replace('L^−1/2', 'L^{−1/2}'), values, states, titles };
  });
  const label = distanceLabel(stat, obs);
  return {
    title: `commutation map: ${label} between the finite-network law and the width-first limit, over width n and depth L, for ${maps.map((m) => m.label).join(', ')}`,
    xLabel: 'width n (log₂ grid)',
    yLabel: 'depth L (log₂ grid)',
    columns: grid.n,
    rows: grid.L,
    maps,
    colorLabel: `${label} (${OBSERVABLE_LABEL[obs].units})`,
    colorDomain: sharedColorDomain(maps),
    overlays: routes(grid),
    stateLabels: { pending: 'not computed yet', none: 'no finite sample' },
  };
}

const VARIANT_COLOR: Record<string, string> = { mlp: OKABE_ITO.vermillion, 'resnet-sqrt': OKABE_ITO.blue, 'resnet-unscaled': OKABE_ITO.orange };

/** The distance along the proportional route L = c·n, against n (log–log), one series per network. */
export function proportionalPlot(spec: Spec, block: CommuteBlock | undefined): XYPlotData {
  const heat = commuteHeatmaps(spec, block);
  const grid = { n: heat.columns as number[], L: heat.rows as number[] };
  const { c, offset } = proportionalRoute(grid);
  const cells = grid.n.map((n, col) => ({ n, col, row: col + offset })).filter((p) => p.row >= 0 && p.row < grid.L.length);
  const series: XYSeries[] = [];
  for (const m of heat.maps) {
    const x = cells.map((p) => p.n);
    const y = cells.map((p) => (m.states[p.row][p.col] === 'value' ? m.values[p.row][p.col] : NaN));
    const color = VARIANT_COLOR[m.id] ?? OKABE_ITO.black;
    series.push({ kind: 'line', id: `route-${m.id}`, label: m.label, legend: false, color, x, y, width: 2 });
    series.push({ kind: 'points', id: `cells-${m.id}`, label: m.label, color, x, y });
  }
  // A guide ∝ n^{−1/2} through the last computed cell of the 1/√L ResNet (fluctuations at any L/n).
  const sqrt = heat.maps.find((m) => m.id === 'resnet-sqrt');
  const last = sqrt ? [...cells].reverse().find((p) => sqrt.states[p.row][p.col] === 'value' && sqrt.values[p.row][p.col] > 0) : undefined;
  if (sqrt && last) {
    const y0 = sqrt.values[last.row][last.col];
    series.unshift({ kind: 'line', id: 'guide-half', label: '∝ n^{−1/2}', color: '#6b7280', dash: '2 5', width: 2, x: cells.map((p) => p.n), y: cells.map((p) => y0 * Math.sqrt(last.n / p.n)) });
  }
  const ticks = cells.map((p) => p.n);
  return {
    title: `${distanceLabel(block?.stat ?? spec.stat, block?.obs ?? spec.obs)} along the proportional route L = ${formatValue(c, 3)}·n, against n, for the three networks`,
    xLabel: `width n, with depth L = ${formatValue(c, 3)}·n`,
    yLabel: `${distanceLabel(block?.stat ?? spec.stat, block?.obs ?? spec.obs)} (log scale)`,
    xScale: 'log',
    yScale: 'log',
    xTicks: ticks,
    xDomain: ticks.length > 0 ? [ticks[0] / 1.3, ticks[ticks.length - 1] * 1.3] : undefined,
    series,
    emptyText: 'waiting for the cells on the diagonal…',
  };
}
