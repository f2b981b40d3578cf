/**
 * Infinite-width kernels of the controlled ResNet at finite depth L, and the inhomogeneous limit.
 * (Muça Cirone, Lemercier & Salvi 2023; model in network.ts, notation of pde.ts.)
 *
 * Homogeneous (weights shared across steps). The forward pass uses each A_k only as A_k·h (never
 * its transpose), so in the infinite-width limit every g = A_k φ(S_i(x)) is a centred Gaussian
 * vector, jointly over all steps i, paths x and channels k, with E[g_r g'_r] = σA² E[φφ'] for the
 * same k and 0 across k (Yang's Netsor master theorem; no transpose, so no correction terms).
 * Summing the increments gives, on the uniform partition t_i = i/L, exactly
 *
 *   K_{i+1,j+1} = K_{i+1,j} + K_{i,j+1} − K_{i,j} + [σA² V_φ(K^{xx}_{ii}, K_{ij}, K^{yy}_{jj}) + σb²]⟨Δx_i, Δy_j⟩,
 *   K_{0,j} = K_{i,0} = σ0²,
 *
 * the explicit (first-order) scheme of the PDE in pde.ts on the L × L grid: the law of the width-∞
 * network at depth L, and an O(1/L) approximation of the PDE kernel.
 *
 * Inhomogeneous (fresh weights every step, A_{k,i} ~ N(0, σA²/(n Δt)), b ~ N(0, σb²/Δt)): the
 * increments of different steps are independent, only the same step of two paths correlates, and
 *
 *   κ_{i+1} = κ_i + [σA² V_φ(κ^{xx}_i, κ_i, κ^{yy}_i) + σb²]⟨Δx_i, Δy_i⟩/Δt,   κ_0 = σ0²,
 *
 * exactly at any width in mean for φ = id and in the limit for any φ; as L → ∞ it is the ODE
 * dκ/dt = [σA² V_φ(κ^{xx}, κ, κ^{yy}) + σb²]⟨ẋ_t, ẏ_t⟩ (the paper's inhomogeneous kernel, §3.2).
 */
import type { Path } from '../../core/paths.ts';
import { uniformIncrements } from '../../core/paths.ts';
import type { NskParams } from './pde.ts';

function dot(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += a[i * d + k] * b[j * d + k];
  return s;
}

/** Self-kernel K^{xx}_{i,j} of the explicit scheme on the L×L grid (row-major, (L+1)²). */
function sharedSelfGrid(dx: Float64Array, d: number, L: number, p: NskParams): Float64Array {
  const W = L + 1;
  const f = (a: number, c: number, b: number) => p.sa2 * p.V(a, c, b) + p.sb2;
  // The scheme at (i+1, j+1) needs only the diagonal up to max(i, j), so a row-by-row sweep of the
  // lower triangle (and its mirror) is explicit.
  const K = new Float64Array(W * W).fill(p.s02);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j <= i; j++) {
      const v = K[(i + 1) * W + j] + K[i * W + j + 1] - K[i * W + j] + f(K[i * W + i], K[i * W + j], K[j * W + j]) * dot(dx, i, dx, j, d);
      K[(i + 1) * W + j + 1] = v;
      K[(j + 1) * W + i + 1] = v;
    }
  }
  return K;
}

/** Cross kernel K^{xy}_{i,j} of the explicit scheme, given the self-kernels' diagonals. */
function sharedCrossGrid(dx: Float64Array, dy: Float64Array, d: number, L: number, p: NskParams, diagX: Float64Array, diagY: Float64Array): Float64Array {
  const W = L + 1;
  const f = (a: number, c: number, b: number) => p.sa2 * p.V(a, c, b) + p.sb2;
  const K = new Float64Array(W * W).fill(p.s02);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) K[(i + 1) * W + j + 1] = K[(i + 1) * W + j] + K[i * W + j + 1] - K[i * W + j] + f(diagX[i], K[i * W + j], diagY[j]) * dot(dx, i, dy, j, d);
  }
  return K;
}

