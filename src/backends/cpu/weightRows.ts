/**
 * Rows of a weight matrix W^l (n_out × n_in, entries of mean 0 and variance 1) for the explicit
 * method, generated from Philox keys (seed, domain, net, layer, row, col) — never stored, except for
 * orthogonal weights, whose QR needs the whole Gaussian block (one layer at a time).
 */
import { haarOrthonormalColumns } from '../../core/linalg.ts';
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
      // Haar orthogonal, scaled so entries have variance 1: W = √n_out Q (orthonormal columns) when
      // n_out ≥ n_in, else W = √n_in Qᵀ (orthonormal rows). Built from the same Gaussian draws.
      const tall = nOut >= nIn;
      const rows = tall ? nOut : nIn;
      const cols = tall ? nIn : nOut;
      const A = new Float64Array(rows * cols);
      const buf = new Float64Array(nIn);
      for (let i = 0; i < nOut; i++) {
        gauss.row(net, layer, i, nIn, buf, 0);
        for (let j = 0; j < nIn; j++) {
          if (tall) A[i * cols + j] = buf[j];
          else A[j * cols + i] = buf[j];
        }
      }
      const Q = haarOrthonormalColumns(A, rows, cols);
      const scale = Math.sqrt(rows);
      return {
        row: (i, out) => {
          for (let j = 0; j < nIn; j++) out[j] = scale * (tall ? Q[i * cols + j] : Q[j * cols + i]);
        },
      };
    }
  }
}
