/**
 * The image of the curve on its top two principal components (issue 18 §2: the curve view's
 * picture). For the k image points z_a ∈ R^n with centred kernel K_c = (1/n) Z_cᵀ Z_c (k × k, as in
 * curveMeasures.ts), K_c = V Λ Vᵀ and the coordinates of point a on component j are √λ_j V[a, j]
 * (kernel PCA: Z_c/√n = U Λ^{1/2} Vᵀ, so the projection of z_a − z̄ on the j-th principal axis, per √n,
 * is √λ_j V[a, j]).
 * The top two eigenpairs come from the cyclic Jacobi method on K_c for k ≤ 96 (deterministic to
 * rounding: the page and the CLI agree), and above that from subspace iteration on a block of four
 * vectors (warm-started from the previous layer's, whose image is close) with a Rayleigh–Ritz step
 * (Golub & Van Loan, Matrix Computations, §8.2.4), stopped when the Ritz values change by less than
 * 1e−10 relatively (eigenvectors to ~1e−5: for k > 96 the picture may differ between engines in
 * its last digits).
 */

const BLOCK = 4;
const MAX_ITERATIONS = 300;

/**
 * Modified Gram–Schmidt on the columns of Q (k × BLOCK, row-major, finite); a column that vanishes is
 * replaced by the next unit vector e_r not yet tried (at most k + BLOCK tries in all, so it ends).
 */
function orthonormalise(Q: Float64Array, k: number): void {
  let replacement = 0;
  for (let j = 0; j < BLOCK; j++) {
    let before = 0;
    for (let a = 0; a < k; a++) before += Q[a * BLOCK + j] ** 2;
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let a = 0; a < k; a++) dot += Q[a * BLOCK + j] * Q[a * BLOCK + p];
      for (let a = 0; a < k; a++) Q[a * BLOCK + j] -= dot * Q[a * BLOCK + p];
    }
    let norm = 0;
    for (let a = 0; a < k; a++) norm += Q[a * BLOCK + j] ** 2;
    norm = Math.sqrt(norm);
    // Relative test: what is left after removing the earlier columns may be rounding noise (a column
    // in their span), which normalised would be a direction not orthogonal to them.
    if (!(norm > 1e-8 * Math.sqrt(before)) || !(norm > 1e-300)) {
      if (replacement >= k + BLOCK) {
        // k < BLOCK: fewer independent directions than columns; leave the rest at zero.
        for (let a = 0; a < k; a++) Q[a * BLOCK + j] = 0;
        continue;
      }
      const r = replacement++ % k;
      for (let a = 0; a < k; a++) Q[a * BLOCK + j] = a === r ? 1 : 0;
      j--; // orthogonalise the replacement against the earlier columns
      continue;
    }
    for (let a = 0; a < k; a++) Q[a * BLOCK + j] /= norm;
  }
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (A is overwritten). */
function jacobiEigen(A: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  let norm2 = 0;
  for (let i = 0; i < m * m; i++) norm2 += A[i] * A[i];
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += A[p * m + q] ** 2;
    // Off-diagonal mass below rounding of the whole matrix (relative: K may be 1e−100 or 1e100).
    if (!(off > 1e-32 * norm2)) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = A[p * m + q];
        if (apq === 0) continue;
        const theta = (A[q * m + q] - A[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const arp = A[r * m + p];
          const arq = A[r * m + q];
          A[r * m + p] = c * arp - s * arq;
          A[r * m + q] = s * arp + c * arq;
        }
        for (let r = 0; r < m; r++) {
          const apr = A[p * m + r];
          const aqr = A[q * m + r];
          A[p * m + r] = c * apr - s * aqr;
          A[q * m + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < m; r++) {
          const vrp = V[r * m + p];
          const vrq = V[r * m + q];
          V[r * m + p] = c * vrp - s * vrq;
          V[r * m + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = A[i * m + i];
  return { values, vectors: V };
}

export interface CurveImage2D {
  /** Coordinates of the k points on the first and second principal components (per √n). */
  readonly pc1: Float64Array;
  readonly pc2: Float64Array;
  /** (λ₁ + λ₂)/tr K_c: the share of the image's variance the picture shows. */
  readonly explained: number;
  /** The block to warm-start the next layer with. */
  readonly basis: Float64Array;
}

/**
 * Top two principal coordinates of the points whose centred kernel is K (k × k, symmetric, full).
 * `warm`: the basis of the previous layer; `previous`: its coordinates, to fix the signs (an
 * eigenvector's sign is arbitrary; the animation should not flip).
 */
/** Up to this k the picture uses the full Jacobi eigen-decomposition (O(k³) a sweep, accurate to rounding). */
export const DIRECT_EIGEN_MAX_K = 96;

/**
 * Top two eigenpairs by cyclic Jacobi on the whole k × k matrix: the same numbers, to rounding, in
 * every JavaScript engine (an iterative method stopped by a tolerance is not: a last-bit difference in
 * its input can change its number of steps, and its eigenvectors are converged only to about the
 * square root of the tolerance).
 */
function directTopTwo(K: Float64Array, k: number): { values: [number, number]; v1: Float64Array; v2: Float64Array } {
  const { values, vectors } = jacobiEigen(Float64Array.from(K), k);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => values[b] - values[a]);
  const column = (j: number) => Float64Array.from({ length: k }, (_, a) => vectors[a * k + j]);
  return { values: [values[order[0]], values[order[1]]], v1: column(order[0]), v2: column(order[1]) };
}

export function topTwoComponents(K: Float64Array, k: number, warm?: Float64Array, previous?: { pc1: Float64Array; pc2: Float64Array }): CurveImage2D {
  const Q = new Float64Array(k * BLOCK);
  // A network that left f64 (overflow: ∞ or NaN in its kernel) has no picture at this layer.
  for (let i = 0; i < k * k; i++) {
    if (!Number.isFinite(K[i])) return { pc1: new Float64Array(k).fill(NaN), pc2: new Float64Array(k).fill(NaN), explained: NaN, basis: new Float64Array(0) };
  }
  let ritz: Float64Array = new Float64Array(BLOCK);
  if (k <= DIRECT_EIGEN_MAX_K) {
    const d = directTopTwo(K, k);
    ritz[0] = d.values[0];
    ritz[1] = d.values[1];
    for (let a = 0; a < k; a++) {
      Q[a * BLOCK] = d.v1[a];
      Q[a * BLOCK + 1] = d.v2[a];
    }
    return finish(K, k, Q, ritz, previous);
  }
  if (warm && warm.length === k * BLOCK) Q.set(warm);
  else for (let a = 0; a < k; a++) for (let j = 0; j < BLOCK; j++) Q[a * BLOCK + j] = Math.cos((a + 1) * (j + 1) * 0.7 + j); // deterministic start
  orthonormalise(Q, k);
  const KQ = new Float64Array(k * BLOCK);
  let vectors: Float64Array = new Float64Array(BLOCK * BLOCK);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    KQ.fill(0);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const kab = K[a * k + b];
        if (kab === 0) continue;
        for (let j = 0; j < BLOCK; j++) KQ[a * BLOCK + j] += kab * Q[b * BLOCK + j];
      }
    }
    // Rayleigh–Ritz: H = Qᵀ K Q (BLOCK × BLOCK), then rotate Q onto H's eigenvectors.
    const H = new Float64Array(BLOCK * BLOCK);
    for (let i = 0; i < BLOCK; i++) for (let j = 0; j < BLOCK; j++) for (let a = 0; a < k; a++) H[i * BLOCK + j] += Q[a * BLOCK + i] * KQ[a * BLOCK + j];
    for (let i = 0; i < BLOCK; i++) for (let j = i + 1; j < BLOCK; j++) H[i * BLOCK + j] = H[j * BLOCK + i] = 0.5 * (H[i * BLOCK + j] + H[j * BLOCK + i]);
    const eig = jacobiEigen(H, BLOCK);
    const order = [0, 1, 2, 3].sort((x, y) => eig.values[y] - eig.values[x]);
    const values = Float64Array.from(order, (i) => eig.values[i]);
    vectors = eig.vectors;
    const converged = it > 0 && Math.abs(values[0] - ritz[0]) <= 1e-10 * Math.abs(values[0]) && Math.abs(values[1] - ritz[1]) <= 1e-10 * Math.abs(values[0]);
    ritz = values;
    // Next block: K Q rotated onto the Ritz vectors (in order), orthonormalised.
    const next = new Float64Array(k * BLOCK);
    for (let a = 0; a < k; a++) for (let j = 0; j < BLOCK; j++) for (let i = 0; i < BLOCK; i++) next[a * BLOCK + j] += (converged ? Q : KQ)[a * BLOCK + i] * vectors[i * BLOCK + order[j]];
    Q.set(next);
    orthonormalise(Q, k);
    if (converged) break;
  }
  return finish(K, k, Q, ritz, previous);
}

