import { describe, expect, it } from 'vitest';
import type { Spec } from '../../src/core/spec.ts';
import { decodeSpec } from '../../src/url/codec.ts';
import { createLabStore, type TheoryPrecision } from './labStore.ts';
import { connectTheory } from './theorySync.ts';

function setup() {
  const store = createLabStore(decodeSpec('L=5'));
  const calls: [number, TheoryPrecision][] = [];
  const compute = (spec: Spec, precision: TheoryPrecision) => {
    calls.push([spec.L, precision]);
    if (spec.L === 13) throw new Error('no limit here');
    const layers = Array.from({ length: spec.L }, (_, i) => i + 1);
    return { block: { layers, q11: layers, q12: layers, q22: layers, rho: layers } };
  };
  connectTheory(store, compute);
  return { store, calls };
}

describe('theory follows the spec', () => {
  it('computes exact theory at start and after each committed change, synchronously', () => {
    const { store, calls } = setup();
    store.getState().setParam('L', 7);
    expect(calls).toEqual([
      [5, 'exact'],
      [7, 'exact'],
    ]);
    expect(store.getState().theory?.block?.layers).toHaveLength(7);
  });

  it('uses the fast precision while dragging and the exact one on release', () => {
    const { store, calls } = setup();
    store.getState().setParam('L', 8, { live: true });
    store.getState().setParam('L', 9, { live: true });
    store.getState().commit();
    expect(calls.slice(1)).toEqual([
      [8, 'fast'],
      [9, 'fast'],
      [9, 'exact'],
    ]);
    expect(store.getState().theory?.precision).toBe('exact');
  });

  it('does not recompute for keys the limit does not depend on (view, M, seed, method, backend)', () => {
    const { store, calls } = setup();
    store.getState().setParam('M', 17);
    store.getState().setParam('seed', 3);
    store.getState().setParam('view', 'hist');
    store.getState().setParam('backend', 'cpu');
    expect(calls).toHaveLength(1);
  });

  it('turns a failure of the theory into a message instead of an exception', () => {
    const { store } = setup();
    store.getState().setParam('L', 13);
    expect(store.getState().messages).toMatchObject([{ key: 'theory', source: 'theory' }]);
    store.getState().setParam('L', 14);
    expect(store.getState().messages).toEqual([]);
  });

  it('takes answers from a Worker (promises): applied when they arrive, a superseded one is not an error', async () => {
    const store = createLabStore(decodeSpec('L=5'));
    const pending: { L: number; resolve: (o: ReturnType<typeof out>) => void; reject: (e: Error) => void }[] = [];
    const out = (L: number) => {
      const layers = Array.from({ length: L }, (_, i) => i + 1);
      return { block: { layers, q11: layers, q12: layers, q22: layers, rho: layers } };
    };
    connectTheory(store, (spec) => new Promise((resolve, reject) => pending.push({ L: spec.L, resolve, reject })));
    expect(store.getState().theory).toBeUndefined();
    store.getState().setParam('L', 9);
    const superseded = new Error('superseded');
    superseded.name = 'TheorySuperseded';
    pending[0].reject(superseded);
    pending[1].resolve(out(9));
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().theory?.block?.layers).toHaveLength(9);
    expect(store.getState().messages).toEqual([]);
  });
});
