/**
 * The gram method on the CPU (DESIGN.md §3): given layer l, the rows of the next pre-activation
 * (mlp, shaped) or of the residual increment (resnet) are iid N(0, G) with
 * G = (s²/n) φ(Z)ᵀφ(Z) + b², so a layer costs one k×k Cholesky and n k-dimensional draws.
 * Exact for fresh iid Gaussian weights and any φ (not for other weight laws, nor gradients).
 * One fused pass per layer: draw a row, apply φ, accumulate both empirical kernels.
 */
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { philoxWasm } from '../../core/wasm/philoxWasm.ts';
import type { NetworkModel } from '../model.ts';
import type { Yielder } from './yielder.ts';

/** Receives the per-layer sums Σ_i z_i z_iᵀ, Σ_i φ(z_i)φ(z_i)ᵀ (archs/types.ts, where custom architectures see it). */
export type { LayerRecorder } from '../../archs/types.ts';
import type { LayerRecorder } from '../../archs/types.ts';

/**
 * One layer: row i is C ξ_i (overwrite, mlp/shaped) or Y_i + β C ξ_i (resnet), ξ_i[a] the normal
 * of Domain.gramRow at (net, layer, row 0, col i·k + a) (types.ts); accumulates Σ z zᵀ and
 * Σ φ(z)φ(z)ᵀ.
 */
function gramLayer(
  stream: NormalStream,
  net: number,
  layer: number,
  model: NetworkModel,
  C: Float64Array,
  Z: Float64Array,
  residual: number | undefined,
  xi: Float64Array,
  h: Float64Array,
  zSums: Float64Array,
  phiSums: Float64Array,
): void {
  const { n, k } = model;
  const pl = model.act.piecewiseLinear;
  const kernel = pl ? philoxWasm() : undefined;
  if (kernel && pl) {
    // Piecewise-linear φ (relu, leaky, abs, identity, shaped): the whole layer in WebAssembly,
    // the same operations in the same order as the loop below.
    kernel.gramLayer(stream.seed, stream.domain, net, layer, n, k, C, Z, residual, pl.sp, pl.sm, zSums, phiSums);
    return;
  }
  const phi = model.act.phi;
  zSums.fill(0);
  phiSums.fill(0);
  stream.row(net, layer, 0, n * k, xi, 0);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let b = 0; b <= a; b++) v += C[a * k + b] * xi[base + b];
      const z = residual === undefined ? v : Z[base + a] + residual * v;
      Z[base + a] = z;
      h[a] = phi(z);
    }
    let p = 0;
    for (let a = 0; a < k; a++) {
      const za = Z[base + a];
      const ha = h[a];
      for (let b = a; b < k; b++) {
        zSums[p] += za * Z[base + b];
        phiSums[p] += ha * h[b];
        p++;
      }
    }
  }
}

/** Next-layer row covariance G = s²/n Σ φφᵀ + b² from the packed sums (full k×k). */
function nextCovariance(phiSums: Float64Array, k: number, n: number, s2: number, b2: number, G: Float64Array): void {
  let p = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const g = (s2 * phiSums[p++]) / n + b2;
      G[a * k + b] = g;
      G[b * k + a] = g;
    }
  }
}

export async function simulateGramNetwork(
  model: NetworkModel,
  net: number,
  recorder: LayerRecorder,
  yielder: Yielder,
): Promise<void> {
  const { n, k, L } = model;
  const P = (k * (k + 1)) / 2;
  const stream = new NormalStream(model.seed, Domain.gramRow);
  const Z = new Float64Array(n * k);
  const G = new Float64Array(k * k);
  const C = new Float64Array(k * k);
  const xi = new Float64Array(n * k);
  const h = new Float64Array(k);
  const zSums = new Float64Array(P);
  const phiSums = new Float64Array(P);

  // First layer: resnet Y⁰ has rows N(0, X); mlp/shaped z¹ has rows N(0, σw² X + σb²).
  const first = model.firstLayer;
  const s2 = model.inputEmbedding ? 1 : model.firstWeightScale ** 2;
  const b2 = model.inputEmbedding ? 0 : model.firstBiasScale ** 2;
  for (let i = 0; i < k * k; i++) G[i] = s2 * model.X[i] + b2;
  psdCholesky(G, k, C);
  gramLayer(stream, net, first, model, C, Z, undefined, xi, h, zSums, phiSums);
  recorder.record(first, zSums, phiSums);

  const hs2 = model.hiddenWeightScale ** 2;
  const hb2 = model.hiddenBiasScale ** 2;
  const residual = model.residual ? model.branchScale : undefined;
  for (let l = first + 1; l <= L; l++) {
    await yielder.checkpoint();
    nextCovariance(phiSums, k, n, hs2, hb2, G);
    psdCholesky(G, k, C);
    gramLayer(stream, net, l, model, C, Z, residual, xi, h, zSums, phiSums);
    recorder.record(l, zSums, phiSums);
  }
}
