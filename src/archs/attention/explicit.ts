/**
 * The explicit finite attention network on the CPU: every weight drawn from its Philox key, the m
 * tokens pushed through (M1)–(M5) of docs/shaped-transformer.md, O(L (2 m n n_k + m n²)) per network.
 *
 * Philox keys (DESIGN.md §4, src/core/philox.ts), so that the WGSL kernel draws the same numbers:
 *   embedding W_in (n × d):      domain inputWeight, layer 0, row i, col j   (as the lab's ResNet)
 *   attention layer l = 1..L:    domain weight, layer 3(l − 1) + 1 + j, j = 0 (W^Q), 1 (W^K), 2 (W^V);
 *                                row = output unit (n_k for W^Q, W^K; n for W^V), col = input unit.
 * Rows are output units, so the width-n network is the top-left block of the width-2n one (coupled
 * width sweeps), and X W^Q is computed as (W^Q)ᵀ-rows times X — the same law (iid entries).
 */
import { INPUT_DIMENSION, inputVectors } from '../../core/inputs.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { philoxWasm } from '../../core/wasm/philoxWasm.ts';
import { attentionMatrix, temperature, type AttentionModel } from './model.ts';

/** The Philox layer key of matrix j (0 = W^Q, 1 = W^K, 2 = W^V) of attention layer l (1-based). */
export function attentionWeightLayer(l: number, j: 0 | 1 | 2): number {
  return 3 * (l - 1) + 1 + j;
}

const ROW_BLOCK = 64;

/**
 * out[i·k + a] = scale · Σ_j W[i, j] H[j·k + a] for the Gaussian W (nOut × nIn) of
 * (seed, domain, net, layer); H is nIn × k row-major. The WebAssembly kernel when present (the same
 * draws, summed in the same order), else rows drawn in JavaScript.
 */
export function gaussianProject(
  seed: number,
  domain: number,
  net: number,
  layer: number,
  nOut: number,
  nIn: number,
  H: Float64Array,
  k: number,
  scale: number,
  out: Float64Array,
): void {
  const kernel = philoxWasm();
  if (kernel) {
    const acc = new Float64Array(ROW_BLOCK * k);
    for (let i0 = 0; i0 < nOut; i0 += ROW_BLOCK) {
      const rows = Math.min(ROW_BLOCK, nOut - i0);
      kernel.gaussianRowsTimes(seed, domain, net, layer, i0, rows, nIn, H, k, acc);
      for (let r = 0; r < rows * k; r++) out[i0 * k + r] = scale * acc[r];
    }
    return;
  }
  const stream = new NormalStream(seed, domain);
  const w = new Float64Array(nIn);
  for (let i = 0; i < nOut; i++) {
    stream.row(net, layer, i, nIn, w, 0);
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let j = 0; j < nIn; j++) s += w[j] * H[j * k + a];
      out[i * k + a] = scale * s;
    }
  }
}

/** V = XᵀX/n for X stored n × m (row = unit): the m×m token covariance (M6). */
export function tokenCovariance(X: Float64Array, n: number, m: number, out: Float64Array): Float64Array {
  out.fill(0, 0, m * m);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < m; a++) {
      const xa = X[i * m + a];
      for (let b = a; b < m; b++) out[a * m + b] += xa * X[i * m + b];
    }
  }
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      out[a * m + b] /= n;
      out[b * m + a] = out[a * m + b];
    }
  }
  return out;
}

/** Work arrays of `attentionExplicitLayer` for width n, key width n_k and m tokens. */
export function attentionExplicitWork(model: Pick<AttentionModel, 'm' | 'n' | 'nk'>): Float64Array[] {
  const { m, n, nk } = model;
  return [new Float64Array(nk * m), new Float64Array(nk * m), new Float64Array(n * m), new Float64Array(m * m), new Float64Array(m * m)];
}

/**
 * Attention layer l (1-based) of network `net`, (M2)–(M5): Xn ← λX + γ A X W^V/√n (X, Xn: n × m,
 * row = unit). Shared with the shaped Transformer block's attention sublayer (archs/shapedtx).
 */
export function attentionExplicitLayer(model: AttentionModel, net: number, l: number, X: Float64Array, Xn: Float64Array, work: Float64Array[]): void {
  const { m, n, nk, seed, kind } = model;
  const lam = Math.sqrt(1 - model.gamma2);
  const gam = Math.sqrt(model.gamma2);
  const tau = temperature(model);
  const [Q, K, G, S, A] = work;
  const f = 1 / Math.sqrt(n);
  gaussianProject(seed, Domain.weight, net, attentionWeightLayer(l, 0), nk, n, X, m, f, Q);
  gaussianProject(seed, Domain.weight, net, attentionWeightLayer(l, 1), nk, n, X, m, f, K);
  // (M2): S_ab = Σ_i Q_ia K_ib / τ.
  S.fill(0);
  for (let i = 0; i < nk; i++) {
    for (let a = 0; a < m; a++) {
      const qa = Q[i * m + a];
      for (let b = 0; b < m; b++) S[a * m + b] += qa * K[i * m + b];
    }
  }
  for (let e = 0; e < m * m; e++) S[e] /= tau;
  attentionMatrix(kind, S, m, A);
  gaussianProject(seed, Domain.weight, net, attentionWeightLayer(l, 2), n, n, X, m, f, G);
  // (M5): X' = λX + γ A G (tokens are columns here: X'_{i,a} = λX_{i,a} + γ Σ_b A_ab G_{i,b}).
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += A[a * m + b] * G[i * m + b];
      Xn[i * m + a] = lam * X[i * m + a] + gam * s;
    }
  }
}

/** X_0 = W_in x/√d (M1) with the lab's input vectors (src/core/inputs.ts, d = 1024), into X (n × m). */
export function attentionEmbedding(model: Pick<AttentionModel, 'm' | 'n' | 'q1' | 'q2' | 'rho0' | 'seed'>, net: number, X: Float64Array): void {
  const { d, x } = inputVectors({ q1: model.q1, q2: model.q2, rho0: model.rho0, k: model.m }, INPUT_DIMENSION);
  gaussianProject(model.seed, Domain.inputWeight, net, 0, model.n, d, x, model.m, 1 / Math.sqrt(d), X);
}

/**
 * Run network `net` and call `record(l, V_l)` for l = 0..L (V_l is reused: copy what you keep).
 * X_0 = W_in x/√d with the lab's input vectors (src/core/inputs.ts, d = 1024), so that the n
 * columns of X_0 are iid N(0, K_in) (M1).
 */
export function runExplicitAttention(model: AttentionModel, net: number, record: (l: number, V: Float64Array) => void): void {
  const { m, n, L } = model;
  let X = new Float64Array(n * m);
  let Xn = new Float64Array(n * m);
  const V = new Float64Array(m * m);
  const work = attentionExplicitWork(model);
  attentionEmbedding(model, net, X);
  record(0, tokenCovariance(X, n, m, V));
  for (let l = 1; l <= L; l++) {
    attentionExplicitLayer(model, net, l, X, Xn, work);
    [X, Xn] = [Xn, X];
    record(l, tokenCovariance(X, n, m, V));
  }
}
