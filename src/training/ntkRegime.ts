/**
 * The NTK regime (Jacot, Gabriel & Hongler 2018; Lee et al. 2019, "Wide neural networks of any depth
 * evolve as linear models under gradient descent"): under NTK parametrisation, gradient descent on
 * a wide network follows the linearised dynamics with the infinite-width NTK Θ on the training set,
 *     f_{t+1} − y = (I − Θ_η/N)(f_t − y),   Θ_η = η Θ,  (mse loss ½(f − y)², mean over N inputs)
 * and the distance of the finite network's outputs to it is O(n^{−1/2}) (Lee et al. 2019;
 * the empirical NTK at initialisation fluctuates by n^{−1/2} around Θ, its movement is O(1/n)).
 *
 * Θ and the output NNGP K come from the lab's recursion (theory/nngp.ts mlpKernelRecursion, which
 * is DESIGN.md §1's mlp with the NTK of Jacot et al.), applied to every pair of training inputs —
 * the recursion is entrywise, so the N × N kernel is the 2 × 2 one N(N+1)/2 times — with L + 1
 * layers: the readout f = σw W^{L+1} φ(h^L)/√n is the recursion's layer L + 1 (σb = 0).
 * Under µP (c = 0) the lr-weighted kernel at initialisation has the same limit (each layer's
 * n^{−2a−c} and its δ's n^{−2β} trade one for one, docs/training.md §7), but f₀ → 0 and the kernel
 * moves by Θ(1) (movement.ts): µP nets do not follow the kernel prediction as n grows.
 */
import type { Activation } from '../core/activations.ts';
import { dualKernels } from '../theory/dual.ts';
import { mlpKernelRecursion } from '../theory/nngp.ts';
import { TrainNetwork } from './network.ts';
import { Optimizer } from './optimizer.ts';
import { presetExponents, type ParamName } from './parametrisation.ts';
import { jackknifeSlope, type SlopeFit } from './powerLaw.ts';
import { sweepIssue } from './sweepOptions.ts';
import type { Dataset } from './tasks.ts';
import { sliceInputs, slicePrediction, slicePredictionWork, type SlicePrediction } from './ntkSlice.ts';
import { drain, drawWork, stepWork, type Sweep } from './work.ts';

export interface AnalyticKernels {
  readonly N: number;
  /** NNGP of the output f at initialisation, N × N. */
  readonly K: Float64Array;
  /** NTK of f (unweighted, i.e. η = 1), N × N. */
  readonly theta: Float64Array;
}

/** The infinite-width NNGP and NTK of the mlp's output on the dataset's inputs (see the header). */
export function analyticKernels(act: Activation, sw2: number, L: number, data: Dataset): AnalyticKernels {
  const { N, d, x } = data;
  const duals = dualKernels(act);
  const K = new Float64Array(N * N);
  const theta = new Float64Array(N * N);
  const dot = (a: number, b: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[a * d + j] * x[b * d + j];
    return s / d;
  };
  for (let a = 0; a < N; a++)
    for (let b = a; b < N; b++) {
      const p = mlpKernelRecursion(duals, sw2, 0, { k11: dot(a, a), k12: dot(a, b), k22: dot(b, b) }, L + 1, true);
      const last = p.layers.length - 1;
      if (last !== L || !p.ntk) throw new Error(`analyticKernels: the recursion stopped at layer ${p.layers[last]} of ${L + 1}`);
      K[a * N + b] = K[b * N + a] = p.k12[last];
      theta[a * N + b] = theta[b * N + a] = p.ntk.t12[last];
    }
  return { N, K, theta };
}

/** f_t, t = 0..T (row t of the (T+1) × N result), of the linearised dynamics from f₀. */
export function linearisedOutputs(thetaEta: Float64Array, f0: Float64Array, y: Float64Array, T: number): Float64Array {
  const N = y.length;
  const out = new Float64Array((T + 1) * N);
  const r = new Float64Array(N);
  const next = new Float64Array(N);
  for (let a = 0; a < N; a++) {
    r[a] = f0[a] - y[a];
    out[a] = f0[a];
  }
  for (let t = 1; t <= T; t++) {
    for (let a = 0; a < N; a++) {
      let s = 0;
      for (let b = 0; b < N; b++) s += thetaEta[a * N + b] * r[b];
      next[a] = r[a] - s / N;
    }
    for (let a = 0; a < N; a++) {
      r[a] = next[a];
      out[t * N + a] = y[a] + r[a];
    }
  }
  return out;
}

/**
 * The kernel prediction of the mean training loss over initialisations: f₀ ~ N(0, K), so with
 * A = I − Θ_η/N (symmetric), E ½‖A^t(f₀ − y)‖²/N = (‖A^t y‖² + tr(A^t K A^t))/(2N).
 */
