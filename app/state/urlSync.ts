/**
 * URL ⇄ store. Every spec change writes the query; only non-default keys are written (encodeSpec),
 * so links stay short. History (issue 14 §6): a discrete change (a typed value, a click, an arrow
 * key, a tab) pushes an entry, so Back / Forward walk through them; a drag pushes one entry when it
 * starts and then replaces it (debounced) until the release, so a drag is one step of history.
 * Back / Forward (popstate) decode the address into the store again. The initial spec is decoded
 * from the URL by the caller.
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

export interface UrlSyncOptions {
  history: Pick<History, 'pushState' | 'replaceState' | 'state'>;
  location: Pick<Location, 'pathname' | 'search' | 'hash'>;
  /** Where popstate comes from (window in the page; absent in tests that do not go back). */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  debounceMs?: number;
}

export function connectUrl(store: LabStore, options: UrlSyncOptions): () => void {
  const { history, location, events } = options;
  const debounceMs = options.debounceMs ?? 150;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** True while the store follows the address (popstate): nothing is written back. */
  let restoring = false;
  const current = () => `${location.pathname}${location.search}${location.hash}`;
  const target = () => `${location.pathname}?${store.getState().specKey}`;
  const replace = () => {
    timer = undefined;
    const url = target();
    if (current() !== url) history.replaceState(history.state, '', url);
  };
  const push = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const url = target();
    if (current() !== url) history.pushState(null, '', url);
  };
  // Normalise the address once: rejected keys and a fragment become the canonical query.
  replace();
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.specKey === prev.specKey || restoring) return;
    if (state.live && !prev.live) {
      // A drag starts: its first value is a new entry, the next ones replace it.
      push();
    } else if (state.live || prev.live) {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(replace, state.live ? debounceMs : 0);
    } else {
      push();
    }
  });
  const onPop = () => {
    // An edited #fragment also fires popstate: hashchange applies it (the fragment overrides the query).
    if (location.hash.replace(/^#/, '').length > 0) return;
    const decoded = decodeLocation(location);
    const { spec, setParams } = store.getState();
    const changes = Object.fromEntries(Object.entries(decoded.spec).filter(([k, v]) => (spec as unknown as Record<string, unknown>)[k] !== v)) as Partial<Spec>;
    restoring = true;
    try {
      setParams(changes);
    } finally {
      restoring = false;
    }
  };
  // Editing the #fragment of an open tab (issue 20 §4): apply it like a link, say what was
  // rejected, then replace the fragment's entry by the canonical address.
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
    restoring = true;
    try {
      store.getState().setParams(changes);
    } finally {
      restoring = false;
    }
    if (timer !== undefined) clearTimeout(timer);
    replace();
  };
  events?.addEventListener('popstate', onPop);
  events?.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    events?.removeEventListener('popstate', onPop);
    events?.removeEventListener('hashchange', onHashChange);
    if (timer !== undefined) clearTimeout(timer);
  };
}
