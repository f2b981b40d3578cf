/**
 * The neural signature kernel PDE (Muça Cirone, Lemercier & Salvi 2023, Theorem 3.3 / eq. (6)),
 * in f64, for piecewise-linear paths x, y: [0, 1] → R^d:
 *
 *   K(s, t) = σ0² + ∫₀ˢ∫₀ᵗ [σA² V_φ(Σ(σ, τ)) + σb²] ⟨dx_σ, dy_τ⟩,
 *   Σ(σ, τ) = [[K^{xx}(σ, σ), K^{xy}(σ, τ)], [K^{xy}(σ, τ), K^{yy}(τ, τ)]],
 *   V_φ(Σ) = E[φ(u)φ(v)], (u, v) ~ N(0, Σ)   (the lab's dual kernel F_φ, DESIGN.md §2),
 *
 * i.e. ∂s∂t K = [σA² V_φ + σb²]⟨ẋ_s, ẏ_t⟩ with K(0, ·) = K(·, 0) = σ0² (a Goursat problem). For
 * φ = id, V = K^{xy} and the equation is linear: with σb = 0, σ0 = σA = 1 it is the signature
 * kernel PDE of Salvi et al. (2021), K(1, 1) = Σ_k ⟨S^k(x), S^k(y)⟩.
 *
 * Discretisation (our choice; the sigkernel package of Salvi et al. uses an explicit second-order
 * scheme for the linear case only): the grid is the paths' knots, each segment cut into 2^λ
 * (dyadic refinement λ), so ⟨ẋ, ẏ⟩ is constant on every cell. On a cell the double integral of
 * f = σA²V + σb² is the 4-corner trapezoid rule, the unknown corner predicted by the 2-corner
 * rule (Heun): local error O(h⁴), global error O(h²) — order p = 2, checked in pde.test.ts by a
 * fitted slope. The error estimate is Richardson's: E ≈ (K_{λ+1} − K_λ)/(2^p − 1).
 *
 * The diagonals K^{xx}(s, s) that V needs come from the self-kernel of x on the same refined grid;
 * there the corner (k, k) is needed while its own shell is computed, so each shell is computed
 * twice: first with K(k, k) extrapolated linearly, then with the value that pass gave.
 */
import type { DualKernel } from '../../core/activations.ts';
import type { Path } from '../../core/paths.ts';

/** The paper's variances (σ0², σA², σb²) and the activation's dual kernel V_φ = F_φ. */
export interface NskParams {
  readonly s02: number;
  readonly sa2: number;
  readonly sb2: number;
  /** V_φ(a, c, b) = E[φ(u)φ(v)], (u, v) ~ N(0, [[a, c], [c, b]]). */
  readonly V: DualKernel;
}

/** Order p of the scheme's global error (Richardson's estimate divides by 2^p − 1). */
export const PDE_ORDER = 2;
/** Largest dyadic refinement accepted (a grid of m·2^λ cells per side). */
export const MAX_REFINE = 10;

/** The increments of a path with every segment cut into 2^λ equal parts (m·2^λ rows of d). */
export function refinedIncrements(path: Path, refine: number): Float64Array {
  const { d, values } = path;
  const m = path.times.length - 1;
  const parts = 2 ** refine;
  const out = new Float64Array(m * parts * d);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < d; k++) {
      const step = (values[(i + 1) * d + k] - values[i * d + k]) / parts;
      for (let r = 0; r < parts; r++) out[(i * parts + r) * d + k] = step;
    }
  }
  return out;
}

function dot(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += a[i * d + k] * b[j * d + k];
  return s;
}

/**
 * Self-kernel K^{xx}(s, t) on the refined grid (N + 1)² of x, N = m·2^λ; returns the full grid
 * (row-major). Needed whole for its diagonal and for the network view of K(s, t).
 */
export function selfKernelGrid(x: Path, refine: number, p: NskParams): Float64Array {
  const d = x.d;
  const dx = refinedIncrements(x, refine);
  const N = dx.length / d;
  const W = N + 1;
  const K = new Float64Array(W * W);
  for (let i = 0; i < W; i++) {
    K[i] = p.s02;
    K[i * W] = p.s02;
  }
  const f = (a: number, c: number, b: number) => p.sa2 * p.V(a, c, b) + p.sb2;
  for (let k = 1; k <= N; k++) {
    // Predicted diagonal value for this shell: linear extrapolation (k ≥ 2), Euler at k = 1.
    let Dk = k >= 2 ? 2 * K[(k - 1) * W + k - 1] - K[(k - 2) * W + k - 2] : p.s02 + f(p.s02, p.s02, p.s02) * dot(dx, 0, dx, 0, d);
    for (let pass = 0; pass < 2; pass++) {
      const diag = (i: number) => (i === k ? Dk : K[i * W + i]);
      for (let j = 1; j <= k; j++) {
        // Cell (k−1, j−1) → node (k, j); node (k−1, j) is K(j, k−1) by symmetry (j ≤ k).
        const k00 = K[(k - 1) * W + j - 1];
        const k10 = K[k * W + j - 1];
        const k01 = j === k ? K[k * W + k - 1] : K[(k - 1) * W + j];
        const inc = dot(dx, k - 1, dx, j - 1, d);
        const A = k10 + k01 - k00;
        const f00 = f(diag(k - 1), k00, diag(j - 1));
        const f10 = f(diag(k), k10, diag(j - 1));
        const f01 = f(diag(k - 1), k01, diag(j));
        const pred = A + (inc * (f10 + f01)) / 2;
        const f11 = f(diag(k), pred, diag(j));
        const v = A + (inc * (f00 + f10 + f01 + f11)) / 4;
        K[k * W + j] = v;
        K[j * W + k] = v;
      }
      Dk = K[k * W + k];
    }
  }
  return K;
}

