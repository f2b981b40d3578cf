/**
 * Predict, then reveal (spec.predict, issue 7): in the views below the Monte Carlo stays hidden
 * until the student has placed a guess on the view's main plot and pressed Reveal; the run goes on
 * in the background. A target says what is guessed (one number the plot shows: the median ρ̂ at
 * the last layer, …), where the marker sits (x), the range it may take before the reveal, and how
 * to read the answer off the result document. Reading only: nothing here computes physics.
 */
import type { Spec, View } from '../../src/core/spec.ts';
import type { FiniteWidthBlock } from '../../src/experiments/finiteWidthView.ts';
import type { RegimeBlock } from '../../src/experiments/fixedWidth.ts';
import type { LabResult, TheoryBlock } from '../../src/experiments/result.ts';
import { sweepLayer, type WidthSweepBlock } from '../../src/experiments/widthSweep.ts';
import type { LabActions, LabState } from '../state/labStore.ts';
import type { XYPlotData, XYSeries } from '../plots/types.ts';
import { viewBlockOf } from './viewBlock.ts';
import { TRAINING_TARGETS } from './training/predictionTargets.ts';

export interface PredictionAnswer {
  /** The number the guess is compared with. */
  readonly value: number;
  /** A spread of the networks around it (p25–p75, ± 2 SE …) and its name. */
  readonly lo?: number;
  readonly hi?: number;
  readonly spread?: string;
}

export interface PredictionTarget {
  readonly view: View;
  /** Test id of the plot that carries the marker (PlotFrame testId). */
  readonly plot: string;
  /** What is guessed, as a phrase: "the median correlation ρ̂ at layer ℓ = 20". */
  question(spec: Spec): string;
  /** Where the marker sits on the x axis (data units). */
  x(spec: Spec): number;
  /** The y range the marker can take before the reveal (and the plot's y axis meanwhile). */
  range(spec: Spec, theory: TheoryBlock | undefined): readonly [number, number];
  /** The Monte Carlo's answer, once the result has it. */
  answer(result: LabResult, spec: Spec): PredictionAnswer | undefined;
}

const clampRho = (lo: number, hi: number): [number, number] => [Math.max(-1, lo), Math.min(1, hi)];

function last<T>(a: readonly T[]): T | undefined {
  return a.length > 0 ? a[a.length - 1] : undefined;
}

const depth: PredictionTarget = {
  view: 'depth',
  plot: 'plot-depth-rho',
  question: (spec) => `the median correlation ρ̂ of the ${spec.M} networks at the last layer, ℓ = ${spec.L}`,
  x: (spec) => spec.L,
  range(spec, theory) {
    // Only the limit's finite values: an architecture without a deterministic limit (standard
    // attention) has NaN there, which made the guess axis [NaN, NaN] and the guess unplaceable.
    const rho = (theory?.rho ?? []).filter(Number.isFinite);
    return clampRho(Math.min(...rho, spec.rho0) - 0.25, Math.max(...rho, spec.rho0) + 0.25);
  },
  answer(result) {
    const mc = result.mc;
    if (!mc || mc.layers.length === 0) return undefined;
    const i = mc.layers.length - 1;
    return { value: mc.rho.p50[i], lo: mc.rho.p25[i], hi: mc.rho.p75[i], spread: 'the middle half of the networks (p25–p75)' };
  },
};

const width: PredictionTarget = {
  view: 'width',
  plot: 'plot-width-rho',
  question: (spec) => `the median correlation ρ̂ at layer ℓ = ${sweepLayer(spec)} of the narrowest networks, n = ${spec.nmin}`,
  x: (spec) => spec.nmin,
  range(spec, theory) {
    const i = theory ? theory.layers.indexOf(sweepLayer(spec)) : -1;
    const limit = i >= 0 && theory ? theory.rho[i] : spec.rho0;
    return clampRho(limit - 0.5, limit + 0.5);
  },
  answer(result) {
    const b = viewBlockOf<WidthSweepBlock>(result.width).block;
    if (!b || b.n.length === 0) return undefined;
    return { value: b.rho.p50[0], lo: b.rho.p25[0], hi: b.rho.p75[0], spread: 'the middle half of the networks (p25–p75)' };
  },
};

