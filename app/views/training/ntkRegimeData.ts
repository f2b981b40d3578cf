/**
 * NTK-regime view data (issue 17 §4; Jacot et al. 2018, Lee et al. 2019; docs/training.md §7): the
 * mean training-loss curve of finite nets of growing width against the kernel prediction (the
 * linearised gradient flow with the analytic NTK, its initial function a GP), and the distance
 * max_t RMS|f_t − f_t^lin| of each net from its own linearisation against the width, log–log, with
 * the n^{−1/2} guide. Selection and wording only.
 */
import type { NtkRegimeParam, NtkRegimeResult } from '../../../src/training/ntkRegime.ts';
import { ROLE_COLOR } from '../../plots/theme.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { WIDTH_AXIS } from '../labels.ts';
import { formatSlope, PARAM_SHORT, powerGuide, seriesColor, widthAxis } from './trainingLabels.ts';

/** The acceptance's band for the distance's slope under NTK parametrisation: −½ ± 0.15. */
export const DISTANCE_SLOPE = { theory: -0.5, tolerance: 0.15 } as const;

/** One parametrisation's mean loss against the step, one curve per width, with the kernel prediction. */
export function lossCurvesPlot(result: NtkRegimeResult | undefined, param: NtkRegimeParam | undefined): XYPlotData {
  const series: XYSeries[] = [];
  if (result) {
    const t = Array.from({ length: result.steps + 1 }, (_, i) => i);
    series.push({ kind: 'line', id: 'kernel-prediction', label: 'infinite width: linearised GD with the analytic NTK (mean over the GP of f₀)', color: ROLE_COLOR.limit, width: 4, x: t, y: result.predictedLoss });
    if (param) {
      result.widths.forEach((n, w) => {
        series.push({ kind: 'line', id: `loss-n${n}`, label: `n = ${n}`, color: seriesColor(w + 1), width: 1.75, x: t, y: param.loss[w], endLabel: `n = ${n}` });
      });
    }
  }
  const name = param ? PARAM_SHORT[param.param] : '';
  return {
    title: `${name} training loss against the step, mean over seeds, one curve per width, with the infinite-width kernel prediction`,
    xLabel: 'step t (full-batch gradient descent)',
    yLabel: `${name} training loss (log)`.trim(),
    xScale: 'linear',
    yScale: 'log',
    series,
    emptyText: 'waiting for the training runs…',
  };
}

/** The distance from the linearised dynamics against the width, one series per parametrisation, the n^{−½} guide. */
export function distancePlot(result: NtkRegimeResult | undefined, plannedWidths: readonly number[]): XYPlotData {
  const widths = result ? [...result.widths] : [...plannedWidths];
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (result) {
    const ntk = result.params.find((p) => p.param === 'ntk');
    const guide = ntk ? powerGuide(widths, ntk.distance, DISTANCE_SLOPE.theory) : undefined;
    if (guide) series.push({ kind: 'line', id: 'guide-half', label: '∝ n^{−1/2}', color: '#6b7280', dash: '6 5', width: 2, x: widths, y: guide });
    result.params.forEach((p, i) => {
      const color = seriesColor(i);
      series.push({ kind: 'line', id: `dist-join-${p.param}`, label: PARAM_SHORT[p.param], color, width: 1.5, x: widths, y: p.distance, legend: false });
      series.push({ kind: 'points', id: `dist-${p.param}`, label: `${PARAM_SHORT[p.param]}: slope ${formatSlope(p.distanceSlope.slope, p.distanceSlope.se)}`, color, x: widths, y: p.distance });
    });
    notes.push({ id: 'slopes', text: `fitted slopes: ${result.params.map((p) => `${PARAM_SHORT[p.param]} ${formatSlope(p.distanceSlope.slope)}`).join(', ')}`, corner: 'bottom-left' });
  }
  return {
    title: 'distance of the finite nets from their linearised dynamics, max over steps of the RMS output difference, against the width, log–log',
    xLabel: WIDTH_AXIS,
    yLabel: 'max_{t} RMS |f_{t} − f_{t}^{lin}| (log)',
    xScale: 'log',
    yScale: 'log',
    ...widthAxis(widths),
    series,
    notes,
    emptyText: 'waiting for the training runs…',
  };
}

/** Whether a parametrisation's nets approach the kernel prediction, read off the fitted slope and its SE. */
export function approachVerdict(p: NtkRegimeParam): string {
  const { slope, se } = p.distanceSlope;
  const s = formatSlope(slope, se);
  if (Math.abs(slope - DISTANCE_SLOPE.theory) <= DISTANCE_SLOPE.tolerance) return `${PARAM_SHORT[p.param]}: the distance falls with slope ${s}, within ${DISTANCE_SLOPE.tolerance} of −½ — these nets approach the kernel prediction`;
  if (slope > DISTANCE_SLOPE.theory + DISTANCE_SLOPE.tolerance) return `${PARAM_SHORT[p.param]}: the distance falls with slope ${s}, far slower than $n^{-1/2}$ — these nets do not approach the kernel prediction over these widths`;
  return `${PARAM_SHORT[p.param]}: the distance falls with slope ${s}, faster than $n^{-1/2}$`;
}

export function ntkRegimeSentence(result: NtkRegimeResult): string {
  const n0 = result.widths[0];
  const n1 = result.widths[result.widths.length - 1];
  return `Widths n = ${n0} … ${n1}, ${result.steps} steps, ${result.seeds} coupled seeds: ${result.params.map(approachVerdict).join('; ')}.`;
}