/** Coordinates √λ_j V[a, j] from the top two columns of Q, signs aligned with the previous layer's picture. */
function finish(K: Float64Array, k: number, Q: Float64Array, ritz: Float64Array, previous?: { pc1: Float64Array; pc2: Float64Array }): CurveImage2D {
  let trace = 0;
  for (let a = 0; a < k; a++) trace += K[a * k + a];
  const pc1 = new Float64Array(k);
  const pc2 = new Float64Array(k);
  const s1 = Math.sqrt(Math.max(0, ritz[0]));
  const s2 = Math.sqrt(Math.max(0, ritz[1]));
  for (let a = 0; a < k; a++) {
    pc1[a] = s1 * Q[a * BLOCK];
    pc2[a] = s2 * Q[a * BLOCK + 1];
  }
  // Signs: agree with the previous layer's picture (else: the first point on the positive side).
  const align = (pc: Float64Array, prev: Float64Array | undefined, col: number) => {
    let dot = 0;
    if (prev) for (let a = 0; a < k; a++) dot += pc[a] * prev[a];
    else dot = pc[0] === 0 ? 1 : pc[0];
    if (dot < 0) {
      for (let a = 0; a < k; a++) pc[a] = -pc[a];
      for (let a = 0; a < k; a++) Q[a * BLOCK + col] = -Q[a * BLOCK + col];
    }
  };
  align(pc1, previous?.pc1, 0);
  align(pc2, previous?.pc2, 1);
  return { pc1, pc2, explained: trace > 0 ? (Math.max(0, ritz[0]) + Math.max(0, ritz[1])) / trace : NaN, basis: Q };
}
