/**
 * Small dense linear algebra for k×k kernels (k ≤ 16).
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
  // A G that has left f64 (∞ or NaN: the previous layer overflowed) has no Cholesky factor. A zero
  // factor would revive the network at q = σb² (or φ(0)²) as if nothing happened; NaN keeps it
  // visibly ended, and the statistics name it an overflow (issue 20, mcAccumulator.ts).
  if (!Number.isFinite(trace)) return out.fill(NaN, 0, k * k);
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
