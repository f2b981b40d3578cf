/**
 * The result document: exactly the CLI JSON of DESIGN.md §6 (a contract), plus optional blocks
 * added by later views. The page's exported JSON is this same object.
 */
import type { Spec } from '../core/spec.ts';
import type { Fault } from './faults.ts';
import type { LimitBlock, SdeBlock, TheoryBlock } from '../theory/blocks.ts';

// The exact blocks are computed by the theory layer, which must not import experiments (layering):
// their types live there and are re-exported here for the result document.
export type { LimitBlock, SdeBlock, TheoryBlock } from '../theory/blocks.ts';

export interface Quantiles {
  readonly mean: number[];
  readonly sd: number[];
  readonly p05: number[];
  readonly p25: number[];
  readonly p50: number[];
  readonly p75: number[];
  readonly p95: number[];
}

export interface LogMoments {
  readonly mean: number[];
  readonly var: number[];
}

export interface McBlock {
  readonly M: number;
  readonly layers: number[];
  readonly rho: Quantiles;
  readonly q11: Quantiles;
  readonly q12: Quantiles;
  readonly q22: Quantiles;
  /** Over live networks only (q > 0); `live` counts them per layer. */
  readonly logq11: LogMoments;
  readonly logq22: LogMoments;
  readonly live: number[];
}

export interface LabResult {
  readonly version: string;
  readonly spec: Spec;
  /**
   * What ran: name, adapter, why (note); networks: the depth profile's networks per backend that
   * ran them, present only when not all ran on the backend named (a device loss moves the rest to
   * the CPU); estimatedSeconds: the cost model's
   * expected wall-clock time of the whole run on this backend (experiments/plan.ts).
   */
  readonly backend: { name: string; adapter: string; note?: string; networks?: Readonly<Partial<Record<'cpu' | 'webgpu', number>>>; estimatedSeconds?: number };
  readonly theory: TheoryBlock;
  readonly mc?: McBlock;
  readonly limit?: LimitBlock;
  readonly sde?: SdeBlock;
  /**
   * resultDigest of this document (digest.ts): the same numbers give the same digest in the CLI,
   * the page and its exported JSON. Present on finished runs (not on partial results).
   */
  readonly digest?: string;
  /** Where a value leaves f64 (or f32 on the GPU): quantity, first layer, cause (faults.ts); absent when there is none. */
  readonly faults?: Fault[];
  /** View-specific blocks (commute map, width sweep, phase diagram, …) are added by their issues. */
  readonly [view: string]: unknown;
}
