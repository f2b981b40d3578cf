/**
 * Rows of a weight matrix W^l (n_out × n_in, entries of mean 0 and variance 1) for the explicit
 * method, generated from Philox keys (seed, domain, net, layer, row, col) — never stored.
 * Orthogonal weights are applied, not formed: `haarLayer` multiplies by W in O(n² k) from its
 * Householder reflectors (the row interface forms W from them, O(n³), for tests and references).
 */
import { Domain, NormalStream } from '../../core/philox.ts';
import { rademacherSign, sparseKeepThreshold, type WeightFamily } from '../../core/weights.ts';

export interface WeightRows {
  /** Write row i (n_in entries) into out. */
  row(i: number, out: Float64Array): void;
}

function philoxWordRow(stream: NormalStream, net: number, layer: number, i: number, nIn: number, out: Uint32Array): void {
  stream.wordRow(net, layer, i, nIn, out);
}

export function weightRows(
  family: WeightFamily,
  seed: number,
  domain: number,
  net: number,
  layer: number,
  nOut: number,
  nIn: number,
): WeightRows {
  const gauss = new NormalStream(seed, domain);
  switch (family.kind) {
    case 'gaussian':
      return { row: (i, out) => gauss.row(net, layer, i, nIn, out, 0) };
    case 'rademacher': {
      const words = new Uint32Array(nIn);
      return {
        row: (i, out) => {
          philoxWordRow(gauss, net, layer, i, nIn, words);
          for (let j = 0; j < nIn; j++) out[j] = rademacherSign(words[j]);
        },
      };
    }
    case 'sparse': {
      const mask = new NormalStream(seed, Domain.mask);
      const words = new Uint32Array(nIn);
      const threshold = sparseKeepThreshold(family.p);
      const scale = 1 / Math.sqrt(family.p);
      return {
        row: (i, out) => {
          gauss.row(net, layer, i, nIn, out, 0);
          philoxWordRow(mask, net, layer, i, nIn, words);
          for (let j = 0; j < nIn; j++) out[j] = (words[j] >>> 8) < threshold ? out[j] * scale : 0;
        },
      };
    }
    case 'lowrank': {
      // W = U Vᵀ/√r with U (n_out × r), V (n_in × r) Gaussian: E W_ij² = 1, rank ≤ r.
      const r = family.r;
      const V = new Float64Array(nIn * r);
      const vStream = new NormalStream(seed, Domain.lowRankV);
      for (let j = 0; j < nIn; j++) vStream.row(net, layer, j, r, V, j * r);
      const u = new Float64Array(r);
      const inv = 1 / Math.sqrt(r);
      return {
        row: (i, out) => {
          gauss.row(net, layer, i, r, u, 0);
          for (let j = 0; j < nIn; j++) {
            let s = 0;
            for (let t = 0; t < r; t++) s += u[t] * V[j * r + t];
            out[j] = s * inv;
          }
        },
      };
    }
    case 'orthogonal': {
      // Rows of the very matrix haarLayer applies: W = haarLayer(…)·I, one basis vector at a time.
      const W = new Float64Array(nOut * nIn);
      const layerMap = haarLayer(seed, domain, net, layer, nOut, nIn);
      const e = new Float64Array(nIn);
      const col = new Float64Array(nOut);
      for (let j = 0; j < nIn; j++) {
        e.fill(0);
        e[j] = 1;
        layerMap.apply(e, 1, col);
        for (let i = 0; i < nOut; i++) W[i * nIn + j] = col[i];
      }
      return { row: (i, out) => out.set(W.subarray(i * nIn, (i + 1) * nIn)) };
    }
  }
}

/** out (n_out × k) = W H for H (n_in × k), both row-major. */
export interface LayerMap {
  apply(H: Float64Array, k: number, out: Float64Array): void;
}

/**
 * Low-rank weights W = U Vᵀ/√r (U: n_out × r, V: n_in × r, Gaussian; E W_ij² = 1), applied as
 * U (Vᵀ H)/√r in O((n_in + n_out)·r·k) instead of the O(n_out·n_in·r) of forming rows. Same draws
 * as `weightRows` (U row i at (net, layer, i, ·) of `domain`, V row j of Domain.lowRankV).
 */
export function lowRankLayer(seed: number, domain: number, net: number, layer: number, nOut: number, nIn: number, r: number): LayerMap {
  return {
    apply(H, k, out) {
      const vStream = new NormalStream(seed, Domain.lowRankV);
      const uStream = new NormalStream(seed, domain);
      const v = new Float64Array(r);
      const G = new Float64Array(r * k); // Vᵀ H
      for (let j = 0; j < nIn; j++) {
        vStream.row(net, layer, j, r, v, 0);
        for (let t = 0; t < r; t++) for (let a = 0; a < k; a++) G[t * k + a] += v[t] * H[j * k + a];
      }
      const u = new Float64Array(r);
      const inv = 1 / Math.sqrt(r);
      for (let i = 0; i < nOut; i++) {
        uStream.row(net, layer, i, r, u, 0);
        for (let a = 0; a < k; a++) {
          let acc = 0;
          for (let t = 0; t < r; t++) acc += u[t] * G[t * k + a];
          out[i * k + a] = acc * inv;
        }
      }
    },
  };
}

