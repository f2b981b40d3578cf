/**
 * URL ⇄ store. Every spec change writes the query (history.replaceState, debounced so that a drag
 * does not flood the history API); the initial spec is decoded from the URL by the caller.
 * Only non-default keys are written (encodeSpec), so links stay short.
 */
import { decodeSpec, splitQuery, type DecodedSpec } from '../../src/url/codec.ts';
import type { Spec } from '../../src/core/spec.ts';
import type { LabStore } from './labStore.ts';

/** The spec in a page location: the query and the fragment are both read (DESIGN.md §6). */
export function decodeLocation(location: { search: string; hash: string }): DecodedSpec {
  const parts = [location.search.replace(/^\?/, ''), location.hash.replace(/^#/, '')].filter((p) => p.length > 0);
  return decodeSpec(parts.join('&'));
}

/**
 * The spec after the #fragment of an open tab was edited: the fragment's keys override the query's
 * (the query is the canonical form the page wrote; the fragment is what the person just typed).
 */
export function decodeEditedLocation(location: { search: string; hash: string }): DecodedSpec {
  const hashPairs = splitQuery(location.hash.replace(/^#/, ''));
  const hashKeys = new Set(hashPairs.pairs.map(([k]) => k));
  const searchPairs = splitQuery(location.search.replace(/^\?/, '')).pairs.filter(([k]) => !hashKeys.has(k));
  const text = [...searchPairs, ...hashPairs.pairs].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const decoded = decodeSpec(text);
  return { ...decoded, issues: [...hashPairs.issues, ...decoded.issues] };
}

type EventTargetLike = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export function connectUrl(
  store: LabStore,
  options: { history: History; location: Location; debounceMs?: number; events?: EventTargetLike },
): () => void {
  const { history, location } = options;
  const events: EventTargetLike | undefined = options.events ?? (typeof window !== 'undefined' ? window : undefined);
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
  // Editing the #fragment of an open tab (issue 20 §4): apply it like a link, say what was
  // rejected, then write the canonical address again.
  const onHashChange = () => {
    if (location.hash.replace(/^#/, '').length === 0) return;
    const decoded = decodeEditedLocation(location);
    const { spec } = store.getState();
    // A rejected key keeps the value on screen (not its default): only accepted keys change.
    const rejected = new Set(decoded.issues.map((i) => i.key));
    const changes = Object.fromEntries(
      Object.entries(decoded.spec).filter(([k, v]) => !rejected.has(k) && (spec as unknown as Record<string, unknown>)[k] !== v),
    ) as Partial<Spec>;
    store.getState().report('url', decoded.issues);
    store.getState().setParams(changes);
    if (timer !== undefined) clearTimeout(timer);
    write();
  };
  events?.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    events?.removeEventListener('hashchange', onHashChange);
    if (timer !== undefined) clearTimeout(timer);
  };
}
