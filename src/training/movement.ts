/**
 * Kernel and feature movement against width (issue 17 §4): after T steps on a fixed batch,
 *   ‖Θ_T − Θ_0‖_F / ‖Θ_0‖_F  of the lr-weighted empirical NTK on the batch (network.ts), and
 *   ‖W^l_T − W^l_0‖₂ / ‖W^l_0‖₂  per layer, in spectral norm — the norm in which feature learning
 *   is Θ(1) under µP (Yang, Simon & Bernstein 2023, "A spectral condition for feature learning"):
 *   in Frobenius norm a hidden layer's update is rank ≤ batch and the ratio falls like n^{−1/2}
 *   under every parametrisation, which would hide the difference.
 * Coupled seeds and a jackknife SE for the slopes (powerLaw.ts), as in coordCheck.ts.
 */
import type { Activation } from '../core/activations.ts';
import { movementExponents, type MovementExponents } from './exponents.ts';
import { TrainNetwork } from './network.ts';
import { Optimizer } from './optimizer.ts';
import { presetExponents, type OptimizerName, type ParamName } from './parametrisation.ts';
import { jackknifeSlope, type SlopeFit } from './powerLaw.ts';
import { sweepIssue, type WidthSweepOptions } from './sweepOptions.ts';
import type { Dataset } from './tasks.ts';
import { drain, drawWork, stepWork, type Sweep } from './work.ts';

/**
 * Largest singular value of the rows × cols matrix A (row-major) by power iteration on AᵀA from
 * the all-ones start (deterministic). `iters` iterations; returns ‖A v‖ for the last unit v, a
 * lower bound that converges geometrically in (σ₂/σ₁)². For a Gaussian matrix the gap at the edge
 * is small and 60 iterations leave it a few per cent low — the same at every width, so a width
 * slope is unaffected to ~0.01 (checked in movement.test.ts against Bai–Yin's 2√n).
 */
export function spectralNorm(A: Float64Array, rows: number, cols: number, iters = 60): number {
  let v = new Float64Array(cols).fill(1 / Math.sqrt(cols));
  const u = new Float64Array(rows);
  let w = new Float64Array(cols);
  let sigma = 0;
  for (let it = 0; it < iters; it++) {
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += A[i * cols + j] * v[j];
      u[i] = s;
    }
    let nu = 0;
    for (let i = 0; i < rows; i++) nu += u[i] * u[i];
    sigma = Math.sqrt(nu);
    if (sigma === 0) return 0;
    w.fill(0);
    for (let i = 0; i < rows; i++) {
      const ui = u[i];
      for (let j = 0; j < cols; j++) w[j] += A[i * cols + j] * ui;
    }
    let nw = 0;
    for (let j = 0; j < cols; j++) nw += w[j] * w[j];
    nw = Math.sqrt(nw);
    for (let j = 0; j < cols; j++) w[j] /= nw;
    const t = v;
    v = w;
    w = t;
  }
  return sigma;
}

export interface MovementOptions extends WidthSweepOptions {
  /** Power-iteration steps for ‖W(0)‖₂. */
  readonly powerIters?: number;
}

export interface MovementParam {
  readonly param: ParamName;
  /** Per width: mean over seeds of ‖Θ_T − Θ_0‖_F/‖Θ_0‖_F, and its standard error. */
  readonly kernel: number[];
  readonly kernelSe: number[];
  /** [layer][width]: mean over seeds of ‖ΔW^l‖₂/‖W^l(0)‖₂ (input, hidden…, readout). */
  readonly weights: number[][];
  readonly kernelSlope: SlopeFit;
  readonly weightSlopes: SlopeFit[];
  readonly theory: MovementExponents | { readonly reason: string };
}

export interface MovementResult {
  readonly widths: readonly number[];
  readonly steps: number;
  readonly seeds: number;
  readonly params: MovementParam[];
}

function movementWorkParts(o: MovementOptions): { work: (n: number) => number; extra: (n: number) => number } {
  const B = o.data.N;
  const work = (n: number) => stepWork(n, o.L, o.data.d, B);
  // Per network, besides its steps: two empirical NTKs (a forward and an input-gradient pass over
  // the batch, 2B·weights, plus the B² inner products of every layer's δ and x) and the power
  // iterations of the spectral norms (two products with every matrix per iteration).
  const extra = (n: number) => {
    const weights = work(n) / (3 * B + 1);
    return 2 * (2 * B * weights + B * B * n * (o.L + 1)) + 2 * (30 + (o.powerIters ?? 60)) * weights + drawWork(n, o.L, o.data.d);
  };
  return { work, extra };
}

