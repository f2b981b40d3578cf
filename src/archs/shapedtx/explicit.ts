/**
 * The explicit shaped Transformer block network on the CPU (model.ts (B1)–(B2)): every weight drawn
 * from its Philox key, O(L m (2 n n_k + 3 n²)) per network.
 *
 * Philox keys (DESIGN.md §4): the embedding and the attention sublayer exactly as shapedattn's
 * (archs/attention/explicit.ts: domain inputWeight layer 0; domain weight, layer 3(l − 1) + 1 + j for
 * W^Q, W^K, W^V), so that the block's attention draws are those of the shapedattn network of the same
 * seed; the MLP sublayer of block l from domain blockWeight, layer 2(l − 1) + 1 (W^pre) and
 * 2(l − 1) + 2 (W^post); row = output unit, col = input unit (a width-n network is the top-left
 * block of the width-2n one).
 */
import { Domain } from '../../core/philox.ts';
import { attentionEmbedding, attentionExplicitLayer, attentionExplicitWork, gaussianProject, tokenCovariance } from '../attention/explicit.ts';
import { shapedSlopes, type BlockModel } from './model.ts';

/** The Philox layer key of the MLP sublayer's matrix j (0 = W^pre, 1 = W^post) of block l (1-based). */
export function blockMlpLayer(l: number, j: 0 | 1): number {
  return 2 * (l - 1) + 1 + j;
}

/** Run network `net` and call `record(l, V_l)` for l = 0..L (V_l is reused). */
export function runExplicitBlock(model: BlockModel, net: number, record: (l: number, V: Float64Array) => void): void {
  const att = model.attention;
  const { m, n, L, seed } = att;
  const { sp, sm, c } = shapedSlopes(model.cp, model.cm, n);
  const lam2 = Math.sqrt(1 - model.gamma2m);
  const gam2 = Math.sqrt(model.gamma2m) * Math.sqrt(c);
  const f = 1 / Math.sqrt(n);
  const X = new Float64Array(n * m);
  const Z = new Float64Array(n * m);
  const H = new Float64Array(n * m);
  const P = new Float64Array(n * m);
  const V = new Float64Array(m * m);
  const work = attentionExplicitWork(att);
  attentionEmbedding(att, net, X);
  record(0, tokenCovariance(X, n, m, V));
  for (let l = 1; l <= L; l++) {
    attentionExplicitLayer(att, net, l, X, Z, work); // (B1)
    // (B2): H = W^pre Z/√n (row = hidden unit), φ_s(H), P = W^post φ_s(H)/√n.
    gaussianProject(seed, Domain.blockWeight, net, blockMlpLayer(l, 0), n, n, Z, m, f, H);
    for (let e = 0; e < n * m; e++) H[e] = H[e] > 0 ? sp * H[e] : sm * H[e];
    gaussianProject(seed, Domain.blockWeight, net, blockMlpLayer(l, 1), n, n, H, m, f, P);
    for (let e = 0; e < n * m; e++) X[e] = lam2 * Z[e] + gam2 * P[e];
    record(l, tokenCovariance(X, n, m, V));
  }
}
