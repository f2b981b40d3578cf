/**
 * The result document: exactly the CLI JSON of DESIGN.md §6 (a contract), plus optional blocks
 * added by later views. The page's exported JSON is this same object.
 */
import type { Spec } from '../core/spec.ts';
import type { Fault } from './faults.ts';

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

/** Infinite-width kernel at the recorded layers (1-based for mlp/shaped, 0..L for resnet). */
export interface TheoryBlock {
  readonly layers: number[];
  readonly q11: number[];
  readonly q12: number[];
  readonly q22: number[];
  readonly rho: number[];
  readonly ntk11?: number[];
  readonly ntk12?: number[];
  readonly ntk22?: number[];
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

/** The ResNet covariance ODE (α = 1/2) on t = l/L ∈ [0, 1]. */
export interface LimitBlock {
  readonly t: number[];
  readonly q11: number[];
  readonly q12: number[];
  readonly q22: number[];
  readonly rho: number[];
}

/** The law of the neural covariance SDE at T = L/n (shaped MLP). */
export interface SdeBlock {
  readonly T: number;
  readonly rho: { mean: number; sd: number; p05: number; p25: number; p50: number; p75: number; p95: number };
  readonly logVaa: { mean: number; var: number };
}

export interface LabResult {
  readonly version: string;
  readonly spec: Spec;
  /**
   * What ran: name, adapter, why (note); networks: the depth profile's networks per backend that
   * ran them, present only when not all ran on the backend named (a device loss moves the rest to
   * the CPU); estimatedSeconds: the cost model's
   * expected wall-clock time of the whole run on this backend (experiments/plan.ts);
   * estimatedMaxSeconds: its upper bound, which the run does not exceed on a machine with nothing
   * else running (core/costCalibration.ts).
   */
  readonly backend: { name: string; adapter: string; note?: string; networks?: Readonly<Partial<Record<'cpu' | 'webgpu', number>>>; estimatedSeconds?: number; estimatedMaxSeconds?: number };
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
