/**
 * Messages between the page and the theory Worker: a request carries an id, the answer the same id
 * with either the theory or the error message of the engine.
 */
import type { Spec } from '../../src/core/spec.ts';
import type { TheoryOutput } from '../engine/theory.ts';

export interface ToTheoryWorker {
  readonly id: number;
  readonly spec: Spec;
  readonly precision: 'fast' | 'exact';
}

export type FromTheoryWorker = { readonly id: number; readonly output: TheoryOutput; readonly error?: undefined } | { readonly id: number; readonly error: string; readonly output?: undefined };
