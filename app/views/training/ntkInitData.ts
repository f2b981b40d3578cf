/**
 * Empirical-NTK-at-initialisation view data (issue 17 §4; Hanin & Nica 2019; docs/training.md §10):
 * Θ̂(x₀, x₀) of finite nets against the analytic NTK (mean ± 2 SE per cell, one series per depth
 * against the width) and its relative variance Var Θ̂/(E Θ̂)² against L/n on log–log axes (one
 * series per depth), with the fitted slopes along n and along L. Reads the `ntkinit` block
 * (src/training/blocks.ts); selection and wording only.
 */
import type { NtkInitBlock, NtkInitCellJson } from '../../../src/training/blocks.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { WIDTH_AXIS } from '../labels.ts';
import { formatExponent, formatSlope, seriesColor, widthAxis } from './trainingLabels.ts';

/** The finished cells of each depth, in width order. */
export function cellsByDepth(block: NtkInitBlock): { L: number; cells: NtkInitCellJson[] }[] {
  return block.depths.map((L) => ({ L, cells: block.cells.filter((c) => c.L === L).sort((a, b) => a.n - b.n) })).filter((g) => g.cells.length > 0);
}

/** Mean Θ̂ ± 2 SE against the width, one series per depth, each with its analytic Θ (solid). */
export function ntkMeanPlot(block: NtkInitBlock | undefined, plannedWidths: readonly number[]): XYPlotData {
  const series: XYSeries[] = [];
  const widths = block && block.widths.length > 0 ? block.widths : [...plannedWidths];
  if (block) {
    cellsByDepth(block).forEach(({ L, cells }, i) => {
      const color = seriesColor(i);
      const x = cells.map((c) => c.n);
      series.push({ kind: 'line', id: `analytic-L${L}`, label: `analytic Θ, L = ${L}`, color, x, y: cells.map((c) => c.analytic), legend: false, endLabel: `L = ${L}` });
      series.push({
        kind: 'errorbars',
        id: `mean-L${L}`,
        label: `L = ${L}: mean empirical NTK ± 2 SE (solid: analytic)`,
        color,
        x,
        y: cells.map((c) => c.mean),
        lo: cells.map((c) => c.mean - 2 * c.se),
        hi: cells.map((c) => c.mean + 2 * c.se),
      });
    });
  }
  return {
    title: 'mean empirical NTK at initialisation against the width, one series per depth, with the analytic NTK of each depth',
    xLabel: WIDTH_AXIS,
    yLabel: 'empirical NTK Θ̂(x_{0}, x_{0})',
    xScale: 'log',
    yScale: 'linear',
    ...widthAxis(widths),
    series,
    emptyText: 'waiting for the networks…',
  };
}

/** The relative variance against L/n, log–log, one series per depth, with the fitted slopes. */
export function ntkSpreadPlot(block: NtkInitBlock | undefined): XYPlotData {
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (block) {
    cellsByDepth(block).forEach(({ L, cells }, i) => {
      const color = seriesColor(i);
      const x = cells.map((c) => c.L / c.n);
      const y = cells.map((c) => c.relVar);
      const fit = block.slopes.alongN.find((s) => s.L === L)?.fit;
      series.push({ kind: 'line', id: `spread-join-L${L}`, label: `L = ${L}`, color, width: 1.5, x, y, legend: false });
      series.push({ kind: 'points', id: `spread-L${L}`, label: `L = ${L}${fit ? `: slope in n ${formatSlope(fit.slope, fit.se)}` : ''}`, color, x, y });
    });
    const along = block.slopes.alongL.map((s) => `n = ${s.n}: ${formatSlope(s.fit.slope)}`);
    if (along.length > 0) notes.push({ id: 'slopes-L', text: `slopes in L: ${along.join(', ')}`, corner: 'top-left' });
  }
  return {
    title: 'relative variance of the empirical NTK at initialisation against L/n, log–log, one series per depth',
    xLabel: 'L/n (depth over width)',
    yLabel: 'Var Θ̂ / (E Θ̂)^{2} (log)',
    xScale: 'log',
    yScale: 'log',
    series,
    notes,
    emptyText: 'waiting for the networks…',
  };
}

/** The caption's data sentence: how far the mean is from Θ in standard errors, and the fitted slopes against the theory's. */
export function ntkInitSentence(block: NtkInitBlock): string {
  if (block.cells.length === 0) return '';
  const worst = block.cells.reduce((a, c) => Math.max(a, Math.abs(c.mean - c.analytic) / c.se), 0);
  // Rounded up to one decimal (less 1e−9 so that 1.5000000001 from rounding reads 1.5).
  const bound = (Math.ceil(worst * 10 - 1e-9) / 10).toFixed(1);
  const mean = `Over ${block.cells.length} cells of M = ${block.M} nets, the mean Θ̂ is within ${bound} standard errors of the analytic NTK in every cell (at finite width it may carry an $O(L/n)$ bias).`;
  const n = block.slopes.alongN.map((s) => `${formatSlope(s.fit.slope, s.fit.se)} at L = ${s.L}`);
  const L = block.slopes.alongL.map((s) => `${formatSlope(s.fit.slope, s.fit.se)} at n = ${s.n}`);
  // Hanin & Nica's law is proved for ReLU nets: for another φ the slopes are shown without a theory.
  const relu = block.act === 'relu';
  const th = (e: number, more = '') => (relu ? ` (Hanin & Nica, ReLU: ${formatExponent(e)}${more})` : '');
  const fits = [n.length > 0 ? ` Slope of the relative variance against n: ${n.join(', ')}${th(block.theory.alongN)}.` : '', L.length > 0 ? ` Against L: ${L.join(', ')}${th(block.theory.alongL, ' or more')}.` : ''].join('');
  const condition = relu ? '' : ` Hanin & Nica's law $e^{cL/n} - 1$ is for ReLU nets; this is φ = ${block.act}.`;
  return `${mean}${fits}${condition}`;
}
