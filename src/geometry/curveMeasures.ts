/**
 * What one network does to the curve at one layer (issue 18 §2–5), from the image points
 * Z (n × k) and tangents T (n × k) of curveNetwork.ts. Lengths are per √n (the input's per √d),
 * so that they have a width-independent limit (meanField.ts).
 */
import { numericalRank } from './numericalRank.ts';

export interface CurveLayerMeasures {
  /** Σ_a |z_{a+1} − z_a|/√n over the closed polygon. */
  readonly polygonLength: number;
  /** (2π/k) Σ_a |t_a|/√n: the length ∫|ż|dθ of the image curve by the trapezoidal rule on the k tangents. */
  readonly length: number;
  /**
   * Mean curvature of the image polygon: its total turning Σ_a ψ_a (ψ_a the angle between chords
   * a − 1 and a) over its length — 1/r for a circle of radius r sampled finely.
   */
  readonly curvature: number;
  /** log(|t_0|²/n ÷ |ẋ_0|²/d) = log ‖J u‖²·d/n at the first point, u = ẋ_0/|ẋ_0| (the last argument is |ẋ_0|²/d). */
  readonly logJacobian2: number;
  /** Participation ratio (tr K_c)²/‖K_c‖_F² of the centred k×k feature kernel K_c of the k points. */
  readonly participationRatio: number;
  /** Singular values of the centred features above RANK_THRESHOLD of the largest (numericalRank.ts). */
  readonly numericalRank: number;
}

/**
 * What the measures need from one layer, summed over the n neurons (raw sums, not divided by n): the
 * squared chords c_a = z_{a+1} − z_a (cyclic), the dot products c_{a−1}·c_a, the squared tangents, and
 * the upper triangle of the centred kernel n·K_c. A GPU reduction (gpu.ts) produces the same sums.
 */
export interface CurveLayerSums {
  readonly chord2: Float64Array;
  readonly chordDot: Float64Array;
  readonly tangent2: Float64Array;
  /** Σ_i (z_ia − z̄_i)(z_ib − z̄_i) for b ≥ a (row-major k × k; the lower triangle is not read). */
  readonly kernel: Float64Array;
}

export function curveLayerSums(Z: Float64Array, T: Float64Array, n: number, k: number): CurveLayerSums {
  // Chords c_a = z_{a+1} − z_a (cyclic): their lengths and consecutive dot products.
  const chordLen = new Float64Array(k);
  const chordDot = new Float64Array(k); // c_{a−1}·c_a
  const tan2 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let prev = Z[base] - Z[base + k - 1]; // c_{k−1} = z_0 − z_{k−1}
    for (let a = 0; a < k; a++) {
      const next = a + 1 < k ? Z[base + a + 1] : Z[base];
      const c = next - Z[base + a];
      chordLen[a] += c * c;
      chordDot[a] += prev * c;
      prev = c;
      const t = T[base + a];
      tan2[a] += t * t;
    }
  }
  // Centred kernel n·K_c = Σ_i (z_i − z̄_i)(z_i − z̄_i)ᵀ, z̄_i the mean over the k points of neuron i.
  const K = new Float64Array(k * k);
  const zc = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let mean = 0;
    for (let a = 0; a < k; a++) mean += Z[base + a];
    mean /= k;
    for (let a = 0; a < k; a++) zc[a] = Z[base + a] - mean;
    for (let a = 0; a < k; a++) {
      const za = zc[a];
      for (let b = a; b < k; b++) K[a * k + b] += za * zc[b];
    }
  }
  return { chord2: chordLen, chordDot, tangent2: tan2, kernel: K };
}

/** `kernelOut` (k × k), when given, receives the full centred kernel K_c (curveImage.ts reads it). */
export function curveLayerMeasures(Z: Float64Array, T: Float64Array, n: number, k: number, speed0: number, kernelOut?: Float64Array): CurveLayerMeasures {
  return measuresFromSums(curveLayerSums(Z, T, n, k), n, k, speed0, kernelOut);
}

/** The measures from the per-layer sums (curveLayerSums, or the GPU's reduction of the same). */
export function measuresFromSums(sums: CurveLayerSums, n: number, k: number, speed0: number, kernelOut?: Float64Array): CurveLayerMeasures {
  const invN = 1 / n;
  const { chordDot, tangent2: tan2, kernel: K } = sums;
  const chordLen = new Float64Array(k);
  let polygonLength = 0;
  let length = 0;
  let turning = 0;
  for (let a = 0; a < k; a++) {
    chordLen[a] = Math.sqrt(sums.chord2[a] * invN);
    length += Math.sqrt(tan2[a] * invN);
  }
  for (let a = 0; a < k; a++) {
    polygonLength += chordLen[a];
    const prevLen = chordLen[(a + k - 1) % k];
    const den = prevLen * chordLen[a];
    const cos = den > 0 ? (chordDot[a] * invN) / den : 1;
    turning += Math.acos(Math.max(-1, Math.min(1, cos)));
  }
  length *= (2 * Math.PI) / k;

  const full = kernelOut ?? new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const v = K[a * k + b] * invN;
      full[a * k + b] = v;
      full[b * k + a] = v;
    }
  }
  let trace = 0;
  let frob2 = 0;
  for (let a = 0; a < k; a++) {
    trace += K[a * k + a];
    frob2 += K[a * k + a] ** 2;
    for (let b = a + 1; b < k; b++) frob2 += 2 * K[a * k + b] ** 2;
  }
  return {
    polygonLength,
    length,
    curvature: polygonLength > 0 ? turning / polygonLength : NaN,
    logJacobian2: Math.log((tan2[0] * invN) / speed0),
    participationRatio: frob2 > 0 ? (trace * trace) / frob2 : NaN,
    numericalRank: numericalRank(full, k),
  };
}
