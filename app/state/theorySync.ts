/**
 * Spec → theory, synchronously on the main thread (the theory curve follows a dragged slider).
 * Each recompute is timed with the User Timing API ('lab:theory'), which the frame-time bench reads.
 */
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { encodeSpec } from '../../src/url/codec.ts';
import type { LabStore, TheoryPrecision } from './labStore.ts';
import { experimentOf } from './pageKeys.ts';
import type { TheoryOutput } from '../engine/theory.ts';

export type TheoryFn = (spec: Spec, precision: TheoryPrecision) => TheoryOutput;

export const THEORY_MEASURE = 'lab:theory';

/**
 * The spec as the infinite-width theory sees it: what is shown (view) and how the finite networks
 * are sampled (M, seed, method, backend) do not change the limit, nor do the page-only keys (predict,
 * proj), so changing them recomputes nothing.
 */
export function theoryKey(spec: Spec): string {
  const { view, M, seed, method, backend } = DEFAULT_SPEC;
  return encodeSpec({ ...experimentOf(spec), view, M, seed, method, backend });
}

export function connectTheory(store: LabStore, compute: TheoryFn): () => void {
  let measures = 0;
  const update = () => {
    const { spec, live, theory } = store.getState();
    const specKey = theoryKey(spec);
    const precision: TheoryPrecision = live ? 'fast' : 'exact';
    if (theory && theory.specKey === specKey && (theory.precision === precision || precision === 'fast')) return;
    const t0 = performance.now();
    try {
      const out = compute(spec, precision);
      const ms = performance.now() - t0;
      store.getState().setTheory({ specKey, precision, ms, ...out });
      store.getState().report('theory', []);
    } catch (e) {
      const ms = performance.now() - t0;
      store.getState().setTheory({ specKey, precision, ms });
      store.getState().report('theory', [{ key: 'theory', message: `The infinite-width theory could not be computed for this spec: ${(e as Error)?.message ?? String(e)}` }]);
    }
    if (typeof performance.measure === 'function') {
      // Keep the User Timing buffer bounded in a long session.
      if (++measures % 2000 === 0) performance.clearMeasures(THEORY_MEASURE);
      performance.measure(THEORY_MEASURE, { start: t0, detail: { precision, L: spec.L, act: spec.act } });
    }
  };
  update();
  return store.subscribe((state, prev) => {
    if (state.specKey !== prev.specKey || state.live !== prev.live) update();
  });
}
