/**
 * Hyperparameter-transfer view data (issue 17 §4; TP-V, TP-VI, Bordelon et al. 2023): the training
 * loss after T steps against log₂ η, one curve per width (SP vs µP) or per depth (unscaled vs
 * Depth-µP ResNets), each curve's loss-optimal η marked (lrTransfer.ts refinedArgmin), and how far
 * the optimum moves from the first curve to the last. Diverged runs (null) are gaps, and a curve
 * whose every η diverged has no optimum. Reads the `transfer` block (src/training/blocks.ts);
 * selection, interpolation for the marker and wording only.
 */
import type { TransferFamily } from '../../../src/training/blocks.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { OKABE_ITO } from '../../plots/theme.ts';
import { seriesColor } from './trainingLabels.ts';

/** What varies between the curves of a sweep. */
export type SweepAxis = 'n' | 'L';

/** The loss drawn at the optimum's marker: log-linear interpolation between the grid points around it. */
export function lossAt(log2Eta: readonly number[], loss: readonly (number | null)[], x: number): number {
  let i = 0;
  while (i < log2Eta.length - 2 && log2Eta[i + 1] < x) i++;
  const [x0, x1, y0, y1] = [log2Eta[i], log2Eta[i + 1], loss[i], loss[i + 1]];
  if (y0 === null || y1 === null) return y0 ?? y1 ?? Number.NaN;
  const u = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return Math.exp((1 - u) * Math.log(y0) + u * Math.log(y1));
}

/** How far the optimum moved from the first curve to the last: a factor ≥ 1 and its direction, or why there is none. */
export interface Drift {
  readonly factor?: number;
  readonly direction?: 'up' | 'down' | 'nowhere';
  readonly from?: number;
  readonly to?: number;
  readonly reason?: string;
  /**
   * An end curve's optimum sits on the first or last grid point, where the parabola cannot be
   * refined (lrTransfer.ts refinedArgmin): the true optimum may lie beyond, so the factor is a
   * lower bound.
   */
  readonly atEdge?: boolean;
}

/** `log2Eta`: the grid, to tell an optimum at its edge (the factor is then a lower bound). */
export function optimumDrift(f: TransferFamily, log2Eta: readonly number[] = []): Drift {
  if (f.curves.length < 2) return { reason: 'it needs two curves' };
  const first = f.curves[0];
  const last = f.curves[f.curves.length - 1];
  const base = { from: first.value, to: last.value };
  const missing = [first, last].filter((c) => c.bestLog2Eta === null);
  if (missing.length > 0) return { ...base, reason: `every learning rate diverged at ${missing.map((c) => c.value).join(' and ')}` };
  const d = last.bestLog2Eta! - first.bestLog2Eta!;
  const edges = log2Eta.length > 0 ? [log2Eta[0], log2Eta[log2Eta.length - 1]] : [];
  // The block flags a least loss at an end of the grid (atGridEdge); an optimum on an end point is one too.
  const atEdge = [first, last].some((c) => c.atGridEdge || edges.includes(c.bestLog2Eta!));
  return { ...base, factor: 2 ** Math.abs(d), direction: d > 0 ? 'up' : d < 0 ? 'down' : 'nowhere', ...(atEdge ? { atEdge } : {}) };
}

/** "1.03×", "7.9×", "12×". */
export function formatFactor(f: number): string {
  return f < 10 ? `${Number(f.toPrecision(f < 1.1 ? 3 : 2))}×` : `${Math.round(f)}×`;
}

/** "µP: the optimum moves 1.03× (to larger η) from n = 64 to 1024"; "at least …" when an end optimum is at the grid's edge. */
export function driftPhrase(f: TransferFamily, axis: SweepAxis, log2Eta: readonly number[] = []): string {
  const d = optimumDrift(f, log2Eta);
  if (d.factor === undefined) return `${f.label}: no optimum to compare (${d.reason})`;
  const dir = d.direction === 'nowhere' ? '' : ` (${d.direction === 'up' ? 'to larger η' : 'to smaller η'})`;
  if (d.atEdge && d.direction === 'nowhere') return `${f.label}: the optimum sits at the grid's edge at ${axis} = ${d.from} and ${d.to}: widen the grid to compare`;
  const bound = d.atEdge ? 'at least ' : '';
  const edge = d.atEdge ? ' (an optimum at the edge of the η grid: it may lie beyond)' : '';
  return `${f.label}: the optimum moves ${bound}${formatFactor(d.factor)}${dir} from ${axis} = ${d.from} to ${d.to}${edge}`;
}

