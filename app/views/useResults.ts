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

/** A view's own block of the current run: result[key] (runSpecStreaming), or why the spec cannot have it. */
export interface ViewBlock<B> {
  readonly block?: B;
  readonly unavailable?: string;
}

export function useViewBlock<B>(key: string): ViewBlock<B> {
  const raw = useLab((s) => (s.run.specKey === s.specKey ? s.run.result?.[key] : undefined));
  return viewBlockOf<B>(raw);
}

export function viewBlockOf<B>(raw: unknown): ViewBlock<B> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'object' && 'unavailable' in raw && typeof (raw as { unavailable: unknown }).unavailable === 'string') {
    return { unavailable: (raw as { unavailable: string }).unavailable };
  }
  return { block: raw as B };
}