const diagonal = (K: Float64Array, W: number) => Float64Array.from({ length: W }, (_, i) => K[i * W + i]);

/**
 * The width-∞ Gram of the homogeneous network at depth L over several paths: the explicit scheme
 * above. Returns G[a][b] = K^{x_a x_b}_{L,L}.
 */
export function sharedDiscreteGram(paths: readonly Path[], L: number, p: NskParams): number[][] {
  const d = paths[0].d;
  const W = L + 1;
  const incs = paths.map((x) => uniformIncrements(x, L));
  const diags = incs.map((dx) => diagonal(sharedSelfGrid(dx, d, L, p), W));
  const P = paths.length;
  const G = Array.from({ length: P }, (_, a) => Array.from({ length: P }, (_, b) => (a === b ? diags[a][L] : 0)));
  for (let a = 0; a < P; a++) {
    for (let b = a + 1; b < P; b++) {
      const K = sharedCrossGrid(incs[a], incs[b], d, L, p, diags[a], diags[b]);
      G[a][b] = G[b][a] = K[W * W - 1];
    }
  }
  return G;
}

/** The kernel of two paths at equal steps, i = 0..L (the depth profile of the lab's first two inputs). */
export interface PairProfile {
  readonly k11: Float64Array;
  readonly k12: Float64Array;
  readonly k22: Float64Array;
}

/** Homogeneous: K^{xx}_{i,i}, K^{xy}_{i,i}, K^{yy}_{i,i} of the explicit scheme, i = 0..L. */
export function sharedDiscreteProfile(x: Path, y: Path, L: number, p: NskParams): PairProfile {
  const d = x.d;
  const W = L + 1;
  const dx = uniformIncrements(x, L);
  const dy = uniformIncrements(y, L);
  const k11 = diagonal(sharedSelfGrid(dx, d, L, p), W);
  const k22 = diagonal(sharedSelfGrid(dy, d, L, p), W);
  const k12 = diagonal(sharedCrossGrid(dx, dy, d, L, p, k11, k22), W);
  return { k11, k12, k22 };
}

/** Inhomogeneous: κ_i for paths x, y, i = 0..L. */
export function unsharedDiscreteProfile(x: Path, y: Path, L: number, p: NskParams): PairProfile {
  const d = x.d;
  const dx = uniformIncrements(x, L);
  const dy = uniformIncrements(y, L);
  const f = (a: number, c: number, b: number) => p.sa2 * p.V(a, c, b) + p.sb2;
  const k11 = new Float64Array(L + 1).fill(p.s02);
  const k12 = new Float64Array(L + 1).fill(p.s02);
  const k22 = new Float64Array(L + 1).fill(p.s02);
  for (let i = 0; i < L; i++) {
    k11[i + 1] = k11[i] + f(k11[i], k11[i], k11[i]) * dot(dx, i, dx, i, d) * L;
    k22[i + 1] = k22[i] + f(k22[i], k22[i], k22[i]) * dot(dy, i, dy, i, d) * L;
    k12[i + 1] = k12[i] + f(k11[i], k12[i], k22[i]) * dot(dx, i, dy, i, d) * L;
  }
  return { k11, k12, k22 };
}

/** The width-∞ Gram of the inhomogeneous network at depth L: κ_L for every pair of paths. */
export function unsharedDiscreteGram(paths: readonly Path[], L: number, p: NskParams): number[][] {
  const d = paths[0].d;
  const incs = paths.map((x) => uniformIncrements(x, L));
  const P = paths.length;
  const f = (a: number, c: number, b: number) => p.sa2 * p.V(a, c, b) + p.sb2;
  let G = Array.from({ length: P }, () => new Array<number>(P).fill(p.s02));
  for (let i = 0; i < L; i++) {
    const next = G.map((row) => row.slice());
    for (let a = 0; a < P; a++) for (let b = a; b < P; b++) next[a][b] = next[b][a] = G[a][b] + f(G[a][a], G[a][b], G[b][b]) * dot(incs[a], i, incs[b], i, d) * L;
    G = next;
  }
  return G;
}

