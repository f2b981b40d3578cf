/**
 * Selectors shared by the views: the theory and the Monte Carlo run that belong to the current
 * experiment — hidden while a predict-then-reveal round waits for its guess (prediction.ts).
 */
import { useLab } from '../state/useLab.ts';
import type { LabActions, LabState, RunState, TheoryState } from '../state/labStore.ts';
import { hidesMonteCarlo } from './prediction.ts';
import { viewBlockOf, type ViewBlock } from './viewBlock.ts';
import type { UnavailableBlock, ViewBlockKey, ViewBlocks } from '../../src/experiments/result.ts';

type S = LabState & LabActions;

/** The run of the current experiment (partial or final), whatever the prediction round says. */
export function runOfExperiment(s: S): RunState | undefined {
  return s.run.runKey === s.runKey && s.run.result ? s.run : undefined;
}

/** The finished run the page may export: done, and not hidden by a predict-then-reveal round. */
export function useFinishedRun(): RunState | undefined {
  return useLab((s) => (s.run.status === 'done' && !hidesMonteCarlo(s) ? runOfExperiment(s) : undefined));
}

/** The run the views may draw: the current one, unless predict-then-reveal still hides it. */
export function useCurrentRun(): RunState | undefined {
  return useLab((s) => (hidesMonteCarlo(s) ? undefined : runOfExperiment(s)));
}

/** The latest theory (during a drag it may lag one frame behind the spec; it is never stale after release). */
export function useTheory(): TheoryState | undefined {
  return useLab((s) => s.theory);
}

export { viewBlockOf, type ViewBlock } from './viewBlock.ts';

/** A view's own block of the current run: result[key] (runSpecStreaming), or why the spec cannot have it. */
export function useViewBlock<K extends ViewBlockKey>(key: K): ViewBlock<ViewBlocks[K]> {
  const raw = useLab((s) => (hidesMonteCarlo(s) ? undefined : runOfExperiment(s)?.result?.[key]));
  // LabResult[K] is ViewBlocks[K] | UnavailableBlock | undefined (result.ts ViewBlockFields); TypeScript
  // does not reduce that mapped type for a generic K, so it is spelled out here.
  return viewBlockOf<ViewBlocks[K]>(raw as ViewBlocks[K] | UnavailableBlock | undefined);
}
