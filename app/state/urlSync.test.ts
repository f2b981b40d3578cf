import { describe, expect, it, vi } from 'vitest';
import { decodeSpec } from '../../src/url/codec.ts';
import { createLabStore } from './labStore.ts';
import { connectUrl } from './urlSync.ts';

/** A browser history in miniature: entries, an index, and the location they show. */
function fakeBrowser(initial: string) {
  const entries = [initial];
  let index = 0;
  const listeners: (() => void)[] = [];
  const location = {
    pathname: '/',
    get search() {
      return entries[index].replace(/^\/[^?]*/, '');
    },
    hash: '',
  };
  const history = {
    state: null,
    pushState: vi.fn((_s: unknown, _t: string, url: string) => {
      entries.splice(index + 1);
      entries.push(url);
      index++;
    }),
    replaceState: vi.fn((_s: unknown, _t: string, url: string) => {
      entries[index] = url;
    }),
  };
  const events = {
    addEventListener: (_type: string, fn: () => void) => listeners.push(fn),
    removeEventListener: () => {},
  } as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>;
  const go = (delta: number) => {
    index += delta;
    for (const fn of listeners) fn();
  };
  return { entries, history, location, events, go, index: () => index };
}

describe('URL history: discrete changes push, drags replace, Back restores', () => {
  it('pushes one entry per discrete change and walks back through them', () => {
    vi.useFakeTimers();
    const b = fakeBrowser('/?L=5');
    const store = createLabStore(decodeSpec('L=5'));
    connectUrl(store, { history: b.history, location: b.location, events: b.events, debounceMs: 10 });
    store.getState().setParam('L', 6);
    store.getState().setParam('n', 64);
    expect(b.entries).toEqual(['/?v=2&L=5', '/?v=2&L=6', '/?v=2&n=64&L=6']);
    expect(b.history.pushState).toHaveBeenCalledTimes(2);
    b.go(-1);
    expect(store.getState().spec).toMatchObject({ L: 6, n: 256 });
    b.go(-1);
    expect(store.getState().spec).toMatchObject({ L: 5, n: 256 });
    // Going back wrote nothing: the entries are still there for Forward.
    expect(b.entries).toHaveLength(3);
    b.go(2);
    expect(store.getState().spec).toMatchObject({ L: 6, n: 64 });
    vi.useRealTimers();
  });

  it('a drag is one entry: pushed when it starts, replaced while it moves and on release', () => {
    vi.useFakeTimers();
    const b = fakeBrowser('/?L=5');
    const store = createLabStore(decodeSpec('L=5'));
    connectUrl(store, { history: b.history, location: b.location, events: b.events, debounceMs: 10 });
    for (const L of [6, 8, 11, 15]) {
      store.getState().setParam('L', L, { live: true });
      vi.advanceTimersByTime(20);
    }
    store.getState().setParam('L', 16, { live: false });
    vi.advanceTimersByTime(20);
    expect(b.history.pushState).toHaveBeenCalledTimes(1);
    expect(b.entries).toEqual(['/?v=2&L=5', '/?v=2&L=16']);
    b.go(-1);
    expect(store.getState().spec.L).toBe(5);
    vi.useRealTimers();
  });
});
