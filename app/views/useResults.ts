/** Selectors shared by the views: the theory and the Monte Carlo run that belong to the current spec. */
import { useLab } from '../state/useLab.ts';
import type { RunState, TheoryState } from '../state/labStore.ts';

/** The run of the current spec (partial or final), or undefined while none matches it. */
export function useCurrentRun(): RunState | undefined {
  return useLab((s) => (s.run.specKey === s.specKey && s.run.result ? s.run : undefined));
}

/** The latest theory (during a drag it may lag one frame behind the spec; it is never stale after release). */
export function useTheory(): TheoryState | undefined {
  return useLab((s) => s.theory);
}
