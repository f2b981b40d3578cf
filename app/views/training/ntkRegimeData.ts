/**
 * NTK-regime view data (issue 17 §4; Jacot et al. 2018, Lee et al. 2019; docs/training.md §7): the
 * mean training-loss curve of finite nets of growing width against the kernel prediction (the
 * linearised gradient descent with the analytic NTK, its initial function a GP), and the distance
 * max_t RMS|f_t − f_t^lin| of each net from its own linearisation against the width, log–log, with
 * the theory's n^{−1/2} guide. Reads the `ntkreg` block (src/training/blocks.ts); selection and
 * wording only.
 */
import type { NtkRegimeBlock, NtkRegimeParamBlock } from '../../../src/training/blocks.ts';
import { OKABE_ITO, ROLE_COLOR } from '../../plots/theme.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../../plots/types.ts';
import { formatExponent, formatSlope, PARAM_SHORT, powerGuide, seriesColor, logLogAgainstWidth } from './trainingLabels.ts';

/** The acceptance's band for the distance's slope under NTK parametrisation: the theory's −½ ± 0.15. */
export const DISTANCE_TOLERANCE = 0.15;

/** Colours of the widths' curves: every Okabe–Ito colour but the kernel prediction's blue. */
const WIDTH_COLORS = [OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.black];

/** One parametrisation's mean loss against the step, one curve per width, with the kernel prediction. */
/** `plannedSteps`: the steps the spec will train (the x axis before the block arrives, where a guess is placed). */
export function lossCurvesPlot(block: NtkRegimeBlock | undefined, param: NtkRegimeParamBlock | undefined, plannedSteps?: number): XYPlotData {
  const series: XYSeries[] = [];
  if (block) {
    const t = block.predictedLoss.map((_, i) => i);
    series.push({ kind: 'line', id: 'kernel-prediction', label: 'infinite width: linearised GD with the analytic NTK (mean over the GP of f₀)', color: ROLE_COLOR.limit, width: 4, x: t, y: block.predictedLoss });
    if (param && !param.unavailable) {
      block.widths.forEach((n, w) => {
        series.push({ kind: 'line', id: `loss-n${n}`, label: `n = ${n}`, color: WIDTH_COLORS[w % WIDTH_COLORS.length], width: 1.75, x: t, y: param.loss[w], endLabel: `n = ${n}` });
      });
    }
  }
  const name = param ? PARAM_SHORT[param.param] : '';
  return {
    title: `${name} training loss against the step, mean over the nets, one curve per width, with the infinite-width kernel prediction`,
    xLabel: 'step t (full-batch gradient descent)',
    yLabel: `${name} training loss`.trim(),
    xScale: 'linear',
    yScale: 'log',
    xDomain: block && block.predictedLoss.length > 1 ? [0, block.predictedLoss.length - 1] : plannedSteps ? [0, plannedSteps] : undefined,
    series,
    emptyText: param?.unavailable ?? 'waiting for the training runs…',
  };
}

/**
 * The function after T steps on the 1-D slice (the great circle through x₀ and x₁, angle θ): the
 * kernel prediction's mean and its band mean ± 2 sd over f₀ ~ GP (≈ 95 % of infinitely wide nets),
 * and the trained nets' mean f_T per width.
 */
export function slicePlot(block: NtkRegimeBlock | undefined, param: NtkRegimeParamBlock | undefined): XYPlotData {
  const series: XYSeries[] = [];
  if (block && block.slice.theta.length > 0) {
    const { theta, mean, sd } = block.slice;
    series.push({ kind: 'band', id: 'kernel-band', label: 'infinite width: mean ± 2 sd over f₀ ~ GP', color: ROLE_COLOR.limit, opacity: 0.18, x: theta, lo: mean.map((m, i) => m - 2 * sd[i]), hi: mean.map((m, i) => m + 2 * sd[i]) });
    series.push({ kind: 'line', id: 'kernel-mean', label: 'infinite width: mean (linearised GD, analytic NTK)', color: ROLE_COLOR.limit, width: 4, x: theta, y: mean });
    if (param?.slice && !param.unavailable) {
      block.widths.forEach((n, w) => {
        const y = param.slice!.mean[w];
        if (y) series.push({ kind: 'line', id: `slice-n${n}`, label: `n = ${n}: mean f_{T} over the nets`, color: WIDTH_COLORS[w % WIDTH_COLORS.length], width: 1.75, x: theta, y });
      });
    }
  }
  const name = param ? PARAM_SHORT[param.param] : '';
  return {
    title: `${name} the function after training on a circle of inputs through two training points, finite widths against the infinite-width kernel prediction and its band`,
    xLabel: 'angle θ on the circle through x_{0} (θ = 0) and x_{1} (radians)',
    yLabel: `${name} f_{T}(z(θ))`.trim(),
    xScale: 'linear',
    yScale: 'linear',
    xDomain: [0, 2 * Math.PI],
    series,
    emptyText: param?.unavailable ?? 'waiting for the training runs…',
  };
}