/** The diagonal s ↦ K^{xx}(s, s) on the refined grid of x. */
export function selfKernelDiagonal(x: Path, refine: number, p: NskParams): Float64Array {
  const K = selfKernelGrid(x, refine, p);
  const W = Math.round(Math.sqrt(K.length));
  return Float64Array.from({ length: W }, (_, i) => K[i * W + i]);
}

/**
 * Cross kernel K^{xy}(s, t) on the refined grids of x (rows) and y (columns), given the diagonals
 * of the self-kernels on the same grids. Returns the full grid (row-major, (Nx+1) × (Ny+1)).
 */
export function crossKernelGrid(x: Path, y: Path, refine: number, p: NskParams, diagX: Float64Array, diagY: Float64Array): Float64Array {
  const d = x.d;
  const dx = refinedIncrements(x, refine);
  const dy = refinedIncrements(y, refine);
  const Nx = dx.length / d;
  const Ny = dy.length / d;
  const W = Ny + 1;
  const K = new Float64Array((Nx + 1) * W);
  K.fill(p.s02, 0, W);
  // f at the nodes of the previous row, cached: one V evaluation per node plus one per prediction.
  let fPrev = new Float64Array(W);
  let fCur = new Float64Array(W);
  const f = (a: number, c: number, b: number) => p.sa2 * p.V(a, c, b) + p.sb2;
  for (let j = 0; j <= Ny; j++) fPrev[j] = f(diagX[0], p.s02, diagY[j]);
  for (let i = 0; i < Nx; i++) {
    const r0 = i * W;
    const r1 = (i + 1) * W;
    K[r1] = p.s02;
    fCur[0] = f(diagX[i + 1], p.s02, diagY[0]);
    for (let j = 0; j < Ny; j++) {
      const inc = dot(dx, i, dy, j, d);
      const A = K[r1 + j] + K[r0 + j + 1] - K[r0 + j];
      const f00 = fPrev[j];
      const f10 = fCur[j];
      const f01 = fPrev[j + 1];
      const pred = A + (inc * (f10 + f01)) / 2;
      const f11p = f(diagX[i + 1], pred, diagY[j + 1]);
      const v = A + (inc * (f00 + f10 + f01 + f11p)) / 4;
      K[r1 + j + 1] = v;
      fCur[j + 1] = f(diagX[i + 1], v, diagY[j + 1]);
    }
    [fPrev, fCur] = [fCur, fPrev];
  }
  return K;
}

export interface PdeKernelValue {
  /** K(1, 1) on the finer grid (refinement λ + 1). */
  readonly value: number;
  /** K(1, 1) on the grid of refinement λ. */
  readonly coarse: number;
  /** Richardson's estimate of the finer value's error, |K_{λ+1} − K_λ|/(2^p − 1). */
  readonly errorEstimate: number;
  /** The Richardson-extrapolated value K_{λ+1} + (K_{λ+1} − K_λ)/(2^p − 1). */
  readonly extrapolated: number;
}

function richardson(fine: number, coarse: number): PdeKernelValue {
  const delta = (fine - coarse) / (2 ** PDE_ORDER - 1);
  return { value: fine, coarse, errorEstimate: Math.abs(delta), extrapolated: fine + delta };
}

/** K^{xy}(1, 1) at refinement `refine` (one grid, no error estimate). */
export function pdeKernelAt(x: Path, y: Path, refine: number, p: NskParams): number {
  if (x === y) {
    const K = selfKernelGrid(x, refine, p);
    return K[K.length - 1];
  }
  const K = crossKernelGrid(x, y, refine, p, selfKernelDiagonal(x, refine, p), selfKernelDiagonal(y, refine, p));
  return K[K.length - 1];
}

/** K^{xy}(1, 1) at refinements λ and λ + 1 with Richardson's error estimate. */
export function pdeKernel(x: Path, y: Path, refine: number, p: NskParams): PdeKernelValue {
  return richardson(pdeKernelAt(x, y, refine + 1, p), pdeKernelAt(x, y, refine, p));
}

/**
 * The Gram matrix K^{x_a x_b}(1, 1) over several paths, each entry with its Richardson estimate:
 * the self-kernels' diagonals are computed once per path and level.
 */
export function pdeGram(paths: readonly Path[], refine: number, p: NskParams): PdeKernelValue[][] {
  const P = paths.length;
  const levels = [refine, refine + 1].map((lvl) => {
    const selves = paths.map((x) => selfKernelGrid(x, lvl, p));
    const diags = selves.map((K) => {
      const W = Math.round(Math.sqrt(K.length));
      return Float64Array.from({ length: W }, (_, i) => K[i * W + i]);
    });
    const G: number[][] = Array.from({ length: P }, () => new Array<number>(P).fill(0));
    for (let a = 0; a < P; a++) {
      G[a][a] = selves[a][selves[a].length - 1];
      for (let b = a + 1; b < P; b++) {
        const K = crossKernelGrid(paths[a], paths[b], lvl, p, diags[a], diags[b]);
        G[a][b] = G[b][a] = K[K.length - 1];
      }
    }
    return G;
  });
  return Array.from({ length: P }, (_, a) => Array.from({ length: P }, (_, b) => richardson(levels[1][a][b], levels[0][a][b])));
}