/** One family: loss against log₂ η per curve, optima marked, the drift written in the plot. */
export function transferPlot(log2Eta: readonly number[], family: TransferFamily | undefined, axis: SweepAxis, steps: number, average = Math.ceil(steps / 2)): XYPlotData {
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  const name = family?.label ?? '';
  if (family && family.curves.length > 0) {
    family.curves.forEach((c, i) => {
      const label = `${axis} = ${c.value}`;
      series.push({ kind: 'line', id: `loss-${axis}${c.value}`, label, color: seriesColor(i), x: log2Eta, y: c.loss.map((v) => v ?? Number.NaN), endLabel: label });
    });
    const best = family.curves.filter((c) => c.bestLog2Eta !== null);
    if (best.length > 0) {
      series.push({
        kind: 'points',
        id: 'optimum',
        label: 'loss-optimal η of each curve',
        color: OKABE_ITO.black,
        x: best.map((c) => c.bestLog2Eta!),
        y: best.map((c) => lossAt(log2Eta, c.loss, c.bestLog2Eta!)),
      });
    }
    const diverged = family.curves.reduce((a, c) => a + c.loss.filter((v) => v === null).length, 0);
    notes.push({ id: 'drift', text: driftPhrase(family, axis, log2Eta), corner: 'top-left' });
    if (diverged > 0) notes.push({ id: 'diverged', text: `${diverged} run${diverged === 1 ? '' : 's'} diverged (gaps)`, corner: 'bottom-left' });
  }
  return {
    title: `${name}: training loss after ${steps} steps against log₂ of the learning rate, one curve per ${axis === 'n' ? 'width' : 'depth'}, the optimum of each marked`,
    xLabel: 'log₂ of the learning rate η',
    yLabel: `loss, mean of the last ${average} steps (log)`,
    xScale: 'linear',
    yScale: 'log',
    xTicks: log2Eta,
    series,
    notes,
    emptyText: 'waiting for the learning-rate sweep…',
  };
}

/**
 * The optimum's drift in one plot: log₂ η* against the width (or depth), one series per family —
 * flat where the learning rate transfers. The predict-then-reveal round of the transfer lesson
 * places its guess here (training/predictionTargets.ts).
 */
export function optimaPlot(log2Eta: readonly number[], families: readonly TransferFamily[], axis: SweepAxis, planned: readonly number[]): XYPlotData {
  const series: XYSeries[] = [];
  const values = families.find((f) => f.curves.length > 0)?.curves.map((c) => c.value) ?? [...planned];
  families.forEach((f, i) => {
    const best = f.curves.filter((c) => c.bestLog2Eta !== null);
    if (best.length === 0) return;
    const x = best.map((c) => c.value);
    const y = best.map((c) => c.bestLog2Eta!);
    const color = seriesColor(i);
    series.push({ kind: 'line', id: `optima-join-${f.id}`, label: f.label, color, width: 1.5, x, y, legend: false });
    series.push({ kind: 'points', id: `optima-${f.id}`, label: f.curves.length >= 2 ? `${f.label}: ${driftPhrase(f, axis, log2Eta).slice(f.label.length + 2)}` : f.label, color, x, y });
  });
  const lo = log2Eta.length > 0 ? log2Eta[0] : undefined;
  const hi = log2Eta.length > 0 ? log2Eta[log2Eta.length - 1] : undefined;
  return {
    title: `log₂ of the loss-optimal learning rate against the ${axis === 'n' ? 'width' : 'depth'}, one series per ${axis === 'n' ? 'parametrisation' : 'branch scaling'}: flat where the learning rate transfers`,
    xLabel: axis === 'n' ? 'width n (neurons per layer)' : 'depth L (residual blocks)',
    yLabel: 'log₂ η* (loss-optimal)',
    xScale: 'log',
    yScale: 'linear',
    xTicks: values,
    xDomain: values.length > 0 ? [values[0] / 1.3, values[values.length - 1] * 1.3] : undefined,
    yDomain: lo !== undefined && hi !== undefined ? [lo - 0.5, hi + 0.5] : undefined,
    series,
    emptyText: 'waiting for the learning-rate sweep…',
  };
}