/** Multiply–adds of the whole movement sweep (its progress total; the cost model's count). */
export function movementWork(o: MovementOptions): number {
  const { work, extra } = movementWorkParts(o);
  return o.widths.reduce((sum, n) => sum + o.params.length * o.seeds * (o.steps * work(n) + extra(n)), 0);
}

/**
 * The movement sweep (work.ts): widths outer, then parametrisations, then coupled seeds; a tick per
 * optimiser step, a partial result per width. runMovement drains it.
 */
export function* movementSweep(o: MovementOptions): Sweep<MovementResult> {
  const bad = sweepIssue(o);
  if (bad) throw new RangeError(`movement: ${bad}`);
  const { widths, L, seeds, data } = o;
  const B = data.N;
  const per = o.params.map((param) => ({
    param,
    exps: presetExponents(param, o.optimizer),
    kernelAll: widths.map(() => new Float64Array(seeds)),
    weightAll: Array.from({ length: L + 1 }, () => widths.map(() => new Float64Array(seeds))),
  }));
  const theta0 = new Float64Array(B * B);
  const theta1 = new Float64Array(B * B);
  // A step, plus the two empirical NTKs (B per-sample backward passes each) and the spectral norms
  // (power iterations: 2 products with each matrix per iteration) once per network.
  const { work, extra } = movementWorkParts(o);
  const total = movementWork(o);
  let done = 0;
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
  const result = (k: number): MovementResult => ({
    widths: widths.slice(0, k),
    steps: o.steps,
    seeds,
    params: per.map(({ param, exps, kernelAll, weightAll }): MovementParam => {
      const ws = widths.slice(0, k);
      const kern = kernelAll.slice(0, k);
      const wts = weightAll.map((byW) => byW.slice(0, k));
      const th = movementExponents(exps, L, o.optimizer);
      const none = { slope: Number.NaN, se: Number.NaN };
      return {
        param,
        kernel: kern.map(mean),
        kernelSe: kern.map(standardError),
        weights: wts.map((byW) => byW.map(mean)),
        kernelSlope: k >= 2 ? jackknifeSlope(ws, kern) : none,
        weightSlopes: wts.map((byW) => (k >= 2 ? jackknifeSlope(ws, byW) : none)),
        theory: th.ok ? th.value : { reason: th.reason },
      };
    }),
  });
  for (let w = 0; w < widths.length; w++) {
    const n = widths[w];
    for (const { exps, kernelAll, weightAll } of per) {
      for (let s = 0; s < seeds; s++) {
        const net = new TrainNetwork({ arch: 'mlp', act: o.act, n, L, d: data.d, sw2: o.sw2, exponents: exps, eta: o.eta, seed: o.seed, net: s });
        const W0 = net.weights.map((x) => x.slice());
        net.empiricalNtk(data.x, B, theta0);
        const opt = new Optimizer(net, o.optimizer);
        for (let t = 0; t < o.steps; t++) {
          net.forward(data.x, B);
          net.backward(data.x, data.y, data.loss);
          opt.step();
          done += work(n);
          yield { done, total };
        }
        net.empiricalNtk(data.x, B, theta1);
        let num = 0;
        let den = 0;
        for (let j = 0; j < B * B; j++) {
          num += (theta1[j] - theta0[j]) ** 2;
          den += theta0[j] ** 2;
        }
        kernelAll[w][s] = Math.sqrt(num / den);
        // The power iterations are the bulk of this network's extra work at large n: a tick after
        // each layer keeps a cancel within one layer's norms (work counted per layer, summing to extra(n)).
        const powerWork = (ly: { nIn: number; nOut: number }) => 2 * (30 + (o.powerIters ?? 60)) * ly.nIn * ly.nOut;
        let counted = 0;
        for (let k = 0; k < net.layers.length; k++) {
          const ly = net.layers[k];
          const dW = net.weights[k].slice();
          for (let j = 0; j < dW.length; j++) dW[j] -= W0[k][j];
          weightAll[k][w][s] = spectralNorm(dW, ly.nOut, ly.nIn, 30) / spectralNorm(W0[k], ly.nOut, ly.nIn, o.powerIters ?? 60);
          done += powerWork(ly);
          counted += powerWork(ly);
          yield { done, total };
        }
        done += extra(n) - counted;
        yield { done, total };
      }
    }
    const k = w + 1;
    yield { done, total, partial: () => result(k) };
  }
  return result(widths.length);
}

export function runMovement(o: MovementOptions): MovementResult {
  return drain(movementSweep(o));
}

/** Standard error of the mean over seeds (sample sd/√S; NaN for one seed). */
function standardError(a: Float64Array): number {
  const S = a.length;
  if (S < 2) return Number.NaN;
  const m = a.reduce((x, y) => x + y, 0) / S;
  return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (S - 1) / S);
}
