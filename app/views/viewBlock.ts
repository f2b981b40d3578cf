/** A view's own block of a result document: result[key] (runSpecStreaming), or why the spec cannot have it. */
import type { UnavailableBlock } from '../../src/experiments/result.ts';

export interface ViewBlock<B> {
  readonly block?: B;
  readonly unavailable?: string;
}

/** The block, or the reason its view could not run (UnavailableBlock): told apart by the `unavailable` field. */
export function viewBlockOf<B extends object>(raw: B | UnavailableBlock | undefined): ViewBlock<B> {
  if (raw === undefined || raw === null) return {};
  if ('unavailable' in raw && typeof raw.unavailable === 'string') return { unavailable: raw.unavailable };
  return { block: raw as B };
}
