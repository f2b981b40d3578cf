/** A view's own block of a result document: result[key] (runSpecStreaming), or why the spec cannot have it. */
export interface ViewBlock<B> {
  readonly block?: B;
  readonly unavailable?: string;
}

export function viewBlockOf<B>(raw: unknown): ViewBlock<B> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'object' && 'unavailable' in raw && typeof (raw as { unavailable: unknown }).unavailable === 'string') {
    return { unavailable: (raw as { unavailable: string }).unavailable };
  }
  return { block: raw as B };
}
