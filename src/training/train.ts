/**
 * The training loop: full-batch or mini-batch gradient steps on a Dataset. Mini-batches walk
 * through a fresh permutation of the training set every epoch (sampling without replacement);
 * the permutation is a Fisher–Yates shuffle driven by Philox words keyed
 * (seed, Domain.batchOrder, net, epoch, position), so a seed gives the same batches everywhere.
 */
import { Domain, philox4x32 } from '../core/philox.ts';
import { TrainNetwork, type NetworkConfig } from './network.ts';
import { Optimizer } from './optimizer.ts';
import type { OptimizerName } from './parametrisation.ts';
import type { Dataset } from './tasks.ts';

export interface TrainOptions {
  readonly optimizer: OptimizerName;
  readonly steps: number;
  /** Batch size; undefined or ≥ N means full batch. */
  readonly batch?: number;
  /** Called after every step with the step number (1-based) and that step's mean batch loss. */
  readonly onStep?: (t: number, loss: number, net: TrainNetwork) => void;
}

export const TRAIN_LIMITS = { steps: [0, 1000000], batch: [1, 100000] } as const;

export function trainOptionsIssue(o: TrainOptions): string | undefined {
  if (o.optimizer !== 'sgd' && o.optimizer !== 'adam') return `optimizer = ${String(o.optimizer)}: it must be sgd or adam`;
  if (!(Number.isInteger(o.steps) && o.steps >= 0 && o.steps <= TRAIN_LIMITS.steps[1]))
    return `steps = ${String(o.steps)}: it must be an integer in [0, ${TRAIN_LIMITS.steps[1]}]`;
  if (o.batch !== undefined && !(Number.isInteger(o.batch) && o.batch >= 1 && o.batch <= TRAIN_LIMITS.batch[1]))
    return `batch = ${String(o.batch)}: it must be an integer in [1, ${TRAIN_LIMITS.batch[1]}]`;
  return undefined;
}

/** Mini-batch sampler without replacement (see the header). Allocates once. */
export class BatchSampler {
  private readonly order: Int32Array;
  private readonly words = new Uint32Array(4);
  private epoch = -1;
  private pos = 0;
  readonly x: Float64Array;
  readonly y: Float64Array;

  constructor(
    readonly data: Dataset,
    readonly size: number,
    readonly seed: number,
    readonly net: number,
  ) {
    this.order = new Int32Array(data.N);
    this.x = new Float64Array(size * data.d);
    this.y = new Float64Array(size);
    this.pos = data.N; // forces a shuffle on the first call
  }

  private shuffle(): void {
    this.epoch++;
    const o = this.order;
    for (let i = 0; i < o.length; i++) o[i] = i;
    // Fisher–Yates: position i swaps with a uniform j ≤ i (a 32-bit word mod (i+1): bias < 2^−32·N).
    for (let i = o.length - 1; i > 0; i--) {
      philox4x32(i, this.epoch, 0, this.net, this.seed, Domain.batchOrder, this.words);
      const j = this.words[0] % (i + 1);
      const t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
    this.pos = 0;
  }

  /** Fill x, y with the next batch (an epoch's last partial batch is skipped). */
  next(): void {
    if (this.pos + this.size > this.data.N) this.shuffle();
    const d = this.data.d;
    for (let b = 0; b < this.size; b++) {
      const s = this.order[this.pos + b];
      for (let j = 0; j < d; j++) this.x[b * d + j] = this.data.x[s * d + j];
      this.y[b] = this.data.y[s];
    }
    this.pos += this.size;
  }
}

export interface TrainResult {
  readonly net: TrainNetwork;
  /** Mean batch loss at each step, before that step's update (loss[0] is at initialisation). */
  readonly loss: Float64Array;
}

/**
 * A fresh network, its optimiser and batches; `step(t)` runs step t (0-based) and records its loss.
 * `train` runs every step; sweeps that yield between steps (work.ts) call it step by step.
 */
export function trainer(config: NetworkConfig, data: Dataset, o: TrainOptions): { net: TrainNetwork; loss: Float64Array; step: (t: number) => void } {
  const issue = trainOptionsIssue(o);
  if (issue) throw new RangeError(`training: ${issue}`);
  if (config.d !== data.d) throw new RangeError(`training: d = ${config.d} but the task's inputs have d = ${data.d}`);
  const net = new TrainNetwork(config);
  const opt = new Optimizer(net, o.optimizer);
  const full = o.batch === undefined || o.batch >= data.N;
  const sampler = full ? undefined : new BatchSampler(data, o.batch!, config.seed, config.net);
  const loss = new Float64Array(o.steps);
  const step = (t: number) => {
    if (sampler) sampler.next();
    const x = sampler ? sampler.x : data.x;
    const y = sampler ? sampler.y : data.y;
    net.forward(x, sampler ? sampler.size : data.N);
    loss[t] = net.backward(x, y, data.loss);
    opt.step();
    o.onStep?.(t + 1, loss[t], net);
  };
  return { net, loss, step };
}

/** Train a fresh network on `data`; the loss the task is meant for. */
export function train(config: NetworkConfig, data: Dataset, o: TrainOptions): TrainResult {
  const run = trainer(config, data, o);
  for (let t = 0; t < o.steps; t++) run.step(t);
  return { net: run.net, loss: run.loss };
}

export interface StreamOptions {
  /**
   * Awaited after every step: give the event loop a turn and throw to cancel (the lab's
   * backends/cpu/yielder.ts `Yielder.checkpoint` has this shape: it yields every ~20 ms and throws
   * once its AbortSignal fires). Cancelling rejects the returned promise with that error.
   */
  readonly checkpoint?: () => Promise<void>;
  /** Called every `every` steps (and after the last) with the steps done and the losses so far. */
  readonly onProgress?: (done: number, loss: Float64Array) => void;
  readonly every?: number;
}

/**
 * `train` for a Worker: the same steps and the same numbers, with a checkpoint after each step
 * (cancel, stay responsive) and streamed partial loss curves.
 */
export async function trainStreaming(config: NetworkConfig, data: Dataset, o: TrainOptions, s: StreamOptions): Promise<TrainResult> {
  const every = s.every ?? 10;
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`training: every = ${String(every)}: it must be an integer ≥ 1`);
  const run = trainer(config, data, o);
  for (let t = 0; t < o.steps; t++) {
    run.step(t);
    if ((t + 1) % every === 0 || t + 1 === o.steps) s.onProgress?.(t + 1, run.loss.subarray(0, t + 1));
    if (s.checkpoint) await s.checkpoint();
  }
  return { net: run.net, loss: run.loss };
}
