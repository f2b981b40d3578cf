/**
 * The result document: exactly the CLI JSON of DESIGN.md §6 (a contract), plus optional blocks
 * added by later views. The page's exported JSON is this same object.
 */
import type { Spec } from '../core/spec.ts';
import type { Fault } from './faults.ts';
import type { CommuteBlock } from './commuteMap.ts';
import type { ContrastBlock } from './contrast.ts';
import type { FiniteWidthBlock } from './finiteWidthView.ts';
import type { RegimeBlock } from './fixedWidth.ts';
import type { PhaseDiagramBlock } from './phaseDiagram.ts';
import type { SdeViewBlock } from './sdeView.ts';
import type { WidthSweepBlock } from './widthSweep.ts';
import type { LimitBlock, SdeBlock, SignatureBlock, TheoryBlock } from '../theory/blocks.ts';

// The exact blocks are computed by the theory layer, which must not import experiments (layering):
// their types live there and are re-exported here for the result document.
export type { LimitBlock, SdeBlock, SignatureBlock, TheoryBlock } from '../theory/blocks.ts';

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

/**
 * The views' own blocks of the result document, by key (the `width` | `commute` | … blocks of the
 * CLI JSON): one type per key, so the page reads them without casts. A view added later (by an
 * architecture) adds its key by declaration merging:
 *   declare module '…/experiments/result.ts' { interface ViewBlocks { tokens: TokenBlock } }
 */
export interface ViewBlocks {
  readonly width: WidthSweepBlock;
  readonly commute: CommuteBlock;
  readonly regime: RegimeBlock;
  readonly sdeView: SdeViewBlock;
  readonly contrast: ContrastBlock;
  readonly phase: PhaseDiagramBlock;
  readonly finite: FiniteWidthBlock;
}

export type ViewBlockKey = keyof ViewBlocks & string;

/** What a view puts under its key when it cannot run the spec (its runner's `applies`). */
export interface UnavailableBlock {
  readonly unavailable: string;
}

/** Each view's block, or why the spec cannot have it; absent when the view did not run. */
export type ViewBlockFields = { readonly [K in ViewBlockKey]?: ViewBlocks[K] | UnavailableBlock };

export interface LabResult extends ViewBlockFields {
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
  /** Controlled ResNets: the limit kernel of the paths at t = 1 (PDE or ODE), its grid and error estimate. */
  readonly signature?: SignatureBlock;
  /**
   * resultDigest of this document (digest.ts): the same numbers give the same digest in the CLI,
   * the page and its exported JSON. Present on finished runs (not on partial results).
   */
  readonly digest?: string;
  /** Where a value leaves f64 (or f32 on the GPU): quantity, first layer, cause (faults.ts); absent when there is none. */
  readonly faults?: Fault[];
}