/** Merged knot times of several paths (sorted, unique). */
function mergedKnots(paths: readonly Path[]): number[] {
  const all = paths.flatMap((x) => Array.from(x.times));
  all.sort((u, v) => u - v);
  return all.filter((t, i) => i === 0 || t - all[i - 1] > 1e-15);
}

/**
 * The inhomogeneous limit kernel κ(1) (the ODE above) over several paths: classical RK4 on the
 * merged knots (ẋ constant between them), each interval cut into 2^refine steps; order 4.
 */
export function inhomogeneousGramAt(paths: readonly Path[], refine: number, p: NskParams): number[][] {
  const { G } = inhomogeneousTrajectory(paths, refine, p);
  return G[G.length - 1];
}

/**
 * κ along t: G[j] at times t[j] (the merged knots, each interval cut into 2^refine RK4 steps);
 * `inhomogeneousGramAt` is its last entry.
 */
export function inhomogeneousTrajectory(paths: readonly Path[], refine: number, p: NskParams): { t: number[]; G: number[][][] } {
  const P = paths.length;
  const d = paths[0].d;
  const knots = mergedKnots(paths);
  const f = (a: number, c: number, b: number) => p.sa2 * p.V(a, c, b) + p.sb2;
  let G = Array.from({ length: P }, () => new Array<number>(P).fill(p.s02));
  const ts: number[] = [0];
  const Gs: number[][][] = [G];
  const vel = (x: Path, t: number): Float64Array => {
    // ẋ on the interval containing t (t strictly inside it).
    let s = 0;
    while (s < x.times.length - 2 && x.times[s + 1] <= t) s++;
    const h = x.times[s + 1] - x.times[s];
    return Float64Array.from({ length: d }, (_, k) => (x.values[(s + 1) * d + k] - x.values[s * d + k]) / h);
  };
  const rhs = (g: number[][], ip: number[][]) => g.map((row, a) => row.map((c, b) => f(g[a][a], c, g[b][b]) * ip[a][b]));
  const add = (g: number[][], k: number[][], h: number) => g.map((row, a) => row.map((c, b) => c + h * k[a][b]));
  for (let s = 0; s + 1 < knots.length; s++) {
    const mid = (knots[s] + knots[s + 1]) / 2;
    const v = paths.map((x) => vel(x, mid));
    const ip = v.map((va) => v.map((vb) => dot(va, 0, vb, 0, d)));
    const steps = 2 ** refine;
    const h = (knots[s + 1] - knots[s]) / steps;
    for (let r = 0; r < steps; r++) {
      const k1 = rhs(G, ip);
      const k2 = rhs(add(G, k1, h / 2), ip);
      const k3 = rhs(add(G, k2, h / 2), ip);
      const k4 = rhs(add(G, k3, h), ip);
      G = G.map((row, a) => row.map((c, b) => c + (h / 6) * (k1[a][b] + 2 * k2[a][b] + 2 * k3[a][b] + k4[a][b])));
      ts.push(knots[s] + (r + 1) * h);
      Gs.push(G);
    }
  }
  return { t: ts, G: Gs };
}

/** RK4's order: Richardson's estimate divides the difference of two levels by 2⁴ − 1. */
export const ODE_ORDER = 4;

/** κ(1) at refinements λ + 1 (value) and λ, with Richardson's error estimate, per pair. */
export function inhomogeneousGram(paths: readonly Path[], refine: number, p: NskParams): { value: number; errorEstimate: number }[][] {
  const fine = inhomogeneousGramAt(paths, refine + 1, p);
  const coarse = inhomogeneousGramAt(paths, refine, p);
  return fine.map((row, a) => row.map((v, b) => ({ value: v, errorEstimate: Math.abs(v - coarse[a][b]) / (2 ** ODE_ORDER - 1) })));
}
