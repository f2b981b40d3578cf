/**
 * Infinite-width kernel recursions for two inputs x_a, x_b (DESIGN.md §1; L counts weight
 * matrices, the kernel at layer l is that of the pre-activations z^l):
 *
 *   mlp     (Lee et al. 2018 eq. 4; NTK: Jacot et al. 2018 Thm 1, NTK parametrisation)
 *           K¹ = σw² X + σb²,  K^{l+1} = σw² F(K^l) + σb²,
 *           Θ¹ = K¹,           Θ^{l+1} = K^{l+1} + σw² F'(K^l) ∘ Θ^l,       layers 1..L;
 *   resnet  (Hayou 2022; Hayou & Yang 2023) K⁰ = X,
 *           K^l = K^{l−1} + L^{−2α} (σw² F(K^{l−1}) + σb²),                   layers 0..L
 *           (the cross term Y·branch vanishes at infinite width: fresh, mean-zero weights);
 *   shaped  (Li, Nica & Roy 2022) φ_s with s± = 1 + c±/√n, c = 2/(s₊² + s₋²),
 *           K¹ = σw² X + σb², K^{l+1} = c F_{φ_s}(K^l),                       layers 1..L
 *           (the infinite-width network with this exact activation: the drift of the SDE).
 *
 * F acts entrywise on the 2×2 kernel: (F(K11,K11,K11), F(K11,K12,K22), F(K22,K22,K22)).
 */
import { shapedActivation } from '../core/activations.ts';
import { inputGram } from '../core/inputs.ts';
import type { TheoryBlock } from './blocks.ts';
import { dualKernels, type DualKernels, type Precision } from './dual.ts';

/** A 2×2 kernel over the inputs (x_a, x_b): K11 = K(x_a, x_a), K12, K22. */
export interface Kernel2x2 {
  readonly k11: number;
  readonly k12: number;
  readonly k22: number;
}

/** A kernel profile over depth (Float64Arrays, one entry per recorded layer). */
export interface KernelProfile {
  /** 1-based layer indices (mlp, shaped) or 0..L (resnet). */
  readonly layers: number[];
  readonly k11: Float64Array;
  readonly k12: Float64Array;
  readonly k22: Float64Array;
  /** The NTK Θ^l (mlp with ntk only). */
  readonly ntk?: { readonly t11: Float64Array; readonly t12: Float64Array; readonly t22: Float64Array };
  /** ρ = K12/√(K11 K22) at each layer, from the (possibly rescaled) kernel: defined where K leaves f64 (KernelScale). */
  readonly rho: Float64Array;
}

/** The input Gram data X of x_a, x_b (X12 = √(q1 q2)·ρ₀ exactly, from core/inputs.ts). */
export function inputKernel(q1: number, q2: number, rho0: number): Kernel2x2 {
  const X = inputGram({ q1, q2, rho0, k: 2 });
  return { k11: X[0], k12: X[1], k22: X[3] };
}

/**
 * ρ = K12/(√K11·√K22), clamped to [−1, 1] against rounding (Cauchy–Schwarz holds exactly for the
 * exact kernel; the computed one may exceed it by a few ulps); 0 when a diagonal entry is 0.
 * The product of roots, not the root of the product: K11·K22 overflows at K ≈ 1.3e154 while ρ is
 * still defined (issue 20). NaN when an entry is not finite (a fault names that layer).
 */
export function kernelCorrelation(k11: number, k12: number, k22: number): number {
  if (!Number.isFinite(k11) || !Number.isFinite(k12) || !Number.isFinite(k22)) return NaN;
  const den = Math.sqrt(k11) * Math.sqrt(k22);
  if (!(den > 0)) return 0;
  return Math.max(-1, Math.min(1, k12 / den));
}

/**
 * The three dual-kernel entries F(K) = (F(K11), F(K11,K12,K22), F(K22)) with two exact
 * shortcuts: K11 = K22 reuses the diagonal, and a repeated K (a profile that has reached its
 * fixed point in floating point) reuses the last values. Both return bit-identical numbers.
 */
class EntrywiseDual {
  private last: [number, number, number] = [NaN, NaN, NaN];
  private value: [number, number, number] = [NaN, NaN, NaN];
  constructor(
    private readonly cross: (a: number, c: number, b: number) => number,
    private readonly diag: (a: number) => number,
  ) {}

  apply(k11: number, k12: number, k22: number): [number, number, number] {
    const l = this.last;
    if (l[0] === k11 && l[1] === k12 && l[2] === k22) return this.value;
    const f11 = this.diag(k11);
    const f22 = k22 === k11 ? f11 : this.diag(k22);
    const f12 = this.cross(k11, k12, k22);
    this.last = [k11, k12, k22];
    this.value = [f11, f12, f22];
    return this.value;
  }
}

