/**
 * Hyperparameter-transfer view data (issue 17 §4; TP-V, TP-VI, Bordelon et al. 2023): the training
 * loss after T steps against log₂ η, one curve per width (SP vs µP) or per depth (unscaled vs
 * Depth-µP ResNets), each curve's loss-optimal η marked (lrTransfer.ts refinedArgmin), and how far
 * the optimum moves from the first curve to the last. Diverged runs (+∞) are gaps, and a curve
 * whose every η diverged has no optimum. Selection, interpolation for the marker and wording only.
 */
import type { SweepCurve, SweepResult } from '../../../src/training/lrTransfer.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { OKABE_ITO } from '../../plots/theme.ts';
import { seriesColor } from './trainingLabels.ts';

/** What varies between the curves of a sweep. */
export type SweepAxis = 'n' | 'L';

/** The loss drawn at the optimum's marker: log-linear interpolation between the grid points around it. */
export function lossAt(log2Eta: readonly number[], loss: readonly number[], x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  let i = 0;
  while (i < log2Eta.length - 2 && log2Eta[i + 1] < x) i++;
  const [x0, x1, y0, y1] = [log2Eta[i], log2Eta[i + 1], loss[i], loss[i + 1]];
  if (!(Number.isFinite(y0) && Number.isFinite(y1))) return Number.isFinite(y0) ? y0 : y1;
  const u = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return Math.exp((1 - u) * Math.log(y0) + u * Math.log(y1));
}

/** How far the optimum moved from the first curve to the last: a factor ≥ 1 and its direction, or why there is none. */
export interface Drift {
  readonly factor?: number;
  readonly direction?: 'up' | 'down' | 'nowhere';
  readonly from: number;
  readonly to: number;
  readonly reason?: string;
}

export function optimumDrift(sweep: SweepResult): Drift {
  const first = sweep.curves[0];
  const last = sweep.curves[sweep.curves.length - 1];
  const base = { from: first.value, to: last.value };
  const missing = [first, last].filter((c) => !Number.isFinite(c.bestLog2Eta));
  if (missing.length > 0) return { ...base, reason: `every learning rate diverged at ${missing.map((c) => c.value).join(' and ')}` };
  const d = last.bestLog2Eta - first.bestLog2Eta;
  return { ...base, factor: 2 ** Math.abs(d), direction: d > 0 ? 'up' : d < 0 ? 'down' : 'nowhere' };
}

/** "1.03×", "7.9×": two significant digits below 10. */
export function formatFactor(f: number): string {
  return f < 10 ? `${Number(f.toPrecision(f < 1.1 ? 3 : 2))}×` : `${Math.round(f)}×`;
}

/** "µP: the optimum moves 1.03× (up) from n = 64 to 1024". */
export function driftPhrase(name: string, axis: SweepAxis, sweep: SweepResult): string {
  const d = optimumDrift(sweep);
  if (d.factor === undefined) return `${name}: no optimum to compare (${d.reason})`;
  const dir = d.direction === 'nowhere' ? '' : ` (${d.direction === 'up' ? 'to larger η' : 'to smaller η'})`;
  return `${name}: the optimum moves ${formatFactor(d.factor)}${dir} from ${axis} = ${d.from} to ${d.to}`;
}

function curveLabel(axis: SweepAxis, c: SweepCurve): string {
  return `${axis} = ${c.value}`;
}

/** One sweep: loss against log₂ η per curve, optima marked, the drift written in the plot. */
/** `average`: how many final steps' losses a point is the mean of (lrTransfer.ts; default half the run). */
export function transferPlot(sweep: SweepResult | undefined, name: string, axis: SweepAxis, steps: number, average = Math.ceil(steps / 2)): XYPlotData {
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (sweep) {
    const x = sweep.log2Eta;
    sweep.curves.forEach((c, i) => {
      const color = seriesColor(i);
      const y = c.loss.map((v) => (Number.isFinite(v) ? v : Number.NaN));
      series.push({ kind: 'line', id: `loss-${axis}${c.value}`, label: curveLabel(axis, c), color, x, y, endLabel: curveLabel(axis, c) });
    });
    const best = sweep.curves.filter((c) => Number.isFinite(c.bestLog2Eta));
    if (best.length > 0) {
      series.push({
        kind: 'points',
        id: 'optimum',
        label: 'loss-optimal η of each curve',
        color: OKABE_ITO.black,
        x: best.map((c) => c.bestLog2Eta),
        y: best.map((c) => lossAt(x, c.loss, c.bestLog2Eta)),
      });
    }
    const diverged = sweep.curves.reduce((a, c) => a + c.loss.filter((v) => !Number.isFinite(v)).length, 0);
    notes.push({ id: 'drift', text: driftPhrase(name, axis, sweep), corner: 'top-left' });
    if (diverged > 0) notes.push({ id: 'diverged', text: `${diverged} run${diverged === 1 ? '' : 's'} diverged (gaps)`, corner: 'bottom-left' });
  }
  return {
    title: `${name}: training loss after ${steps} steps against log₂ of the learning rate, one curve per ${axis === 'n' ? 'width' : 'depth'}, the optimum of each marked`,
    xLabel: 'learning rate η (log₂ η)',
    yLabel: `${name}: loss, mean of the last ${average} steps (log)`,
    xScale: 'linear',
    yScale: 'log',
    xTicks: sweep?.log2Eta,
    series,
    notes,
    emptyText: 'waiting for the learning-rate sweep…',
  };
}
