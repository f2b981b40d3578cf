/**
 * Work accounting and driving for the training sweeps. Each sweep is written once, as a generator
 * that yields a Tick after every optimiser step (or network): the CLI and the tests drain it
 * synchronously (`drain`), the page's Worker drives it with a checkpoint between ticks — cancel,
 * stay responsive — and streams its partial results (`drive`). Same code, same numbers.
 *
 * Work is counted in multiply–adds, so that progress moves with time whatever the widths (one step
 * of a width-1024 net is 64 of a width-128 one), and the cost model (experiments/training/cost.ts)
 * prices the same count.
 */

/** Multiply–adds of one forward + backward + update of an L-hidden-layer net of width n on B inputs of dimension d. */
export function stepWork(n: number, L: number, d: number, B: number): number {
  // Weights: d·n (input), (L − 1)·n² (hidden), n (readout); the forward pass reads each once per
  // input, the backward pass twice (input gradients and weight gradients), the update once.
  const weights = d * n + (L - 1) * n * n + n;
  return weights * (3 * B + 1);
}

/** The same for a ResNet (input embedding, L branches n × n, readout). */
export function resnetStepWork(n: number, L: number, d: number, B: number): number {
  return stepWork(n, L + 1, d, B);
}

/**
 * Drawing a weight (Philox, Box–Muller: core/philox.ts NormalStream) costs about as much as this
 * many multiply–adds of the training loops: measured with bench/trainingViews.ts, where the
 * empirical NTK of one input (4 counted multiply–adds per weight) took 21 ns per weight against
 * 2 ns per multiply–add of the batched loops, i.e. ≈ 13 ns, 6.5 multiply–adds, per draw.
 */
export const DRAW_MADDS = 7;

/** Work of drawing the initial weights of an L-hidden-layer net of width n (a ResNet: L + 1). */
export function drawWork(n: number, L: number, d: number): number {
  return DRAW_MADDS * (d * n + (L - 1) * n * n + n);
}

export interface Tick<R> {
  /** Multiply–adds done so far, and in all. */
  readonly done: number;
  readonly total: number;
  /** Present when a unit the views draw (a width, a curve, a cell) has just been finished: the result so far. */
  readonly partial?: () => R;
}

export type Sweep<R> = Generator<Tick<R>, R, void>;

/** Run a sweep to its end, synchronously. */
export function drain<R>(sweep: Sweep<R>): R {
  for (;;) {
    const r = sweep.next();
    if (r.done) return r.value;
  }
}

export interface DriveOptions<R> {
  /**
   * Awaited after every tick: gives the event loop a turn now and then and throws to cancel
   * (backends/cpu/yielder.ts Yielder.checkpoint has this shape). The error rejects `drive`.
   */
  readonly checkpoint?: () => Promise<void>;
  /** Called with each partial result and the progress at that point. */
  readonly onPartial?: (partial: R, progress: { readonly done: number; readonly total: number }) => void;
}

/** Run a sweep with a checkpoint after every tick and its partial results streamed. */
export async function drive<R>(sweep: Sweep<R>, o: DriveOptions<R>): Promise<R> {
  for (;;) {
    const r = sweep.next();
    if (r.done) return r.value;
    const tick = r.value;
    if (tick.partial && o.onPartial) o.onPartial(tick.partial(), { done: tick.done, total: tick.total });
    if (o.checkpoint) await o.checkpoint();
  }
}