function newProfile(layers: number[], withNtk: boolean): KernelProfile {
  const n = layers.length;
  return {
    layers,
    k11: new Float64Array(n),
    k12: new Float64Array(n),
    k22: new Float64Array(n),
    rho: new Float64Array(n),
    ...(withNtk ? { ntk: { t11: new Float64Array(n), t12: new Float64Array(n), t22: new Float64Array(n) } } : {}),
  };
}

/**
 * K = 2^e·K̂ (issue 20): for positively homogeneous φ the recursions run on K̂ and keep the
 * exponent e apart, so that ρ (scale-free) and the scaled kernel go on where K itself leaves f64;
 * the recorded q is K̂·2^e, which is ±∞ or 0 there (a fault names the layer). Rescaling happens
 * only when K̂ leaves [2^−400, 2^400] and is by exact powers of two: in range nothing changes.
 */
class KernelScale {
  e = 0;
  constructor(private readonly on: boolean) {}

  /** Renormalise (k11, k12, k22) in place; returns the exponent d of the factor 2^−d applied (0: none). */
  renormalise(k: [number, number, number]): number {
    if (!this.on) return 0;
    const m = Math.max(Math.abs(k[0]), Math.abs(k[2]));
    if (!(m > 0) || !Number.isFinite(m) || (m > 2 ** -400 && m < 2 ** 400)) return 0;
    const d = Math.floor(Math.log2(m));
    for (let a = 0; a < 3; a++) k[a] = times2(k[a], -d);
    this.e += d;
    return d;
  }

  /** The true value x·2^e of a scaled entry (±∞ or 0 where it leaves f64). */
  value(x: number): number {
    return times2(x, this.e);
  }

  /** σb² in the units of K̂. */
  bias(sb2: number): number {
    return times2(sb2, -this.e);
  }
}

/** x·2^d, exact where the result is a normal f64 (2^d in two factors: 2^d alone leaves f64 for |d| > 1023). */
export function times2(x: number, d: number): number {
  if (d === 0) return x;
  const h = Math.trunc(d / 2);
  return x * Math.pow(2, h) * Math.pow(2, d - h);
}

/**
 * Writes layer i of the profile from the recursion's state K = 2^e·K̂ (and Θ̂ in the same units),
 * and stops the profile once the state itself has left f64 (∞ or NaN: without KernelScale, as
 * soon as K does): the layers after it are NaN (null in the JSON) and faults.ts names the first
 * layer and the cause. Returns true when it stopped.
 */
function record(p: KernelProfile, i: number, scale: KernelScale, k: readonly number[], t?: readonly number[]): boolean {
  p.k11[i] = scale.value(k[0]);
  p.k12[i] = scale.value(k[1]);
  p.k22[i] = scale.value(k[2]);
  p.rho[i] = kernelCorrelation(k[0], k[1], k[2]);
  if (p.ntk && t) {
    p.ntk.t11[i] = scale.value(t[0]);
    p.ntk.t12[i] = scale.value(t[1]);
    p.ntk.t22[i] = scale.value(t[2]);
  }
  if ([...k, ...(t ?? [])].every(Number.isFinite)) return false;
  const all = [p.k11, p.k12, p.k22, p.rho, ...(p.ntk ? [p.ntk.t11, p.ntk.t12, p.ntk.t22] : [])];
  for (const arr of all) arr.fill(NaN, i + 1);
  return true;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let l = from; l <= to; l++) out.push(l);
  return out;
}

/**
 * MLP NNGP (and NTK) recursion, layers 1..L: K¹ = σw² X + σb², K^{l+1} = σw² F(K^l) + σb²,
 * Θ¹ = K¹, Θ^{l+1} = K^{l+1} + σw² F'(K^l) Θ^l (entrywise).
 */
