/**
 * Kernel and feature movement view data (issue 17 §4; docs/training.md §6): after T steps on the
 * fixed batch, ‖Θ_T − Θ_0‖_F/‖Θ_0‖_F of the lr-weighted empirical NTK (± 2 SE over the nets) and
 * ‖ΔW^l‖₂/‖W^l(0)‖₂ per layer, against the width on log–log axes, with the fitted slopes and the
 * theory's exponents (exponents.ts movementExponents: first order in η, and at a fixed finite η for
 * the kernel). Reads the `movement` block (src/training/blocks.ts); selection and wording only.
 */
import type { MovementBlock, MovementParamBlock, SlopeJson } from '../../../src/training/blocks.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { formatExponent, formatSlope, PARAM_SHORT, powerGuide, seriesColor, logLogAgainstWidth } from './trainingLabels.ts';

/** 'W1' → 'W^{1} (input)', the last → '(readout)', as rich text. */
export function weightLabel(i: number, count: number): string {
  const role = i === 0 ? 'input' : i === count - 1 ? 'readout' : 'hidden';
  return `W^{${i + 1}} (${role})`;
}

const slopeText = (f: SlopeJson | null | undefined, withSe = false) => (f ? formatSlope(f.slope, withSe ? f.se : undefined) : '–');

function theoryOf(p: MovementParamBlock) {
  return 'reason' in p.theory ? undefined : p.theory;
}

/** The kernel's movement against the width: one series per parametrisation (± 2 SE), slopes and theory in the legend. */
export function kernelMovementPlot(block: MovementBlock | undefined, plannedWidths: readonly number[]): XYPlotData {
  const widths = block && block.widths.length > 0 ? block.widths : [...plannedWidths];
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (block && block.widths.length > 0) {
    block.params.forEach((p, i) => {
      const th = theoryOf(p);
      const color = seriesColor(i);
      const theory = th ? ` (theory ${formatExponent(th.kernel)} to first order in η, ${formatExponent(th.kernelFiniteEta)} at finite η)` : '';
      const y = p.kernel.mean;
      series.push({ kind: 'line', id: `kernel-join-${p.param}`, label: PARAM_SHORT[p.param], color, width: 1.5, x: widths, y, legend: false });
      series.push({
        kind: 'errorbars',
        id: `kernel-${p.param}`,
        label: `${PARAM_SHORT[p.param]}: slope ${slopeText(p.kernelSlope)}${theory}`,
        color,
        x: widths,
        y,
        lo: y.map((v, w) => v - 2 * p.kernel.se[w]),
        hi: y.map((v, w) => v + 2 * p.kernel.se[w]),
      });
    });
    notes.push({ id: 'slopes', text: `fitted slopes: ${block.params.map((p) => `${PARAM_SHORT[p.param]} ${slopeText(p.kernelSlope)}`).join(', ')}`, corner: 'bottom-left' });
  }
  return {
    title: `relative movement of the empirical NTK after T = ${block?.setup.steps ?? ''} steps against the width, log–log, one series per parametrisation`,
    yLabel: '‖Θ_{T} − Θ_{0}‖_{F} / ‖Θ_{0}‖_{F} (log)',
    ...logLogAgainstWidth(widths),
    series,
    notes,
    emptyText: 'waiting for the training runs…',
  };
}

/** One parametrisation: every layer's ‖ΔW‖₂/‖W(0)‖₂ against the width, the theory's slope dashed. */
export function weightMovementPlot(block: MovementBlock | undefined, param: MovementParamBlock | undefined, plannedWidths: readonly number[]): XYPlotData {
  const widths = block && block.widths.length > 0 ? block.widths : [...plannedWidths];
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (block && param && block.widths.length > 0) {
    const th = theoryOf(param);
    const count = param.weights.mean.length;
    param.weights.mean.forEach((y, i) => {
      const color = seriesColor(i);
      const e = th?.weights[i];
      const guide = e === undefined ? undefined : powerGuide(widths, y, e);
      if (guide) series.push({ kind: 'line', id: `w-theory-${i + 1}`, label: `theory slope ${formatExponent(e!)}`, color, dash: '6 5', width: 1.5, x: widths, y: guide, legend: false });
      series.push({ kind: 'line', id: `w-join-${i + 1}`, label: weightLabel(i, count), color, width: 1.5, x: widths, y, legend: false });
      series.push({ kind: 'points', id: `w-${i + 1}`, label: `${weightLabel(i, count)}: slope ${slopeText(param.weightSlopes[i])}${e === undefined ? '' : ` (theory ${formatExponent(e)})`}`, color, x: widths, y });
    });
  }
  const name = param ? PARAM_SHORT[param.param] : '';
  return {
    title: `${name} relative change of each weight matrix in spectral norm after T steps against the width, log–log`,
    yLabel: `${name} ‖ΔW‖_{2} / ‖W(0)‖_{2} (log)`.trim(),
    ...logLogAgainstWidth(widths),
    series,
    notes,
    emptyText: 'waiting for the training runs…',
  };
}

/** The caption's data sentence: how much the kernel moves at the narrowest and widest width, per parametrisation. */
export function movementSentence(block: MovementBlock): string {
  if (block.widths.length < 2) return '';
  const n0 = block.widths[0];
  const n1 = block.widths[block.widths.length - 1];
  const parts = block.params.map((p) => {
    const a = p.kernel.mean[0];
    const b = p.kernel.mean[p.kernel.mean.length - 1];
    const trend = b < a / 2 ? 'falls' : b > 2 * a ? 'grows' : 'stays within a factor 2';
    return `${PARAM_SHORT[p.param]}: the kernel moves by ${fmt(a)} at n = ${n0} and ${fmt(b)} at n = ${n1} (${trend}; slope ${slopeText(p.kernelSlope, true)})`;
  });
  const T = block.setup.steps;
  return `After T = ${T} step${T === 1 ? '' : 's'} at η = ${block.setup.eta ?? '–'} (${block.setup.nets} coupled nets): ${parts.join('; ')}.`;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return v >= 0.01 ? v.toFixed(3) : v.toExponential(1);
}
