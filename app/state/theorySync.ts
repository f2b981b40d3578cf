/**
 * Spec → theory. In the page the theory is computed by a Worker (worker/theoryClient.ts, issue 14
 * §8: a quadrature recursion at L = 10⁴ takes seconds and must not freeze the tab), so `compute`
 * may answer with a promise; a synchronous answer (tests, Node) is applied at once. Answers arrive
 * in request order; one that belongs to an older spec is still shown until the newer one arrives
 * (a drag sees the theory one frame behind, never an empty plot). Each recompute is timed with the
 * User Timing API ('lab:theory', request to answer), which the frame-time bench reads.
 */
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { encodeSpec } from '../../src/url/codec.ts';
import type { LabStore, TheoryPrecision } from './labStore.ts';
import { experimentOf } from './pageKeys.ts';
import type { TheoryOutput } from '../engine/theory.ts';

export type TheoryFn = (spec: Spec, precision: TheoryPrecision) => TheoryOutput | Promise<TheoryOutput>;

export const THEORY_MEASURE = 'lab:theory';

/**
 * The spec as the infinite-width theory sees it: what is shown (view) and how the finite networks
 * are sampled (M, seed, method, backend) do not change the limit, nor do the page-only keys (predict,
 * proj, embed), so changing them recomputes nothing.
 */
export function theoryKey(spec: Spec): string {
  const { view, M, seed, method, backend } = DEFAULT_SPEC;
  return encodeSpec({ ...experimentOf(spec), view, M, seed, method, backend });
}

function isSuperseded(e: unknown): boolean {
  return (e as Error)?.name === 'TheorySuperseded';
}

export function connectTheory(store: LabStore, compute: TheoryFn): () => void {
  let measures = 0;
  /** The latest request (key and precision) and the token of the newest answer applied. */
  let requested: { specKey: string; precision: TheoryPrecision; token: number } | undefined;
  let issued = 0;
  let applied = 0;

  const measure = (t0: number, spec: Spec, precision: TheoryPrecision) => {
    if (typeof performance.measure !== 'function') return;
    // Keep the User Timing buffer bounded in a long session.
    if (++measures % 2000 === 0) performance.clearMeasures(THEORY_MEASURE);
    performance.measure(THEORY_MEASURE, { start: t0, detail: { precision, L: spec.L, act: spec.act } });
  };

  const accept = (token: number, specKey: string, precision: TheoryPrecision, t0: number, spec: Spec, out?: TheoryOutput, error?: unknown) => {
    if (token < applied) return;
    applied = token;
    const ms = performance.now() - t0;
    if (out) {
      store.getState().setTheory({ specKey, precision, ms, ...out });
      store.getState().report('theory', []);
    } else {
      store.getState().setTheory({ specKey, precision, ms });
      store.getState().report('theory', [{ key: 'theory', message: `The infinite-width theory could not be computed for this spec: ${(error as Error)?.message ?? String(error)}` }]);
    }
    measure(t0, spec, precision);
  };

  const update = () => {
    const { spec, live, theory } = store.getState();
    const specKey = theoryKey(spec);
    const precision: TheoryPrecision = live ? 'fast' : 'exact';
    if (theory && theory.specKey === specKey && (theory.precision === precision || precision === 'fast')) return;
    if (requested && requested.specKey === specKey && requested.precision === precision && requested.token > applied) return;
    const token = ++issued;
    requested = { specKey, precision, token };
    const t0 = performance.now();
    let answer: TheoryOutput | Promise<TheoryOutput>;
    try {
      answer = compute(spec, precision);
    } catch (e) {
      accept(token, specKey, precision, t0, spec, undefined, e);
      return;
    }
    if (answer instanceof Promise) {
      answer.then(
        (out) => accept(token, specKey, precision, t0, spec, out),
        (e) => {
          if (!isSuperseded(e)) accept(token, specKey, precision, t0, spec, undefined, e);
        },
      );
    } else {
      accept(token, specKey, precision, t0, spec, answer);
    }
  };
  update();
  return store.subscribe((state, prev) => {
    if (state.specKey !== prev.specKey || state.live !== prev.live) update();
  });
}