const regime: PredictionTarget = {
  view: 'regime',
  plot: 'plot-regime-drift',
  question: () => 'the mean of log(|φ(Y₁)|²/|φ(Y₀)|²) over the networks of width n = 4: above or below zero?',
  x: () => 4,
  range: () => [-0.4, 0.4],
  answer(result) {
    const b = viewBlockOf<RegimeBlock>(result.regime).block;
    const i = b ? b.n.indexOf(4) : -1;
    if (!b || i < 0) return undefined;
    return { value: b.mean[i], lo: b.mean[i] - 2 * b.se[i], hi: b.mean[i] + 2 * b.se[i], spread: '± 2 standard errors' };
  },
};

const finite: PredictionTarget = {
  view: 'finite',
  plot: 'plot-finite-rho',
  question: (spec) => `the mean correlation E ρ̂ at layer L = ${spec.L} of the narrowest networks, n = ${spec.nmin}`,
  x: (spec) => spec.nmin,
  range(spec, theory) {
    const limit = last(theory?.rho ?? []) ?? spec.rho0;
    return clampRho(limit - 0.3, limit + 0.3);
  },
  answer(result) {
    const b = viewBlockOf<FiniteWidthBlock>(result.finite).block;
    if (!b || b.n.length === 0) return undefined;
    return { value: b.rho.mean[0], lo: b.rho.mean[0] - 2 * b.rho.se[0], hi: b.rho.mean[0] + 2 * b.rho.se[0], spread: '± 2 standard errors of the mean' };
  },
};

const TARGETS: Partial<Record<View, PredictionTarget>> = { depth, width, regime, finite, ...Object.fromEntries(TRAINING_TARGETS.map((t) => [t.view, t])) };

export function predictionTarget(view: View): PredictionTarget | undefined {
  return TARGETS[view];
}

/** Views that offer predict-then-reveal (for the message in the others). */
export const PREDICTION_VIEWS: readonly View[] = Object.keys(TARGETS) as View[];

/** True while the views must not show the Monte Carlo: predict is on and this round is not revealed. */
export function hidesMonteCarlo(s: Pick<LabState, 'spec' | 'runKey' | 'prediction'> & Partial<LabActions>): boolean {
  if (!s.spec.predict || !predictionTarget(s.spec.view)) return false;
  return !(s.prediction.runKey === s.runKey && s.prediction.revealed);
}

/** The prediction as the plot shows it: the marker before the reveal, the guess and the answer after. */
export interface PlotPrediction {
  /** Before the reveal: the y axis the marker moves on. */
  readonly range?: readonly [number, number];
  /** After the reveal: the guess, drawn with the Monte Carlo. */
  readonly guess?: { readonly x: number; readonly value: number };
}

/** The guess after the reveal, as plot series: a dashed line across the plot and a point at its x. */
export function guessSeries(guess: { x: number; value: number }): XYSeries[] {
  return [
    { kind: 'hrule', id: 'guess-line', label: 'your guess', color: '#000000', dash: '2 5', y: guess.value },
    { kind: 'points', id: 'guess', label: 'your guess', color: '#000000', x: [guess.x], y: [guess.value], legend: false },
  ];
}

/** A view's main plot with the prediction applied (fixed y range before the reveal, the guess after). */
export function withPrediction(plot: XYPlotData, prediction: PlotPrediction | undefined): XYPlotData {
  if (!prediction) return plot;
  // Before the reveal the networks are hidden, not awaited: the plot's empty note ("waiting for the
  // runs…") would be untrue once they are done, and it sat under the guess hint. The prediction bar
  // above the plot says what to do.
  if (prediction.range) return { ...plot, yDomain: prediction.range, yScale: 'linear', emptyText: undefined };
  if (prediction.guess) return { ...plot, series: [...plot.series, ...guessSeries(prediction.guess)] };
  return plot;
}
