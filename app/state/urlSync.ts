/**
 * URL ⇄ store. Every spec change writes the query (history.replaceState, debounced so that a drag
 * does not flood the history API); the initial spec is decoded from the URL by the caller.
 * Only non-default keys are written (encodeSpec), so links stay short.
 */
import { decodeSpec, type DecodedSpec } from '../../src/url/codec.ts';
import type { LabStore } from './labStore.ts';

/** The spec in a page location: the query and the fragment are both read (DESIGN.md §6). */
export function decodeLocation(location: { search: string; hash: string }): DecodedSpec {
  const parts = [location.search.replace(/^\?/, ''), location.hash.replace(/^#/, '')].filter((p) => p.length > 0);
  return decodeSpec(parts.join('&'));
}

export function connectUrl(store: LabStore, options: { history: History; location: Location; debounceMs?: number }): () => void {
  const { history, location } = options;
  const debounceMs = options.debounceMs ?? 150;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const query = store.getState().specKey;
    const url = `${location.pathname}?${query}`;
    if (`${location.pathname}${location.search}${location.hash}` !== url) history.replaceState(history.state, '', url);
  };
  // Normalise the address once: rejected keys and a fragment become the canonical query.
  write();
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.specKey === prev.specKey) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(write, debounceMs);
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
