import { describe, expect, it } from 'vitest';
import { createLabStore } from './labStore.ts';
import { connectUrl, decodeEditedLocation, decodeLocation } from './urlSync.ts';

/** A minimal address bar: location, history.pushState/replaceState, popstate and hashchange listeners. */
function fakeWindow(url: string) {
  const u = new URL(url);
  const location = { pathname: u.pathname, search: u.search, hash: u.hash } as Location;
  const listeners = new Map<string, Set<() => void>>();
  const go = (_s: unknown, _t: string, next: string) => {
    const n = new URL(next, 'http://x');
    Object.assign(location, { pathname: n.pathname, search: n.search, hash: n.hash });
  };
  const history = { state: null, replaceState: go, pushState: go } as unknown as History;
  const events = {
    addEventListener: (type: string, f: () => void) => listeners.set(type, (listeners.get(type) ?? new Set()).add(f)),
    removeEventListener: (type: string, f: () => void) => listeners.get(type)?.delete(f),
  } as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>;
  const fire = (type: string) => {
    for (const f of listeners.get(type) ?? []) f();
  };
  // Chromium fires popstate, then hashchange, when the fragment of the address is edited.
  const editHash = (hash: string) => {
    location.hash = hash;
    fire('popstate');
    fire('hashchange');
  };
  const count = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);
  return { location, history, events, editHash, count };
}

describe('URL sync: editing the #fragment of an open tab (issue 20 §4)', () => {
  it('applies the edited fragment over the query, then writes the canonical address', () => {
    const w = fakeWindow('http://x/lab/?v=1&n=64&L=5');
    const store = createLabStore(decodeLocation(w.location));
    const stop = connectUrl(store, { history: w.history, location: w.location, events: w.events, debounceMs: 0 });
    expect(store.getState().spec.n).toBe(64);
    w.editHash('#n=128&act=tanh');
    expect(store.getState().spec).toMatchObject({ n: 128, L: 5, act: 'tanh' });
    expect(w.location.search).toBe(`?${store.getState().specKey}`);
    expect(new URLSearchParams(w.location.search).get('n')).toBe('128');
    expect(w.location.hash).toBe('');
    stop();
    expect(w.count()).toBe(0);
  });

  it('a rejected key in the edited fragment is reported by name and leaves the spec as it was', () => {
    const w = fakeWindow('http://x/?v=1&n=64');
    const store = createLabStore(decodeLocation(w.location));
    connectUrl(store, { history: w.history, location: w.location, events: w.events, debounceMs: 0 });
    w.editHash('#n=0x100&L=7');
    expect(store.getState().spec).toMatchObject({ n: 64, L: 7 });
    const messages = store.getState().messages.filter((m) => m.source === 'url');
    expect(messages.map((m) => m.key)).toEqual(['n']);
    expect(messages[0].text).toContain('n="0x100"');
  });

  it('the fragment overrides the query key by key (no "given more than once")', () => {
    const d = decodeEditedLocation({ search: '?v=1&n=64&L=5', hash: '#n=8' });
    expect(d.issues).toEqual([]);
    expect(d.spec).toMatchObject({ n: 8, L: 5 });
  });
});