/** How far the widest nets' mean f_T sits from the kernel prediction, in units of the band's sd (the largest over the slice). */
export function sliceSentence(block: NtkRegimeBlock, param: NtkRegimeParamBlock): string {
  const w = block.widths.length - 1;
  const f = param.slice?.mean[w];
  if (!f || block.slice.theta.length === 0) return '';
  let worst = 0;
  let inside = 0;
  f.forEach((v, i) => {
    const z = Math.abs(v - block.slice.mean[i]) / block.slice.sd[i];
    worst = Math.max(worst, z);
    if (z <= 2) inside++;
  });
  return `At n = ${block.widths[w]} the nets' mean $f_T$ is inside the band at ${inside} of ${f.length} points of the slice (largest distance ${worst.toFixed(1)} sd of the kernel prediction).`;
}

/** The distance from the linearised dynamics against the width, one series per parametrisation (± 2 SE), the theory's guide. */
export function distancePlot(block: NtkRegimeBlock | undefined, plannedWidths: readonly number[]): XYPlotData {
  const widths = block && block.widths.length > 0 ? block.widths : [...plannedWidths];
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  const run = block ? block.params.filter((p) => !p.unavailable) : [];
  if (block && block.widths.length > 0) {
    const ntk = run.find((p) => p.param === 'ntk');
    const e = block.theoryDistanceExponent;
    const guide = ntk ? powerGuide(widths, ntk.distance.mean, e) : undefined;
    if (guide) series.push({ kind: 'line', id: 'guide', label: `∝ n^{${formatExponent(e)}} (NTK theory)`, color: '#6b7280', dash: '6 5', width: 2, x: widths, y: guide });
    run.forEach((p, i) => {
      const color = seriesColor(i);
      const y = p.distance.mean;
      series.push({ kind: 'line', id: `dist-join-${p.param}`, label: PARAM_SHORT[p.param], color, width: 1.5, x: widths, y, legend: false });
      series.push({
        kind: 'errorbars',
        id: `dist-${p.param}`,
        label: `${PARAM_SHORT[p.param]}: slope ${p.distanceSlope ? formatSlope(p.distanceSlope.slope, p.distanceSlope.se) : '–'}`,
        color,
        x: widths,
        y,
        lo: y.map((v, w) => v - 2 * p.distance.se[w]),
        hi: y.map((v, w) => v + 2 * p.distance.se[w]),
      });
    });
    notes.push({ id: 'slopes', text: `fitted slopes: ${run.map((p) => `${PARAM_SHORT[p.param]} ${p.distanceSlope ? formatSlope(p.distanceSlope.slope) : '–'}`).join(', ')}`, corner: 'bottom-left' });
  }
  return {
    title: 'distance of the finite nets from their linearised dynamics, max over steps of the RMS output difference, against the width, log–log',
    yLabel: 'max_{t} RMS |f_{t} − f_{t}^{lin}| (log)',
    ...logLogAgainstWidth(widths),
    series,
    notes,
    emptyText: 'waiting for the training runs…',
  };
}

/** Whether a parametrisation's nets approach the kernel prediction, read off the fitted slope against the theory's. */
export function approachVerdict(p: NtkRegimeParamBlock, theory: number): string {
  const name = PARAM_SHORT[p.param];
  if (p.unavailable) return `${name}: not run (${p.unavailable})`;
  if (!p.distanceSlope) return `${name}: a slope needs two widths`;
  const { slope, se } = p.distanceSlope;
  const s = formatSlope(slope, se);
  const law = `$n^{${theory === -0.5 ? '-1/2' : theory}}$`;
  const e = formatExponent(theory);
  // A slope whose standard error exceeds the tolerance cannot be told apart from the theory's or from flat.
  if (!(se <= DISTANCE_TOLERANCE)) return `${name}: slope ${s}, too uncertain to compare with ${e} (its standard error exceeds ${DISTANCE_TOLERANCE}: train more nets)`;
  if (Math.abs(slope - theory) <= DISTANCE_TOLERANCE) return `${name}: the distance falls with slope ${s}, within ${DISTANCE_TOLERANCE} of ${e} — these nets approach the kernel prediction like ${law}`;
  if (slope > theory + DISTANCE_TOLERANCE) return `${name}: the distance falls with slope ${s}, more than ${DISTANCE_TOLERANCE} above ${e} — over these widths these nets do not approach the kernel prediction like ${law}`;
  return `${name}: the distance falls with slope ${s}, more than ${DISTANCE_TOLERANCE} below ${e}: faster than ${law}`;
}

export function ntkRegimeSentence(block: NtkRegimeBlock): string {
  if (block.widths.length === 0) return '';
  const n0 = block.widths[0];
  const n1 = block.widths[block.widths.length - 1];
  const T = block.setup.steps;
  return `Widths n = ${n0} … ${n1}, ${T} step${T === 1 ? '' : 's'} at η = ${block.setup.eta ?? '–'}, ${block.setup.nets} coupled nets: ${block.params.map((p) => approachVerdict(p, block.theoryDistanceExponent)).join('; ')}.`;
}
