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
  /** Per width: mean over seeds of ‖Θ_T − Θ_0‖_F/‖Θ_0‖_F. */
  readonly kernel: number[];
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

export function runMovement(o: MovementOptions): MovementResult {
  const bad = sweepIssue(o);
  if (bad) throw new RangeError(`movement: ${bad}`);
  const { widths, L, seeds, data } = o;
  const B = data.N;
  const params = o.params.map((param): MovementParam => {
    const exps = presetExponents(param, o.optimizer);
    const kernelAll = widths.map(() => new Float64Array(seeds));
    const weightAll = Array.from({ length: L + 1 }, () => widths.map(() => new Float64Array(seeds)));
    const theta0 = new Float64Array(B * B);
    const theta1 = new Float64Array(B * B);
    widths.forEach((n, w) => {
      for (let s = 0; s < seeds; s++) {
        const net = new TrainNetwork({ arch: 'mlp', act: o.act, n, L, d: data.d, sw2: o.sw2, exponents: exps, eta: o.eta, seed: o.seed, net: s });
        const W0 = net.weights.map((x) => x.slice());
        net.empiricalNtk(data.x, B, theta0);
        const opt = new Optimizer(net, o.optimizer);
        for (let t = 0; t < o.steps; t++) {
          net.forward(data.x, B);
          net.backward(data.x, data.y, data.loss);
          opt.step();
        }
        net.empiricalNtk(data.x, B, theta1);
        let num = 0;
        let den = 0;
        for (let j = 0; j < B * B; j++) {
          num += (theta1[j] - theta0[j]) ** 2;
          den += theta0[j] ** 2;
        }
        kernelAll[w][s] = Math.sqrt(num / den);
        net.layers.forEach((ly, k) => {
          const dW = net.weights[k].slice();
          for (let j = 0; j < dW.length; j++) dW[j] -= W0[k][j];
          weightAll[k][w][s] = spectralNorm(dW, ly.nOut, ly.nIn, 30) / spectralNorm(W0[k], ly.nOut, ly.nIn, o.powerIters ?? 60);
        });
      }
    });
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    const th = movementExponents(exps, L, o.optimizer);
    return {
      param,
      kernel: kernelAll.map(mean),
      weights: weightAll.map((byW) => byW.map(mean)),
      kernelSlope: jackknifeSlope(widths, kernelAll),
      weightSlopes: weightAll.map((byW) => jackknifeSlope(widths, byW)),
      theory: th.ok ? th.value : { reason: th.reason },
    };
  });
  return { widths, steps: o.steps, seeds, params };
}