export function mlpKernelRecursion(
  duals: DualKernels,
  sw2: number,
  sb2: number,
  X: Kernel2x2,
  L: number,
  withNtk = false,
): KernelProfile {
  const p = newProfile(range(1, L), withNtk);
  const F = new EntrywiseDual(duals.F, duals.Fdiag);
  const Fp = new EntrywiseDual(duals.Fp, duals.Fpdiag);
  const scale = new KernelScale(duals.homogeneous === true);
  const k: [number, number, number] = [sw2 * X.k11 + sb2, sw2 * X.k12 + sb2, sw2 * X.k22 + sb2];
  const t: [number, number, number] = [k[0], k[1], k[2]];
  for (let i = 0; i < L; i++) {
    if (i > 0) {
      // Θ^{l+1} needs F'(K^l): take it before K is overwritten by K^{l+1}. In the units of K̂:
      // F(2^e K̂) = 2^e F(K̂) and F'(2^e K̂) = F'(K̂) (homogeneous φ), σb² becomes σb²·2^{−e}.
      const [f11, f12, f22] = F.apply(k[0], k[1], k[2]);
      const g = p.ntk ? Fp.apply(k[0], k[1], k[2]) : null;
      const b = scale.bias(sb2);
      k[0] = sw2 * f11 + b;
      k[1] = sw2 * f12 + b;
      k[2] = sw2 * f22 + b;
      if (g) {
        t[0] = k[0] + sw2 * g[0] * t[0];
        t[1] = k[1] + sw2 * g[1] * t[1];
        t[2] = k[2] + sw2 * g[2] * t[2];
      }
    }
    const d = scale.renormalise(k);
    if (d !== 0) for (let a = 0; a < 3; a++) t[a] = times2(t[a], -d);
    if (record(p, i, scale, k, p.ntk ? t : undefined)) break;
  }
  return p;
}

/**
 * Finite-depth ResNet at infinite width, layers 0..L: K⁰ = X,
 * K^l = K^{l−1} + L^{−2α} (σw² F(K^{l−1}) + σb²) — the Euler scheme of the covariance ODE
 * (resnetOde.ts) with step 1/L when α = 1/2.
 */
export function resnetKernelRecursion(
  duals: DualKernels,
  sw2: number,
  sb2: number,
  X: Kernel2x2,
  L: number,
  alpha: number,
): KernelProfile {
  const p = newProfile(range(0, L), false);
  const F = new EntrywiseDual(duals.F, duals.Fdiag);
  const branch = Math.pow(L, -2 * alpha);
  const scale = new KernelScale(duals.homogeneous === true);
  const k: [number, number, number] = [X.k11, X.k12, X.k22];
  record(p, 0, scale, k);
  for (let l = 1; l <= L; l++) {
    const [f11, f12, f22] = F.apply(k[0], k[1], k[2]);
    const b = scale.bias(sb2);
    k[0] += branch * (sw2 * f11 + b);
    k[1] += branch * (sw2 * f12 + b);
    k[2] += branch * (sw2 * f22 + b);
    scale.renormalise(k);
    if (record(p, l, scale, k)) break;
  }
  return p;
}

/** The normalisation c = 2/(s₊² + s₋²) of the shaped MLP (Li, Nica & Roy 2022, eq. 3). */
export function shapedNormalisation(cp: number, cm: number, n: number): number {
  const sp = 1 + cp / Math.sqrt(n);
  const sm = 1 + cm / Math.sqrt(n);
  return 2 / (sp * sp + sm * sm);
}

/** Shaped MLP at infinite width, layers 1..L: K¹ = σw² X + σb², K^{l+1} = c F_{φ_s}(K^l). */
export function shapedKernelRecursion(
  cp: number,
  cm: number,
  n: number,
  sw2: number,
  sb2: number,
  X: Kernel2x2,
  L: number,
): KernelProfile {
  const duals = dualKernels(shapedActivation(cp, cm, n));
  const c = shapedNormalisation(cp, cm, n);
  const p = newProfile(range(1, L), false);
  const F = new EntrywiseDual(duals.F, duals.Fdiag);
  const scale = new KernelScale(true); // φ_s is piecewise linear: homogeneous
  const k: [number, number, number] = [sw2 * X.k11 + sb2, sw2 * X.k12 + sb2, sw2 * X.k22 + sb2];
  for (let i = 0; i < L; i++) {
    if (i > 0) {
      const [f11, f12, f22] = F.apply(k[0], k[1], k[2]);
      k[0] = c * f11;
      k[1] = c * f12;
      k[2] = c * f22;
    }
    scale.renormalise(k);
    if (record(p, i, scale, k)) break;
  }
  return p;
}

/**
 * The `theory` block of the result document (DESIGN.md §6) from a kernel profile: q11, q12, q22, ρ
 * at every recorded layer; ntk11/12/22 when the profile carries the NTK (mlp with ntk). The
 * profile of a spec comes from its architecture (archs/theory.ts `theoryBlock`).
 */
export function theoryBlockOf(p: KernelProfile): TheoryBlock {
  return {
    layers: p.layers,
    q11: Array.from(p.k11),
    q12: Array.from(p.k12),
    q22: Array.from(p.k22),
    rho: Array.from(p.rho),
    ...(p.ntk ? { ntk11: Array.from(p.ntk.t11), ntk12: Array.from(p.ntk.t12), ntk22: Array.from(p.ntk.t22) } : {}),
  };
}
