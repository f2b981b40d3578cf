/**
 * The NTK regime on a 1-D slice of inputs (issue 17 §4): the function a network has learnt after T
 * steps of full-batch GD, on a great circle of inputs through the first two training inputs, and
 * the infinite-width prediction there — the linearised dynamics with the analytic NTK, whose
 * function is Gaussian over initialisations (f₀ ~ GP(0, K)), so a mean and a band.
 *
 * Linearised GD (Lee et al. 2019, eq. 9–10, in discrete time; ntkRegime.ts): with r_s = f_s(X) − y
 * and A = I − ηΘ/N, r_s = A^s r₀, and at any input z
 *     f_T(z) = f₀(z) − (η/N) Θ(z, X) Σ_{s<T} A^s r₀ = f₀(z) − cᵀ(f₀(X) − y),   c = (η/N) S_T Θ(X, z),
 * S_T = Σ_{s<T} A^s (A symmetric). Over f₀ ~ GP(0, K):
 *     E f_T(z) = cᵀy,   Var f_T(z) = K(z, z) − 2cᵀK(X, z) + cᵀK(X, X)c.
 */
import type { Activation } from '../core/activations.ts';
import { dualKernels } from '../theory/dual.ts';
import { mlpKernelRecursion } from '../theory/nngp.ts';
import type { AnalyticKernels } from './ntkRegime.ts';
import type { Dataset } from './tasks.ts';

/**
 * k inputs on the great circle through x₀ and x₁ of radius √d (the teacher's sphere):
 * z(θ) = cos θ · e₁ + sin θ · e₂ with e₁ = x₀, e₂ = the part of x₁ orthogonal to x₀ rescaled to |e₂| = √d,
 * θ_j = 2πj/k. Row-major k × d.
 */
export function sliceInputs(data: Dataset, k: number): { theta: number[]; z: Float64Array } {
  const { d, x } = data;
  if (data.N < 2) throw new RangeError(`NTK slice: the training set has ${data.N} input; the slice through x₀ and x₁ needs two`);
  const e1 = x.slice(0, d);
  const e2 = x.slice(d, 2 * d);
  let dot = 0;
  let n1 = 0;
  for (let j = 0; j < d; j++) {
    dot += e1[j] * e2[j];
    n1 += e1[j] * e1[j];
  }
  for (let j = 0; j < d; j++) e2[j] -= (dot / n1) * e1[j];
  let n2 = 0;
  for (let j = 0; j < d; j++) n2 += e2[j] * e2[j];
  if (!(n2 > 1e-12 * n1)) throw new RangeError('NTK slice: x₀ and x₁ are parallel; no circle through them');
  const s1 = Math.sqrt(d / n1);
  const s2 = Math.sqrt(d / n2);
  const theta: number[] = [];
  const z = new Float64Array(k * d);
  for (let i = 0; i < k; i++) {
    const t = (2 * Math.PI * i) / k;
    theta.push(t);
    for (let j = 0; j < d; j++) z[i * d + j] = Math.cos(t) * s1 * e1[j] + Math.sin(t) * s2 * e2[j];
  }
  return { theta, z };
}

/** NNGP and NTK of the output between two inputs (layer L + 1 of the lab's recursion, σb = 0). */
function pairKernels(duals: ReturnType<typeof dualKernels>, sw2: number, L: number, a: Float64Array, b: Float64Array, d: number): { K: number; theta: number; Kaa: number } {
  let aa = 0;
  let ab = 0;
  let bb = 0;
  for (let j = 0; j < d; j++) {
    aa += a[j] * a[j];
    ab += a[j] * b[j];
    bb += b[j] * b[j];
  }
  const p = mlpKernelRecursion(duals, sw2, 0, { k11: aa / d, k12: ab / d, k22: bb / d }, L + 1, true);
  const last = p.layers.length - 1;
  if (last !== L || !p.ntk) throw new Error(`NTK slice: the recursion stopped at layer ${p.layers[last]} of ${L + 1}`);
  return { K: p.k12[last], theta: p.ntk.t12[last], Kaa: p.k11[last] };
}

export interface SlicePrediction {
  readonly theta: number[];
  /** E f_T(z_j) and its standard deviation over initialisations, per slice point. */
  readonly mean: number[];
  readonly sd: number[];
}

/** The kernel prediction of f_T on the slice (see the header); `kern` is analyticKernels on the training set. */
export function slicePrediction(act: Activation, sw2: number, L: number, data: Dataset, kern: AnalyticKernels, eta: number, T: number, k: number): SlicePrediction {
  const { N, d, x, y } = data;
  const { theta, z } = sliceInputs(data, k);
  const duals = dualKernels(act);
  const mean: number[] = [];
  const sd: number[] = [];
  const thz = new Float64Array(N);
  const kz = new Float64Array(N);
  const u = new Float64Array(N);
  const w = new Float64Array(N);
  const next = new Float64Array(N);
  for (let i = 0; i < k; i++) {
    const zi = z.subarray(i * d, (i + 1) * d);
    let Kzz = 0;
    for (let a = 0; a < N; a++) {
      const p = pairKernels(duals, sw2, L, zi, x.subarray(a * d, (a + 1) * d), d);
      thz[a] = p.theta;
      kz[a] = p.K;
      Kzz = p.Kaa;
    }
    // u = S_T Θ(X, z) = Σ_{s<T} A^s Θ(X, z), A = I − ηΘ/N.
    u.fill(0);
    w.set(thz);
    for (let s = 0; s < T; s++) {
      for (let a = 0; a < N; a++) u[a] += w[a];
      for (let a = 0; a < N; a++) {
        let acc = 0;
        for (let b = 0; b < N; b++) acc += kern.theta[a * N + b] * w[b];
        next[a] = w[a] - (eta * acc) / N;
      }
      w.set(next);
    }
    let cy = 0;
    let ck = 0;
    let cKc = 0;
    for (let a = 0; a < N; a++) {
      const ca = (eta / N) * u[a];
      cy += ca * y[a];
      ck += ca * kz[a];
      let row = 0;
      for (let b = 0; b < N; b++) row += kern.K[a * N + b] * (eta / N) * u[b];
      cKc += ca * row;
    }
    mean.push(cy);
    // Rounding can leave a variance that is 0 in exact arithmetic slightly negative (z a training input at T → ∞).
    sd.push(Math.sqrt(Math.max(0, Kzz - 2 * ck + cKc)));
  }
  return { theta, mean, sd };
}

/** Multiply–adds of the prediction: N + 1 recursions per point (counted as L + 1 layers each) and T products with Θ. */
export function slicePredictionWork(N: number, L: number, T: number, k: number): number {
  return k * (N * 20 * (L + 1) + T * N * N + N * N);
}
