/**
 * Kernel and feature movement view data (issue 17 §4; docs/training.md §6): after T steps on the
 * fixed batch, ‖Θ_T − Θ_0‖_F/‖Θ_0‖_F of the lr-weighted empirical NTK and ‖ΔW^l‖₂/‖W^l(0)‖₂ per
 * layer, against the width on log–log axes, with the engine's fitted slopes and the theory's
 * exponents (exponents.ts movementExponents: first order in η, and at a fixed finite η for the
 * kernel). Selection and wording only.
 */
import type { MovementParam, MovementResult } from '../../../src/training/movement.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { WIDTH_AXIS } from '../labels.ts';
import { formatExponent, formatSlope, PARAM_SHORT, powerGuide, seriesColor, widthAxis } from './trainingLabels.ts';

/** W^{1} (input), W^{2}…W^{L} (hidden), W^{L+1} (readout), as rich text. */
export function weightLabel(i: number, count: number): string {
  const role = i === 0 ? 'input' : i === count - 1 ? 'readout' : 'hidden';
  return `W^{${i + 1}} (${role})`;
}

function theoryOf(p: MovementParam) {
  return 'reason' in p.theory ? undefined : p.theory;
}

/** The kernel's movement against the width: one series per parametrisation, slopes and theory in the legend. */
export function kernelMovementPlot(result: MovementResult | undefined, plannedWidths: readonly number[]): XYPlotData {
  const widths = result ? [...result.widths] : [...plannedWidths];
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (result) {
    result.params.forEach((p, i) => {
      const th = theoryOf(p);
      const color = seriesColor(i);
      const theory = th ? ` (theory ${formatExponent(th.kernel)} to first order in η, ${formatExponent(th.kernelFiniteEta)} at finite η)` : '';
      series.push({ kind: 'line', id: `kernel-join-${p.param}`, label: PARAM_SHORT[p.param], color, width: 1.5, x: widths, y: p.kernel, legend: false });
      series.push({ kind: 'points', id: `kernel-${p.param}`, label: `${PARAM_SHORT[p.param]}: slope ${formatSlope(p.kernelSlope.slope)}${theory}`, color, x: widths, y: p.kernel });
    });
    notes.push({ id: 'slopes', text: `fitted slopes: ${result.params.map((p) => `${PARAM_SHORT[p.param]} ${formatSlope(p.kernelSlope.slope)}`).join(', ')}`, corner: 'bottom-left' });
  }
  return {
    title: `relative movement of the empirical NTK after T = ${result?.steps ?? ''} steps against the width, log–log, one series per parametrisation`,
    xLabel: WIDTH_AXIS,
    yLabel: '‖Θ_{T} − Θ_{0}‖_{F} / ‖Θ_{0}‖_{F} (log)',
    xScale: 'log',
    yScale: 'log',
    ...widthAxis(widths),
    series,
    notes,
    emptyText: 'waiting for the training runs…',
  };
}

/** One parametrisation: every layer's ‖ΔW‖₂/‖W(0)‖₂ against the width, the theory's slope dashed. */
export function weightMovementPlot(result: MovementResult | undefined, param: MovementParam | undefined, plannedWidths: readonly number[]): XYPlotData {
  const widths = result ? [...result.widths] : [...plannedWidths];
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (result && param) {
    const th = theoryOf(param);
    const count = param.weights.length;
    param.weights.forEach((y, i) => {
      const color = seriesColor(i);
      const e = th?.weights[i];
      const guide = e === undefined ? undefined : powerGuide(widths, y, e);
      if (guide) series.push({ kind: 'line', id: `w-theory-${i + 1}`, label: `theory slope ${formatExponent(e!)}`, color, dash: '6 5', width: 1.5, x: widths, y: guide, legend: false });
      series.push({ kind: 'line', id: `w-join-${i + 1}`, label: weightLabel(i, count), color, width: 1.5, x: widths, y, legend: false });
      series.push({ kind: 'points', id: `w-${i + 1}`, label: `${weightLabel(i, count)}: slope ${formatSlope(param.weightSlopes[i].slope)}${e === undefined ? '' : ` (theory ${formatExponent(e)})`}`, color, x: widths, y });
    });
    notes.push({ id: 'slopes', text: `fitted slopes: ${param.weightSlopes.map((s, i) => `W^{${i + 1}} ${formatSlope(s.slope)}`).join(', ')}`, corner: 'bottom-left' });
  }
  const name = param ? PARAM_SHORT[param.param] : '';
  return {
    title: `${name} relative change of each weight matrix in spectral norm after T steps against the width, log–log`,
    xLabel: WIDTH_AXIS,
    yLabel: `${name} ‖ΔW‖_{2} / ‖W(0)‖_{2} (log)`.trim(),
    xScale: 'log',
    yScale: 'log',
    ...widthAxis(widths),
    series,
    notes,
    emptyText: 'waiting for the training runs…',
  };
}

/** The caption's data sentence: how much the kernel moves at the narrowest and widest width, per parametrisation. */
export function movementSentence(result: MovementResult): string {
  const n0 = result.widths[0];
  const n1 = result.widths[result.widths.length - 1];
  const parts = result.params.map((p) => {
    const a = p.kernel[0];
    const b = p.kernel[p.kernel.length - 1];
    const trend = b < a / 2 ? 'falls' : b > 2 * a ? 'grows' : 'stays within a factor 2';
    return `${PARAM_SHORT[p.param]}: the kernel moves by ${fmt(a)} at n = ${n0} and ${fmt(b)} at n = ${n1} (${trend}; slope ${formatSlope(p.kernelSlope.slope, p.kernelSlope.se)})`;
  });
  return `After T = ${result.steps} step${result.steps === 1 ? '' : 's'} (${result.seeds} coupled seeds): ${parts.join('; ')}.`;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return v >= 0.01 ? v.toFixed(3) : v.toExponential(1);
}
