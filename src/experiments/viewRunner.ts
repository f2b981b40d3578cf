/**
 * A view's own computation (width sweep, commutation map, …): what it adds to the result document
 * under `key`, what it costs (for the planner's refusal), and how it streams partial blocks.
 * Register new views in viewRunners.ts — one line each.
 * Contract (sharded runs, shard.ts): a view's batches — its runNetworks calls, in order — depend on
 * the spec only, never on the numbers of earlier batches (a shard sees placeholders there); merge
 * checks each batch's key and refuses parts that disagree. Tests: shard.test.ts, every view.
 */
import type { SimBackend } from '../backends/types.ts';
import type { SimSize } from '../core/cost.ts';
import type { Spec, SpecIssue, View } from '../core/spec.ts';
import type { Progress } from './monteCarlo.ts';
import type { ViewBlockKey } from './result.ts';

export interface ViewContext<B> {
  readonly backend: SimBackend;
  readonly signal?: AbortSignal;
  /** Partial block with the view's own progress (cells, widths, …). */
  readonly onPartial?: (block: B, progress: Progress) => void;
}

export interface ViewRunner<B = unknown> {
  readonly view: View;
  /** The key of the block in the result document (e.g. 'commute'; experiments/result.ts ViewBlocks). */
  readonly key: ViewBlockKey;
  /** What the progress bar calls a unit of work ('widths', 'cells', …). */
  readonly phase: string;
  /** False for views that simulate nothing (the phase diagram): they run even when M = 0. */
  readonly simulates?: boolean;
  /** The keys that set the size of its simulations, named when the planner refuses (default M, n, L). */
  readonly costKeys?: readonly string[];
  /** Its simulations in a refusal message, e.g. "the commutation map's cells". */
  readonly costLabel?: string;
  /**
   * True when the view draws the depth-profile networks (the M networks of spec.n, spec.L and
   * their `mc` block, or their samples) next to its own block. Otherwise those networks are not
   * sampled at all (issue 14 §4: views that draw no networks sample none).
   */
  readonly depthNetworks?: boolean;
  /**
   * True when the view steps its networks itself on the CPU, not through the backend (the signature
   * view's CresnetStepper loops): plan() then gives their dense-chain sizes as they are, priced with
   * the CPU profile whatever the backend.
   */
  readonly cpuOnly?: boolean;
  /**
   * What the status line says the finished run sampled, given M written out (default "M networks"),
   * for views whose M counts something else (the comparison's M networks of each kind).
   */
  readonly doneText?: (M: string) => string;
  /** The simulations it will run, for the cost planner. */
  plan(spec: Spec): SimSize[];
  /**
   * Work that is not the lab's simulations (the training views: experiments/training/cost.ts), as
   * expected CPU seconds, whatever the backend; the planner adds it as a CPU-only part.
   */
  cpuSeconds?(spec: Spec): number;
  /**
   * The spread of cpuSeconds' own fit (slowest measured / fitted, on a quiet machine): the upper bound
   * multiplies its seconds by this instead of the CPU profile's worstRatio, which measures the
   * simulation engine's grid, not this count (default: that worstRatio).
   */
  readonly cpuWorstRatio?: number;
  /** Its operations (multiply–adds) where it is priced by cpuSeconds: what the page's question counts. */
  ops?(spec: Spec): number;
  /** Memory the view holds besides the lab's samples, as a refusal when over `budget` bytes (planner). */
  memoryIssue?(spec: Spec, budget: number): SpecIssue | undefined;
  /** undefined when it can run this spec, else why not (shown instead of the block). */
  applies?(spec: Spec): string | undefined;
  run(spec: Spec, ctx: ViewContext<B>): Promise<B>;
}
