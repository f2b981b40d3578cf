import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../../src/url/codec.ts';
import { createLabStore } from './labStore.ts';

describe('keep T = L/n fixed', () => {
  it('off: changing n leaves L alone', () => {
    const store = createLabStore(decodeSpec('arch=shaped&n=128&L=64'));
    store.getState().setParam('n', 256);
    expect(store.getState().spec).toMatchObject({ n: 256, L: 64 });
  });

  it('on: L follows n at the T held when it was switched on (rounded), in one spec change', () => {
    const store = createLabStore(decodeSpec('arch=shaped&n=128&L=64'));
    store.getState().keepProportional(true);
    expect(store.getState().fixedT).toBe(0.5);
    const keys: string[] = [];
    store.subscribe((s) => keys.push(s.specKey));
    store.getState().setParam('n', 300, { live: true });
    expect(store.getState().spec).toMatchObject({ n: 300, L: 150 });
    store.getState().setParam('n', 9);
    expect(store.getState().spec).toMatchObject({ n: 9, L: 5 });
    // One store update per change: theory and the run never see n without its L.
    expect(keys).toEqual(['v=2&arch=shaped&n=300&L=150', 'v=2&arch=shaped&n=9&L=5']);
  });

  it('a depth typed by hand sets a new T; L never leaves [1, MAX_DEPTH]', () => {
    const store = createLabStore(decodeSpec('arch=shaped&n=100&L=50'));
    store.getState().keepProportional(true);
    store.getState().setParam('L', 200);
    expect(store.getState().fixedT).toBe(2);
    store.getState().setParam('n', 65536);
    expect(store.getState().spec.L).toBe(10000);
    store.getState().setParam('n', 1);
    expect(store.getState().spec.L).toBe(2);
  });

  it('leaving the shaped MLP (outside the contrast view) switches it off', () => {
    const store = createLabStore(decodeSpec('arch=shaped&n=128&L=64'));
    store.getState().keepProportional(true);
    store.getState().setParam('arch', 'mlp');
    expect(store.getState().fixedT).toBeUndefined();
    store.getState().setParam('n', 256);
    expect(store.getState().spec.L).toBe(64);
  });

  it('is kept in the contrast view whatever arch is', () => {
    const store = createLabStore(decodeSpec('view=contrast&n=64&L=64'));
    store.getState().keepProportional(true);
    store.getState().setParam('n', 32);
    expect(store.getState().spec).toMatchObject({ n: 32, L: 32 });
  });
});
