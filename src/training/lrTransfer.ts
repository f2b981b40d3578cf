/**
 * Hyperparameter transfer (TP-V, Yang et al. 2021, "Tuning large neural networks via zero-shot
 * hyperparameter transfer"; TP-VI and Bordelon et al. 2023 for depth): the training loss after T
 * steps against log₂ η, one curve per width (or depth); the loss-optimal η per curve and its drift.
 * Under µP the optimum stays put as n grows; under SP it moves like n^{−1} (the output's one-step
 * change grows like η n, docs/training.md Table 2). Across depth: Depth-µP (branches L^{−1/2})
 * keeps it, an unscaled ResNet does not.
 *
 * A run that leaves f64 or ends above 10⁶ × its initial loss counts as diverged (loss +∞). The
 * optimum is the grid point of least loss, refined by a parabola through it and its two neighbours
 * in log₂ η (kept within the neighbours), so it is not stuck on the grid's spacing.
 */
import { isResidual, type NetworkConfig } from './network.ts';
import type { OptimizerName } from './parametrisation.ts';
import type { Dataset } from './tasks.ts';
import { trainer } from './train.ts';
import { drain, drawWork, resnetStepWork, stepWork, type Sweep } from './work.ts';

export interface SweepCurve {
  /** What varies between curves: the width n or the depth L. */
  readonly value: number;
  /** Final loss (mean of the last `average` steps' batch losses; +∞ when diverged) per log₂ η. */
  readonly loss: number[];
  /** log₂ of the loss-optimal η (refined), or NaN when every η diverged. */
  readonly bestLog2Eta: number;
}

export interface SweepResult {
  readonly log2Eta: number[];
  readonly curves: SweepCurve[];
  /** η*(last curve) / η*(first curve). */
  readonly drift: number;
}

export interface SweepOptions {
  /** The networks: one config per curve (η is overwritten by the sweep); `value` labels it. */
  readonly configs: readonly { readonly value: number; readonly config: NetworkConfig }[];
  readonly log2Eta: readonly number[];
  readonly steps: number;
  readonly optimizer: OptimizerName;
  readonly data: Dataset;
  readonly batch?: number;
  /**
   * Average the batch loss over the last this many steps (default: the second half of the run).
   * The loss-optimal η of a short run sits just below the edge of stability, where the last few
   * losses oscillate; averaging over half the run keeps the optimum off that noise (with the last
   * 5 steps µP's optimum wandered 2.2× over widths 32…256 by edge-of-stability flukes; with half
   * the run it moves 1.01×, and SP's still 12×).
   */
  readonly average?: number;
  /** Networks per (curve, η), averaged (default 1). */
  readonly seeds?: number;
}

/** Multiply–adds of one step of a config's network in this sweep. */
function stepWorkOf(o: SweepOptions): (c: NetworkConfig) => number {
  const B = o.batch !== undefined && o.batch < o.data.N ? o.batch : o.data.N;
  return (c) => (isResidual(c.arch) ? resnetStepWork : stepWork)(c.n, c.L, c.d, B);
}

function netDrawWork(c: NetworkConfig): number {
  return drawWork(c.n, isResidual(c.arch) ? c.L + 1 : c.L, c.d);
}

/** Multiply–adds of the whole sweep (its progress total, and the cost model's count). */
export function lrSweepWork(o: SweepOptions): number {
  const work = stepWorkOf(o);
  return o.configs.reduce((sum, { config }) => sum + o.log2Eta.length * (o.seeds ?? 1) * (o.steps * work(config) + netDrawWork(config)), 0);
}

/**
 * The sweep (work.ts): curves outer, then η, then seeds; a tick per optimiser step, a partial
 * result after every curve. lrSweep drains it.
 */
export function* lrSweepRun(o: SweepOptions): Sweep<SweepResult> {
  if (o.log2Eta.length < 3) throw new RangeError(`lr sweep: log2Eta has ${o.log2Eta.length} points; it needs ≥ 3`);
  for (let i = 1; i < o.log2Eta.length; i++)
    if (!(o.log2Eta[i] > o.log2Eta[i - 1])) throw new RangeError('lr sweep: log2Eta must be strictly increasing');
  const avg = Math.min(o.average ?? Math.ceil(o.steps / 2), o.steps);
  const seeds = o.seeds ?? 1;
  const work = stepWorkOf(o);
  const total = lrSweepWork(o);
  let done = 0;
  const curves: SweepCurve[] = [];
  const result = (): SweepResult => {
    const first = curves.length > 0 ? curves[0].bestLog2Eta : Number.NaN;
    const last = curves.length > 0 ? curves[curves.length - 1].bestLog2Eta : Number.NaN;
    return { log2Eta: [...o.log2Eta], curves: [...curves], drift: curves.length >= 2 ? 2 ** (last - first) : Number.NaN };
  };
  for (const { value, config } of o.configs) {
    const loss: number[] = [];
    for (const l2 of o.log2Eta) {
      let total2 = 0;
      for (let s = 0; s < seeds; s++) {
        const run = trainer({ ...config, eta: 2 ** l2, net: config.net + s }, o.data, { optimizer: o.optimizer, steps: o.steps, batch: o.batch });
        done += netDrawWork(config);
        for (let t = 0; t < o.steps; t++) {
          run.step(t);
          done += work(config);
          yield { done, total };
        }
        let m = 0;
        for (let t = o.steps - avg; t < o.steps; t++) m += run.loss[t] / avg;
        total2 += !Number.isFinite(m) || m > 1e6 * run.loss[0] ? Number.POSITIVE_INFINITY : m / seeds;
      }
      loss.push(total2);
    }
    curves.push({ value, loss, bestLog2Eta: refinedArgmin(o.log2Eta, loss) });
    yield { done, total, partial: result };
  }
  return result();
}

export function lrSweep(o: SweepOptions): SweepResult {
  return drain(lrSweepRun(o));
}

/** The minimiser of a parabola in x through the least point and its neighbours (edges: the point). */
export function refinedArgmin(xs: readonly number[], ys: readonly number[]): number {
  let k = -1;
  for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i]) && (k < 0 || ys[i] < ys[k])) k = i;
  if (k < 0) return Number.NaN;
  if (k === 0 || k === ys.length - 1 || !Number.isFinite(ys[k - 1]) || !Number.isFinite(ys[k + 1])) return xs[k];
  // Work in log y: losses span decades, and a parabola in log y is a better local model.
  const [x0, x1, x2] = [xs[k - 1], xs[k], xs[k + 1]];
  const [y0, y1, y2] = [Math.log(ys[k - 1]), Math.log(ys[k]), Math.log(ys[k + 1])];
  const den = (x0 - x1) * (x0 - x2) * (x1 - x2);
  const A = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / den;
  const B = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / den;
  if (!(A > 0)) return x1;
  return Math.min(x2, Math.max(x0, -B / (2 * A)));
}