export function expectedLossCurve(thetaEta: Float64Array, K: Float64Array, y: Float64Array, T: number): Float64Array {
  const N = y.length;
  const out = new Float64Array(T + 1);
  // Carry A^t y and the columns of A^t K^{1/2}-free form: M_t = A^t K A^t, updated as A M A.
  let v = Float64Array.from(y);
  let M = Float64Array.from(K);
  const applyA = (src: Float64Array, cols: number, dst: Float64Array) => {
    // dst = A·src for an N × cols matrix src (row-major).
    for (let a = 0; a < N; a++)
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (let b = 0; b < N; b++) s += thetaEta[a * N + b] * src[b * cols + c];
        dst[a * cols + c] = src[a * cols + c] - s / N;
      }
  };
  const tmp = new Float64Array(N * N);
  const tmpT = new Float64Array(N * N);
  const v2 = new Float64Array(N);
  for (let t = 0; t <= T; t++) {
    let yy = 0;
    let tr = 0;
    for (let a = 0; a < N; a++) {
      yy += v[a] * v[a];
      tr += M[a * N + a];
    }
    out[t] = (yy + tr) / (2 * N);
    if (t === T) break;
    applyA(v, 1, v2);
    v = Float64Array.from(v2);
    applyA(M, N, tmp); // A M
    for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) tmpT[a * N + b] = tmp[b * N + a];
    applyA(tmpT, N, tmp); // A (A M)ᵀ = A M A (M and A symmetric)
    M = Float64Array.from(tmp);
  }
  return out;
}

export interface NtkRegimeOptions {
  readonly params: readonly ParamName[];
  readonly widths: readonly number[];
  readonly L: number;
  readonly steps: number;
  readonly seeds: number;
  readonly eta: number;
  readonly act: Activation;
  readonly sw2: number;
  readonly seed: number;
  readonly data: Dataset;
  /** Points of the 1-D slice (ntkSlice.ts) on which the trained nets and the prediction are compared; 0 or absent: none. */
  readonly slice?: number;
}

export interface NtkRegimeParam {
  readonly param: ParamName;
  /** Per width: mean over seeds of max_t RMS_a |f_t(x_a) − f_t^lin(x_a)| (the network's own f₀). */
  readonly distance: number[];
  /** Its standard error over seeds. */
  readonly distanceSe: number[];
  readonly distanceSlope: SlopeFit;
  /** Per width: mean over seeds of the training loss at t = 0..steps. */
  readonly loss: number[][];
  /** With a slice: per width, f_T on the slice points, mean over seeds and its standard error. */
  readonly slice?: { readonly mean: number[][]; readonly se: number[][] };
}

export interface NtkRegimeResult {
  readonly widths: readonly number[];
  readonly steps: number;
  readonly seeds: number;
  /** The kernel prediction of the mean loss curve (NTK parametrisation's f₀ ~ GP). */
  readonly predictedLoss: number[];
  /** With a slice: its angles and the kernel prediction of f_T there (mean, sd over initialisations). */
  readonly slice?: SlicePrediction;
  readonly params: NtkRegimeParam[];
}

/** Why a parametrisation has no kernel prediction here (c ≠ 0), or undefined. */
export function ntkRegimeParamIssue(param: ParamName): string | undefined {
  const exps = presetExponents(param, 'sgd');
  return exps.hidden.c !== 0 || exps.input.c !== 0 || exps.output.c !== 0
    ? `parametrisation ${param} has learning-rate exponents c ≠ 0; the kernel prediction here is for one fixed learning rate on every layer`
    : undefined;
}

/**
 * Multiply–adds of the whole sweep (its progress total; the cost model's count): the training
 * steps, plus the N × N kernel prediction's O(N³) per step (expectedLossCurve: A·M·A).
 */
export function ntkRegimeWork(o: NtkRegimeOptions): number {
  const N = o.data.N;
  const nets = o.widths.reduce((sum, n) => sum + o.params.length * o.seeds * ((o.steps + 1) * stepWork(n, o.L, o.data.d, N) + drawWork(n, o.L, o.data.d)), 0);
  const slice = o.slice ? o.widths.reduce((sum, n) => sum + o.params.length * o.seeds * stepWork(n, o.L, o.data.d, o.slice!) / 3, 0) + slicePredictionWork(N, o.L, o.steps, o.slice) : 0;
  return nets + predictionWork(o) + slice;
}

/** The kernel prediction's O(N³) per step (expectedLossCurve: A·M·A). */
function predictionWork(o: NtkRegimeOptions): number {
  return 2 * o.steps * o.data.N ** 3;
}

/**
 * Full-batch SGD on the dataset (mse) for finite nets vs the linearised dynamics with the analytic
 * NTK, as a sweep (work.ts): widths outer, then parametrisations and coupled seeds; a tick per step,
 * a partial result per width. runNtkRegime drains it.
 */