/**
 * A Haar-orthogonal weight matrix, scaled to variance-1 entries, applied without being formed.
 * With m = max(n_out, n_in), p = min(n_out, n_in) and Q ∈ O(m) Haar:
 *   tall (n_out ≥ n_in, e.g. the first layer n × d):  W = √m Q[:, :n_in]   (orthonormal columns);
 *   wide (n_out < n_in):                               W = √m Q[:, :n_out]ᵀ (orthonormal rows).
 * Q comes from Householder reflectors of independent Gaussian vectors x_j ∈ R^{m−j}, j = 0..p−1
 * (Stewart 1980, "The efficient generation of random orthogonal matrices with an application to
 * condition estimators", SIAM J. Numer. Anal. 17; Mezzadri 2007, "How to generate random matrices
 * from the classical compact groups", Notices AMS 54): Householder QR of a Gaussian matrix
 * meets, at step j, a reduced column whose trailing part is again N(0, I_{m−j}) and independent of
 * the earlier steps, so drawing x_j directly gives the same law. With
 *   v_j = x_j + sign(x_j0)|x_j| e_0,  H_j = I − 2 v_j v_jᵀ/|v_j|²  (acting on coordinates j..m−1),
 *   H_j x_j = −sign(x_j0)|x_j| e_0,  i.e. R_jj = −sign(x_j0)|x_j|,
 * the Haar factor is Q = H_0 H_1 ⋯ H_{m−1} D with D = diag(sign R_jj) (Mezzadri's sign fix: without
 * it Q is not Haar). Its first p columns need only H_0..H_{p−1}, because the later reflectors and
 * signs touch coordinates ≥ p only. Cost O(m p k) per application, no storage beyond one x_j.
 * Draws: x_j[c] = NormalStream(seed, domain).normal(net, layer, row j, col c).
 */
export function haarLayer(seed: number, domain: number, net: number, layer: number, nOut: number, nIn: number): LayerMap {
  const gauss = new NormalStream(seed, domain);
  const m = Math.max(nOut, nIn);
  const p = Math.min(nOut, nIn);
  const tall = nOut >= nIn;
  const x = new Float64Array(m);
  let work = new Float64Array(m * 8);
  const scale = Math.sqrt(m);
  /** Draw x_j into x[0..m−j), make it v_j in place; returns 2/|v_j|² and D_jj. */
  const reflector = (j: number): { beta: number; sign: number } => {
    const len = m - j;
    gauss.row(net, layer, j, len, x, 0);
    let norm2 = 0;
    for (let i = 0; i < len; i++) norm2 += x[i] * x[i];
    const norm = Math.sqrt(norm2);
    const s = x[0] >= 0 ? 1 : -1;
    const v2 = 2 * norm * (norm + Math.abs(x[0])); // |v_j|² = |x_j|² + 2|x_j0||x_j| + |x_j|²
    x[0] += s * norm;
    return { beta: v2 > 0 ? 2 / v2 : 0, sign: -s };
  };
  /** y ← H_j y on rows j..m−1 (k columns). */
  const reflect = (j: number, beta: number, Y: Float64Array, k: number): void => {
    const len = m - j;
    for (let a = 0; a < k; a++) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += x[i] * Y[(j + i) * k + a];
      const f = beta * dot;
      if (f === 0) continue;
      for (let i = 0; i < len; i++) Y[(j + i) * k + a] -= f * x[i];
    }
  };
  return {
    apply(H, k, out) {
      if (work.length < m * k) work = new Float64Array(m * k);
      const Y = work;
      Y.fill(0, 0, m * k);
      Y.set(H.subarray(0, nIn * k));
      if (tall) {
        // Q[:, :p] h = H_0 (H_1 (⋯ H_{p−1} (D h))): D_jj is applied just before H_j, the first
        // reflector (in order of application) to touch coordinate j.
        for (let j = p - 1; j >= 0; j--) {
          const { beta, sign } = reflector(j);
          for (let a = 0; a < k; a++) Y[j * k + a] *= sign;
          reflect(j, beta, Y, k);
        }
      } else {
        // (Q[:, :p])ᵀ h = D (H_{p−1} ⋯ H_0 h) restricted to its first p coordinates; coordinate j
        // is final once H_j has been applied.
        for (let j = 0; j < p; j++) {
          const { beta, sign } = reflector(j);
          reflect(j, beta, Y, k);
          for (let a = 0; a < k; a++) Y[j * k + a] *= sign;
        }
      }
      for (let i = 0; i < nOut * k; i++) out[i] = scale * Y[i];
    },
  };
}
