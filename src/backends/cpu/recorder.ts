/**
 * Packed upper triangles (types.ts pairIndex order) of Σ_i v_i v_iᵀ for an n×k row-major matrix,
 * accumulated in f64: the un-normalised empirical kernel.
 */
export function packedSums(V: Float64Array, n: number, k: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    let p = 0;
    const base = i * k;
    for (let a = 0; a < k; a++) {
      const va = V[base + a];
      for (let b = a; b < k; b++) out[p++] += va * V[base + b];
    }
  }
  return out;
}

/** H = φ(Z) elementwise. */
export function applyActivation(Z: Float64Array, phi: (x: number) => number, H: Float64Array): void {
  for (let i = 0; i < Z.length; i++) H[i] = phi(Z[i]);
}