export function* ntkRegimeSweep(o: NtkRegimeOptions): Sweep<NtkRegimeResult> {
  if (o.data.loss !== 'mse') throw new RangeError(`NTK regime: task ${o.data.task} has loss ${o.data.loss}; the linearised dynamics here are for mse`);
  const bad = sweepIssue(o);
  if (bad) throw new RangeError(`NTK regime: ${bad}`);
  for (const p of o.params) {
    const why = ntkRegimeParamIssue(p);
    if (why) throw new RangeError(`NTK regime: ${why}`);
  }
  const { data, widths, seeds, steps, L } = o;
  const N = data.N;
  const kern = analyticKernels(o.act, o.sw2, L, data);
  const thetaEta = kern.theta.map((v) => o.eta * v);
  const predictedLoss = Array.from(expectedLossCurve(thetaEta, kern.K, data.y, steps));
  const per = o.params.map((param) => ({
    param,
    exps: presetExponents(param, 'sgd'),
    dist: widths.map(() => new Float64Array(seeds)),
    loss: widths.map(() => new Float64Array(steps + 1)),
  }));
  const f = new Float64Array((steps + 1) * N);
  const work = (n: number) => stepWork(n, L, data.d, N);
  const total = ntkRegimeWork(o);
  const slice = o.slice ? slicePrediction(o.act, o.sw2, L, data, kern, o.eta, steps, o.slice) : undefined;
  const sliceZ = o.slice ? sliceInputs(data, o.slice).z : undefined;
  const sliceF = per.map(() => widths.map(() => Array.from({ length: o.slice ?? 0 }, () => new Float64Array(seeds))));
  let done = predictionWork(o) + (o.slice ? slicePredictionWork(N, L, steps, o.slice) : 0);
  const result = (k: number): NtkRegimeResult => ({
    widths: widths.slice(0, k),
    steps,
    seeds,
    predictedLoss,
    ...(slice ? { slice } : {}),
    params: per.map(({ param, dist, loss }, pi): NtkRegimeParam => {
      const d = dist.slice(0, k);
      const sl = sliceF[pi].slice(0, k);
      return {
        ...(slice ? { slice: { mean: sl.map((byZ) => byZ.map(meanOf)), se: sl.map((byZ) => byZ.map(seOf)) } } : {}),
        param,
        distance: d.map((a) => a.reduce((x, y) => x + y, 0) / a.length),
        distanceSe: d.map((a) => {
          const m = a.reduce((x, y) => x + y, 0) / a.length;
          return a.length < 2 ? Number.NaN : Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1) / a.length);
        }),
        distanceSlope: k >= 2 ? jackknifeSlope(widths.slice(0, k), d) : { slope: Number.NaN, se: Number.NaN },
        loss: loss.slice(0, k).map((a) => Array.from(a)),
      };
    }),
  });
  for (let w = 0; w < widths.length; w++) {
    const n = widths[w];
    for (const [pi, { exps, dist, loss }] of per.entries()) {
      for (let s = 0; s < seeds; s++) {
        const net = new TrainNetwork({ arch: 'mlp', act: o.act, n, L, d: data.d, sw2: o.sw2, exponents: exps, eta: o.eta, seed: o.seed, net: s });
        const opt = new Optimizer(net, 'sgd');
        done += drawWork(n, L, data.d);
        for (let t = 0; t <= steps; t++) {
          net.forward(data.x, N);
          f.set(net.out, t * N);
          if (t === steps) loss[w][t] += net.loss(data.y, 'mse') / seeds;
          else {
            loss[w][t] += net.backward(data.x, data.y, 'mse') / seeds;
            opt.step();
          }
          done += work(n);
          yield { done, total };
        }
        const lin = linearisedOutputs(thetaEta, f.subarray(0, N), data.y, steps);
        let worst = 0;
        for (let t = 0; t <= steps; t++) {
          let ss = 0;
          for (let a = 0; a < N; a++) ss += (f[t * N + a] - lin[t * N + a]) ** 2;
          worst = Math.max(worst, Math.sqrt(ss / N));
        }
        dist[w][s] = worst;
        if (sliceZ && o.slice) {
          // The trained net on the slice: a forward pass only (a third of a step's work).
          net.forward(sliceZ, o.slice);
          for (let j = 0; j < o.slice; j++) sliceF[pi][w][j][s] = net.out[j];
          done += stepWork(n, L, data.d, o.slice) / 3;
        }
      }
    }
    const k = w + 1;
    yield { done, total, partial: () => result(k) };
  }
  return result(widths.length);
}

export function runNtkRegime(o: NtkRegimeOptions): NtkRegimeResult {
  return drain(ntkRegimeSweep(o));
}

function meanOf(a: Float64Array): number {
  let m = 0;
  for (const v of a) m += v / a.length;
  return m;
}

/** Standard error of the mean over seeds (NaN for one seed). */
function seOf(a: Float64Array): number {
  const S = a.length;
  if (S < 2) return Number.NaN;
  const m = meanOf(a);
  let v = 0;
  for (const x of a) v += (x - m) ** 2;
  return Math.sqrt(v / (S - 1) / S);
}
