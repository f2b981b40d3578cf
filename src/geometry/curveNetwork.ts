/**
 * Finite networks on an input curve (issue 18 §1): the k points x_a of the curve and their tangent
 * vectors ẋ_a pushed through one random network, layer by layer. The tangent of the image is the
 * Jacobian–vector product t^ℓ_a = J^ℓ(x_a) ẋ_a, propagated with the forward pass:
 *   mlp/shaped  z^{ℓ+1} = s W φ(z^ℓ)/√n + b_s b,   t^{ℓ+1} = s W (φ'(z^ℓ) ⊙ t^ℓ)/√n;
 *   residual    the same increments, scaled by β (branchScale) and added to (Y, T); with an input
 *               embedding (resnet) layer 0 is Y⁰ = W⁰x/√d.
 * Any dense-chain architecture of the registry (archs/types.ts NetworkModel) runs here unchanged.
 * Two samplers, as for the depth profile (DESIGN.md §3):
 *   explicit  every weight drawn from its Philox key — the very weights of the depth profile's
 *             networks (Domain.weight / inputWeight) — O(n² k L);
 *   gram      exact for iid Gaussian weights: given layer ℓ, the rows of [z^{ℓ+1}, t^{ℓ+1}] are iid
 *             N(0, G), G = (s²/n) HᵀH (+ b_s² on the z block), H = [φ(Z), φ'(Z) ⊙ T] (n × 2k):
 *             the tangents are linear in the same row of W as the points. O(n k² L) (2k columns).
 * Each layer is handed to `onLayer(layer, Z, T)` (row-major n × k), which must not keep the arrays.
 */
import { psdCholesky } from '../core/linalg.ts';
import { Domain, NormalStream } from '../core/philox.ts';
import { philoxWasm } from '../core/wasm/philoxWasm.ts';
import type { NetworkModel } from '../archs/types.ts';
import { weightRows } from '../backends/cpu/weightRows.ts';
import { curveGram, curveVectors, type InputCurve } from './curve.ts';

export type CurveLayerCallback = (layer: number, Z: Float64Array, T: Float64Array) => void;

/** The scale factors of the forward pass (backends/model.ts), the curve and the sampler. */
export type CurveModel = Pick<
  NetworkModel,
  | 'n'
  | 'L'
  | 'seed'
  | 'act'
  | 'hiddenWeightScale'
  | 'hiddenBiasScale'
  | 'firstWeightScale'
  | 'firstBiasScale'
  | 'branchScale'
  | 'residual'
  | 'inputEmbedding'
  | 'firstLayer'
  | 'weights'
> & { readonly curve: InputCurve; readonly d: number };

/** Splits H = [φ(Z), φ'(Z) ⊙ T] into one n × 2k row-major matrix. */
function activations(model: CurveModel, Z: Float64Array, T: Float64Array, H: Float64Array): void {
  const { n } = model;
  const k = model.curve.k;
  const { phi, dphi } = model.act;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const z = Z[i * k + a];
      H[i * 2 * k + a] = phi(z);
      H[i * 2 * k + k + a] = dphi(z) * T[i * k + a];
    }
  }
}

/** Z, T ← rows of [z, t] (overwrite) or (Z, T) + β·rows (resnet). */
function store(Z: Float64Array, T: Float64Array, i: number, k: number, row: Float64Array, residual: number | undefined): void {
  for (let a = 0; a < k; a++) {
    if (residual === undefined) {
      Z[i * k + a] = row[a];
      T[i * k + a] = row[k + a];
    } else {
      Z[i * k + a] += residual * row[a];
      T[i * k + a] += residual * row[k + a];
    }
  }
}

/** One explicit layer: rows [z_i, t_i] = f Σ_j W_ij H_j + (bias on the z half); yields every 64 rows. */
function* explicitLayer(
  model: CurveModel,
  net: number,
  layer: number,
  domain: number,
  H: Float64Array,
  nIn: number,
  scale: number,
  biasScale: number,
  Z: Float64Array,
  T: Float64Array,
  residual: number | undefined,
): Generator<void> {
  const { n } = model;
  const k = model.curve.k;
  const m = 2 * k;
  const f = scale / Math.sqrt(nIn);
  const bias = new NormalStream(model.seed, Domain.bias);
  const row = new Float64Array(m);
  const kernel = model.weights.kind === 'gaussian' ? philoxWasm() : undefined;
  const emit = (i: number, acc: Float64Array, off: number) => {
    const b = biasScale === 0 ? 0 : biasScale * bias.normal(net, layer, i, 0);
    for (let a = 0; a < m; a++) row[a] = f * acc[off + a] + (a < k ? b : 0);
    store(Z, T, i, k, row, residual);
  };
  if (kernel) {
    const BLOCK = 64;
    const acc = new Float64Array(BLOCK * m);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const rows = Math.min(BLOCK, n - i0);
      kernel.gaussianRowsTimes(model.seed, domain, net, layer, i0, rows, nIn, H, m, acc);
      for (let r = 0; r < rows; r++) emit(i0 + r, acc, r * m);
      yield;
    }
    return;
  }
  const rows = weightRows(model.weights, model.seed, domain, net, layer, n, nIn);
  const w = new Float64Array(nIn);
  const acc = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    if ((i & 63) === 63) yield;
    rows.row(i, w);
    acc.fill(0);
    for (let j = 0; j < nIn; j++) {
      const wij = w[j];
      if (wij === 0) continue;
      for (let a = 0; a < m; a++) acc[a] += wij * H[j * m + a];
    }
    emit(i, acc, 0);
  }
}

