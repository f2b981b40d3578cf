/**
 * Numerical rank of the m × n feature matrix of the curve's k image points (issue 18 §5), next to
 * the participation ratio: the number of singular values s_j of the centred features Z_c/√n above
 * RANK_THRESHOLD · s_1. The s_j² are the eigenvalues of the k × k centred kernel K_c = Z_cᵀZ_c/n
 * (curveMeasures.ts), so the rank counts eigenvalues λ_j ≥ RANK_THRESHOLD² · λ_1.
 *
 * Eigenvalues of a symmetric matrix: Householder reduction to tridiagonal form, then the implicit
 * QL method with Wilkinson shifts (Golub & Van Loan, Matrix Computations 4th ed., §8.3; EISPACK
 * tred1/tql1): O(k³) with no eigenvectors, backward stable (each λ_j within ~k·ε·‖K‖ of the truth).
 */

/**
 * Relative threshold on the singular values. 1e−3 keeps the count far above f64 rounding (ε·k ≈
 * 1e−13 of s_1) and above f32 rounding of a GPU-reduced kernel (≈ 1e−6 of λ_1, i.e. 1e−3 of s_1 is
 * λ ≥ 1e−6 λ_1 — the count may differ by one between engines only for an eigenvalue within f32
 * rounding of the threshold).
 */
export const RANK_THRESHOLD = 1e-3;

/**
 * √(a² + b²) without overflow, from IEEE-exact operations only (Math.hypot's last bit may differ between
 * JavaScript engines; the page's and the CLI's digests must not).
 */
function pythag(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = Math.max(x, y);
  if (big === 0) return 0;
  const r = Math.min(x, y) / big;
  return big * Math.sqrt(1 + r * r);
}

/** The eigenvalues of the symmetric k × k matrix A (row-major; A is not modified), in decreasing order. */
export function symmetricEigenvalues(A: Float64Array, k: number): Float64Array {
  const a = Float64Array.from(A.subarray(0, k * k));
  const d = new Float64Array(k);
  const e = new Float64Array(k);
  // Householder: for i = k−1 … 1, annihilate row i left of the subdiagonal (tred1, lower triangle).
  for (let i = k - 1; i > 0; i--) {
    const l = i - 1;
    let h = 0;
    let scale = 0;
    for (let j = 0; j <= l; j++) scale += Math.abs(a[i * k + j]);
    if (l === 0 || scale === 0) {
      e[i] = a[i * k + l];
      d[i] = 0;
      continue;
    }
    for (let j = 0; j <= l; j++) {
      a[i * k + j] /= scale;
      h += a[i * k + j] ** 2;
    }
    const f = a[i * k + l];
    const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[i] = scale * g;
    h -= f * g;
    a[i * k + l] = f - g;
    let ff = 0;
    for (let j = 0; j <= l; j++) {
      let s = 0;
      for (let m = 0; m <= j; m++) s += a[j * k + m] * a[i * k + m];
      for (let m = j + 1; m <= l; m++) s += a[m * k + j] * a[i * k + m];
      e[j] = s / h;
      ff += e[j] * a[i * k + j];
    }
    const hh = ff / (h + h);
    for (let j = 0; j <= l; j++) {
      const fj = a[i * k + j];
      const gj = e[j] - hh * fj;
      e[j] = gj;
      for (let m = 0; m <= j; m++) a[j * k + m] -= fj * e[m] + gj * a[i * k + m];
    }
    d[i] = h;
  }
  for (let i = 0; i < k; i++) d[i] = a[i * k + i];
  // Implicit QL on (d, e): e[i] is the subdiagonal entry between i − 1 and i; shift it to e[i − 1].
  for (let i = 1; i < k; i++) e[i - 1] = e[i];
  if (k > 0) e[k - 1] = 0;
  for (let l = 0; l < k; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < k - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error(`symmetricEigenvalues: no convergence after 60 QL iterations (k = ${k}); the matrix has a non-finite entry?`);
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = pythag(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i];
        const b = c * e[i];
        r = pythag(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = 0;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort().reverse();
}

/**
 * The number of eigenvalues of the centred kernel K_c (k × k, positive semi-definite) at or above
 * threshold² · λ_max: the numerical rank of the centred feature matrix at relative threshold
 * `threshold` on its singular values. 0 for a zero (or non-finite) kernel.
 */
export function numericalRank(K: Float64Array, k: number, threshold = RANK_THRESHOLD): number {
  for (let i = 0; i < k * k; i++) if (!Number.isFinite(K[i])) return NaN;
  const lambda = symmetricEigenvalues(K, k);
  const top = lambda[0];
  if (!(top > 0)) return 0;
  const cut = threshold * threshold * top;
  let r = 0;
  for (const v of lambda) if (v >= cut) r++;
  return r;
}
