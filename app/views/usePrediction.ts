/**
 * The predict-then-reveal round as one plot sees it (PlotFrame asks with its test id): undefined
 * unless predict is on and this plot is the view's prediction target (prediction.ts).
 */
import { useMemo } from 'react';
import type { Spec } from '../../src/core/spec.ts';
import { useLab } from '../state/useLab.ts';
import { predictionTarget, type PlotPrediction, type PredictionAnswer, type PredictionTarget } from './prediction.ts';
import { runOfExperiment } from './useResults.ts';

export interface PredictionRound {
  readonly target: PredictionTarget;
  readonly spec: Spec;
  readonly question: string;
  /** Where the marker sits on the x axis, and the y range it may take. */
  readonly x: number;
  readonly range: readonly [number, number];
  readonly guess?: number;
  readonly revealed: boolean;
  /** After the reveal, once the networks are sampled. */
  readonly answer?: PredictionAnswer;
  /** What the plot draws: the fixed y range before the reveal, the guess after it. */
  readonly plot: PlotPrediction;
}

export function usePredictionRound(plotTestId: string): PredictionRound | undefined {
  const spec = useLab((s) => s.spec);
  const block = useLab((s) => s.theory?.block);
  const prediction = useLab((s) => s.prediction);
  const runKey = useLab((s) => s.runKey);
  const result = useLab((s) => (s.run.status === 'done' ? runOfExperiment(s)?.result : undefined));
  const target = spec.predict ? predictionTarget(spec.view) : undefined;
  const active = target !== undefined && target.plot === plotTestId;
  // The range is fixed per round: it must not move under the student's marker as the theory refines.
  const rangeKey = active ? `${runKey}` : '';
  const range = useMemo(() => (active ? target.range(spec, block) : ([0, 1] as const)), [rangeKey, block === undefined]);
  return useMemo(() => {
    if (!active) return undefined;
    const mine = prediction.runKey === runKey;
    const guess = mine ? prediction.guess : undefined;
    const revealed = mine && prediction.revealed;
    const answer = revealed && result ? target.answer(result, spec) : undefined;
    const plot: PlotPrediction = revealed ? (guess !== undefined ? { guess: { x: target.x(spec), value: guess } } : {}) : { range };
    return { target, spec, question: target.question(spec), x: target.x(spec), range, guess, revealed, answer, plot };
  }, [active, target, spec, prediction, runKey, result, range]);
}