/**
 * The explicit sampler: network `net` of the spec's seed, with the depth profile's weights. A
 * generator: it yields after every layer and every 64 rows, so that a caller can give the event loop
 * a turn (cancellation) between steps; iterate it to the end to run the network.
 */
export function* simulateCurveExplicit(model: CurveModel, net: number, onLayer: CurveLayerCallback): Generator<void> {
  const { n, L } = model;
  const k = model.curve.k;
  const Z = new Float64Array(n * k);
  const T = new Float64Array(n * k);
  const H = new Float64Array(n * 2 * k);
  const x = curveVectors(model.curve, model.d);
  if (model.inputEmbedding) yield* explicitLayer(model, net, 0, Domain.inputWeight, x, model.d, 1, 0, Z, T, undefined);
  else yield* explicitLayer(model, net, 1, Domain.weight, x, model.d, model.firstWeightScale, model.firstBiasScale, Z, T, undefined);
  onLayer(model.firstLayer, Z, T);
  yield;
  const residual = model.residual ? model.branchScale : undefined;
  for (let l = model.firstLayer + 1; l <= L; l++) {
    activations(model, Z, T, H);
    yield* explicitLayer(model, net, l, Domain.weight, H, n, model.hiddenWeightScale, model.hiddenBiasScale, Z, T, residual);
    onLayer(l, Z, T);
    yield;
  }
}

/** G = (s²/n) HᵀH + b² on the z block (2k × 2k, full). */
function rowCovariance(H: Float64Array, n: number, k: number, s2: number, b2: number, G: Float64Array): void {
  const m = 2 * k;
  G.fill(0);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let a = 0; a < m; a++) {
      const ha = H[base + a];
      if (ha === 0) continue;
      for (let b = a; b < m; b++) G[a * m + b] += ha * H[base + b];
    }
  }
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const g = (s2 * G[a * m + b]) / n + (a < k && b < k ? b2 : 0);
      G[a * m + b] = g;
      G[b * m + a] = g;
    }
  }
}

/** The gram sampler (exact for iid Gaussian weights; independent draws from Domain.curveGramRow); a generator that yields after every layer. */
export function* simulateCurveGram(model: CurveModel, net: number, onLayer: CurveLayerCallback): Generator<void> {
  if (model.weights.kind !== 'gaussian') throw new RangeError(`the gram method needs Gaussian weights, got '${model.weights.kind}': use method=explicit`);
  const { n, L } = model;
  const k = model.curve.k;
  const m = 2 * k;
  const stream = new NormalStream(model.seed, Domain.curveGramRow);
  const Z = new Float64Array(n * k);
  const T = new Float64Array(n * k);
  const H = new Float64Array(n * m);
  const G = new Float64Array(m * m);
  const C = new Float64Array(m * m);
  const xi = new Float64Array(n * m);
  const row = new Float64Array(m);
  const draw = (layer: number, residual: number | undefined) => {
    psdCholesky(G, m, C);
    stream.row(net, layer, 0, n * m, xi, 0);
    for (let i = 0; i < n; i++) {
      const base = i * m;
      for (let a = 0; a < m; a++) {
        let v = 0;
        for (let b = 0; b <= a; b++) v += C[a * m + b] * xi[base + b];
        row[a] = v;
      }
      store(Z, T, i, k, row, residual);
    }
  };
  const X = curveGram(model.curve);
  const s2 = model.inputEmbedding ? 1 : model.firstWeightScale ** 2;
  const b2 = model.inputEmbedding ? 0 : model.firstBiasScale ** 2;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) G[a * m + b] = s2 * X[a * m + b] + (a < k && b < k ? b2 : 0);
  draw(model.firstLayer, undefined);
  onLayer(model.firstLayer, Z, T);
  yield;
  const hs2 = model.hiddenWeightScale ** 2;
  const hb2 = model.hiddenBiasScale ** 2;
  const residual = model.residual ? model.branchScale : undefined;
  for (let l = model.firstLayer + 1; l <= L; l++) {
    activations(model, Z, T, H);
    rowCovariance(H, n, k, hs2, hb2, G);
    draw(l, residual);
    onLayer(l, Z, T);
    yield;
  }
}
