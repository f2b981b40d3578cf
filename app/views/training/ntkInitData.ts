/**
 * Empirical-NTK-at-initialisation view data (issue 17 §4; Hanin & Nica 2019; docs/training.md §10):
 * Θ̂(x₀, x₀) of finite nets against the analytic NTK — mean ± 2 SE along the widths (at a fixed
 * depth) and along the depths (at a fixed width) — and its relative variance Var Θ̂/(E Θ̂)² against
 * L/n on log–log axes, both lines, with their fitted slopes. Reads the `ntkinit` block
 * (src/training/blocks.ts); selection and wording only.
 */
import type { NtkInitBlock, NtkInitCellJson } from '../../../src/training/blocks.ts';
import { OKABE_ITO, ROLE_COLOR } from '../../plots/theme.ts';
import type { XYPlotData, XYSeries } from '../../plots/types.ts';
import { WIDTH_AXIS } from '../labels.ts';
import { formatExponent, formatSlope } from './trainingLabels.ts';

export type NtkInitAxis = 'n' | 'L';

/** The line of cells along an axis, its fixed value and its planned values. */
function lineOf(block: NtkInitBlock, along: NtkInitAxis): { cells: readonly NtkInitCellJson[]; fixed: string; values: readonly number[] } {
  return along === 'n'
    ? { cells: block.alongN.cells, fixed: `L = ${block.alongN.L}`, values: block.alongN.widths }
    : { cells: block.alongL.cells, fixed: `n = ${block.alongL.n}`, values: block.alongL.depths };
}

/** Mean Θ̂ ± 2 SE and the analytic Θ along the widths (fixed depth) or the depths (fixed width). */
export function ntkMeanPlot(block: NtkInitBlock | undefined, along: NtkInitAxis, planned: readonly number[]): XYPlotData {
  const series: XYSeries[] = [];
  const line = block ? lineOf(block, along) : undefined;
  const values = line && line.values.length > 0 ? line.values : planned;
  if (line && line.cells.length > 0) {
    const x = line.cells.map((c) => c[along]);
    series.push({ kind: 'line', id: 'analytic', label: 'analytic NTK Θ(x₀, x₀) (infinite width)', color: ROLE_COLOR.limit, x, y: line.cells.map((c) => c.analytic) });
    series.push({
      kind: 'errorbars',
      id: 'mean',
      label: `mean empirical NTK ± 2 SE over M = ${block!.M} nets`,
      color: ROLE_COLOR.mc,
      x,
      y: line.cells.map((c) => c.mean),
      lo: line.cells.map((c) => c.mean - 2 * c.se),
      hi: line.cells.map((c) => c.mean + 2 * c.se),
    });
  }
  const fixed = line ? ` (${line.fixed})` : '';
  return {
    title: `mean empirical NTK at initialisation against ${along === 'n' ? 'the width' : 'the depth'}${fixed}, with the analytic NTK`,
    xLabel: along === 'n' ? `${WIDTH_AXIS}${fixed}` : `depth L (hidden layers)${fixed}`,
    yLabel: 'empirical NTK at x_{0}',
    xScale: 'log',
    yScale: 'linear',
    xTicks: values,
    xDomain: values.length > 0 ? [values[0] / 1.3, values[values.length - 1] * 1.3] : undefined,
    series,
    emptyText: 'waiting for the networks…',
  };
}

/** The relative variance against L/n, log–log, both lines, with their fitted slopes in the legend. */
export function ntkSpreadPlot(block: NtkInitBlock | undefined): XYPlotData {
  const series: XYSeries[] = [];
  if (block) {
    for (const along of ['n', 'L'] as const) {
      const line = lineOf(block, along);
      if (line.cells.length === 0) continue;
      const fit = (along === 'n' ? block.alongN : block.alongL).relVarSlope;
      const color = along === 'n' ? OKABE_ITO.vermillion : OKABE_ITO.blue;
      const x = line.cells.map((c) => c.L / c.n);
      const y = line.cells.map((c) => c.relVar);
      const label = `${line.fixed}, ${along === 'n' ? 'n' : 'L'} varies${fit ? `: slope in ${along} ${formatSlope(fit.slope, fit.se)}` : ''}`;
      series.push({ kind: 'line', id: `spread-join-${along}`, label, color, width: 1.5, x, y, legend: false });
      series.push({ kind: 'points', id: `spread-${along}`, label, color, x, y });
    }
  }
  return {
    title: 'relative variance of the empirical NTK at initialisation against L/n, log–log, along the widths and along the depths',
    xLabel: 'L/n (depth over width)',
    yLabel: 'Var Θ̂ / (E Θ̂)^{2} (log)',
    xScale: 'log',
    yScale: 'log',
    series,
    emptyText: 'waiting for the networks…',
  };
}

/** The caption's data sentence: how far the mean is from Θ in standard errors, and the fitted slopes against the theory's. */
export function ntkInitSentence(block: NtkInitBlock): string {
  const cells = [...block.alongN.cells, ...block.alongL.cells];
  if (cells.length === 0) return '';
  const worst = cells.reduce((a, c) => Math.max(a, Math.abs(c.mean - c.analytic) / c.se), 0);
  // Rounded up to one decimal (less 1e−9 so that 1.5000000001 from rounding reads 1.5).
  const bound = (Math.ceil(worst * 10 - 1e-9) / 10).toFixed(1);
  const mean = `Over ${cells.length} cells of M = ${block.M} nets, the mean empirical NTK is within ${bound} standard errors of the analytic NTK in every cell (at finite width it may carry an $O(L/n)$ bias).`;
  // Hanin & Nica's law is proved for ReLU nets: for another φ the slopes are shown without a theory.
  const relu = block.act === 'relu';
  const th = (e: number, more = '') => (relu ? ` (Hanin & Nica, ReLU: ${formatExponent(e)}${more})` : '');
  const n = block.alongN.relVarSlope;
  const L = block.alongL.relVarSlope;
  const fits = [
    n ? ` The relative variance against n at L = ${block.alongN.L}: slope ${formatSlope(n.slope, n.se)}${th(block.theory.alongN)}.` : '',
    L ? ` Against L at n = ${block.alongL.n}: slope ${formatSlope(L.slope, L.se)}${th(block.theory.alongL, ' or more')}.` : '',
  ].join('');
  const condition = relu ? '' : ` Hanin & Nica's law $e^{cL/n} - 1$ is for ReLU nets; this is φ = ${block.act}.`;
  return `${mean}${fits}${condition}`;
}
