/**
 * Small dense linear algebra for k×k kernels (k ≤ 16) and the explicit method's orthogonal weights.
 * Row-major Float64Arrays throughout.
 */

/** Relative pivot threshold below which a Cholesky column is set to zero (PSD, rank-deficient G). */
export const PIVOT_TOLERANCE = 1e-12;

/**
 * Lower Cholesky factor C of a symmetric PSD k×k matrix G (C Cᵀ = G), written into `out`.
 * When a pivot is ≤ tol·trace (identical inputs, dead ReLU layers), that column is set to zero:
 * for PSD G the rest of the column is then zero up to rounding, so C Cᵀ = G still holds and the
 * draws C ξ have exactly the law N(0, G). The WGSL gram kernel uses the same rule in f32, with a
 * threshold of 1e-6·trace (f32 rounding of G is ~1e-7·trace and must not count as a pivot).
 */
export function psdCholesky(G: Float64Array, k: number, out: Float64Array): Float64Array {
  let trace = 0;
  for (let a = 0; a < k; a++) trace += Math.abs(G[a * k + a]);
  const tol = PIVOT_TOLERANCE * trace;
  out.fill(0, 0, k * k);
  for (let j = 0; j < k; j++) {
    let d = G[j * k + j];
    for (let p = 0; p < j; p++) d -= out[j * k + p] * out[j * k + p];
    if (!(d > tol)) continue; // zero column (also catches NaN)
    const s = Math.sqrt(d);
    out[j * k + j] = s;
    for (let i = j + 1; i < k; i++) {
      let v = G[i * k + j];
      for (let p = 0; p < j; p++) v -= out[i * k + p] * out[j * k + p];
      out[i * k + j] = v / s;
    }
  }
  return out;
}

/**
 * Haar-orthogonal columns from a Gaussian block (Mezzadri 2007, "How to generate random matrices
 * from the classical compact groups"): Householder QR of A (rows × cols, rows ≥ cols), then
 * Q·diag(sign R_jj). Returns Q (rows × cols, orthonormal columns), row-major.
 */
export function haarOrthonormalColumns(A: Float64Array, rows: number, cols: number): Float64Array {
  const R = Float64Array.from(A);
  const vs: Float64Array[] = [];
  const signs = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let norm = 0;
    for (let i = j; i < rows; i++) norm += R[i * cols + j] * R[i * cols + j];
    norm = Math.sqrt(norm);
    const x0 = R[j * cols + j];
    const alpha = x0 >= 0 ? -norm : norm;
    const v = new Float64Array(rows);
    v[j] = x0 - alpha;
    for (let i = j + 1; i < rows; i++) v[i] = R[i * cols + j];
    let vn = 0;
    for (let i = j; i < rows; i++) vn += v[i] * v[i];
    if (vn > 0) {
      for (let c = j; c < cols; c++) {
        let dot = 0;
        for (let i = j; i < rows; i++) dot += v[i] * R[i * cols + c];
        const f = (2 * dot) / vn;
        for (let i = j; i < rows; i++) R[i * cols + c] -= f * v[i];
      }
    }
    vs.push(v);
    signs[j] = R[j * cols + j] >= 0 ? 1 : -1;
  }
  // Q = H_0 H_1 … H_{cols−1} applied to the first `cols` columns of the identity.
  const Q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) Q[j * cols + j] = 1;
  for (let h = cols - 1; h >= 0; h--) {
    const v = vs[h];
    let vn = 0;
    for (let i = h; i < rows; i++) vn += v[i] * v[i];
    if (vn === 0) continue;
    for (let c = 0; c < cols; c++) {
      let dot = 0;
      for (let i = h; i < rows; i++) dot += v[i] * Q[i * cols + c];
      const f = (2 * dot) / vn;
      for (let i = h; i < rows; i++) Q[i * cols + c] -= f * v[i];
    }
  }
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) Q[i * cols + c] *= signs[c];
  return Q;
}
