/**
 * Empirical-NTK-at-initialisation view data (issue 17 §4; Hanin & Nica 2019; docs/training.md §10):
 * Θ̂(x₀, x₀) of finite nets against the analytic NTK (mean ± 2 SE per cell) and its relative
 * variance Var Θ̂/(E Θ̂)² against L/n on log–log axes, the cells along n (fixed L) and along L
 * (fixed n) told apart. Selection and wording only.
 */
import type { NtkAtInitCell } from '../../../src/training/ntkAtInit.ts';
import type { SlopeFit } from '../../../src/training/powerLaw.ts';
import { OKABE_ITO, ROLE_COLOR } from '../../plots/theme.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { formatSlope } from './trainingLabels.ts';

/** Cells that vary one of n, L with the other fixed. */
export interface NtkInitLine {
  readonly along: 'n' | 'L';
  readonly cells: readonly NtkAtInitCell[];
  /** The engine's jackknife fit of log relVar against log n or log L. */
  readonly slope?: SlopeFit;
}

/** Mean Θ̂ ± 2 SE and the analytic Θ against what varies, one panel per line of cells. */
export function ntkMeanPlot(line: NtkInitLine | undefined): XYPlotData {
  const series: XYSeries[] = [];
  const along = line?.along ?? 'n';
  if (line && line.cells.length > 0) {
    const x = line.cells.map((c) => c[along]);
    series.push({ kind: 'line', id: 'analytic', label: 'analytic NTK Θ(x₀, x₀) (infinite width)', color: ROLE_COLOR.limit, x, y: line.cells.map((c) => c.analytic) });
    series.push({
      kind: 'errorbars',
      id: 'mean',
      label: `mean Θ̂ ± 2 SE over ${line.cells[0].samples.length} nets`,
      color: ROLE_COLOR.mc,
      x,
      y: line.cells.map((c) => c.mean),
      lo: line.cells.map((c) => c.mean - 2 * c.se),
      hi: line.cells.map((c) => c.mean + 2 * c.se),
    });
  }
  const fixed = line && line.cells.length > 0 ? (along === 'n' ? `L = ${line.cells[0].L}` : `n = ${line.cells[0].n}`) : '';
  return {
    title: `mean empirical NTK at initialisation against ${along === 'n' ? 'the width n' : 'the depth L'}${fixed ? ` at ${fixed}` : ''}, with the analytic NTK`,
    xLabel: along === 'n' ? `width n${fixed ? ` (${fixed})` : ''}` : `depth L${fixed ? ` (${fixed})` : ''}`,
    yLabel: 'Θ̂(x_{0}, x_{0})',
    xScale: 'log',
    yScale: 'linear',
    xTicks: line?.cells.map((c) => c[along]),
    series,
    emptyText: 'waiting for the networks…',
  };
}

/** The relative variance against L/n, log–log, both lines of cells, with their fitted slopes. */
export function ntkSpreadPlot(lines: readonly NtkInitLine[]): XYPlotData {
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  const colors = { n: OKABE_ITO.vermillion, L: OKABE_ITO.blue } as const;
  for (const line of lines) {
    if (line.cells.length === 0) continue;
    const x = line.cells.map((c) => c.L / c.n);
    const y = line.cells.map((c) => c.relVar);
    const fixed = line.along === 'n' ? `L = ${line.cells[0].L}, n varies` : `n = ${line.cells[0].n}, L varies`;
    const slope = line.slope ? `: slope in ${line.along} ${formatSlope(line.slope.slope, line.slope.se)}` : '';
    series.push({ kind: 'line', id: `spread-join-${line.along}`, label: fixed, color: colors[line.along], width: 1.5, x, y, legend: false });
    series.push({ kind: 'points', id: `spread-${line.along}`, label: `${fixed}${slope}`, color: colors[line.along], x, y });
  }
  const fits = lines.filter((l) => l.slope);
  if (fits.length > 0) notes.push({ id: 'slopes', text: fits.map((l) => `along ${l.along}: ${formatSlope(l.slope!.slope)}`).join(', '), corner: 'top-left' });
  return {
    title: 'relative variance of the empirical NTK at initialisation against L/n, log–log',
    xLabel: 'L/n (depth over width)',
    yLabel: 'Var Θ̂ / (E Θ̂)^{2} (log)',
    xScale: 'log',
    yScale: 'log',
    series,
    notes,
    emptyText: 'waiting for the networks…',
  };
}

/** The caption's data sentence: how far the mean is from Θ in standard errors, and how the spread scales. */
export function ntkInitSentence(lines: readonly NtkInitLine[]): string {
  const cells = lines.flatMap((l) => l.cells);
  if (cells.length === 0) return '';
  const worst = cells.reduce((a, c) => Math.max(a, Math.abs(c.mean - c.analytic) / c.se), 0);
  const slopes = lines
    .filter((l) => l.slope)
    .map((l) => (l.along === 'n' ? `against n (L fixed) the relative variance has slope ${formatSlope(l.slope!.slope, l.slope!.se)}` : `against L (n fixed) slope ${formatSlope(l.slope!.slope, l.slope!.se)}`));
  const spread = slopes.length > 0 ? ` ${slopes.join('; ')}.` : '';
  return `The mean of the nets is within ${(Math.ceil(worst * 10) / 10).toFixed(1)} standard errors of the analytic NTK in every cell (at finite width it may carry an $O(L/n)$ bias).${spread} For ReLU nets Hanin & Nica (2019) predict a relative variance $e^{cL/n}(1 + O(1/n)) - 1 \\approx cL/n$ while $L/n$ is small: slope −1 against n and +1 against L.`;
}
