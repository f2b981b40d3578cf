/**
 * The explicit method on the CPU (DESIGN.md §3): every weight drawn from its Philox key, the k
 * inputs pushed through the network, O(n² k L). Definitions: backends/types.ts header.
 */
import { Domain, NormalStream } from '../../core/philox.ts';
import { philoxWasm } from '../../core/wasm/philoxWasm.ts';
import type { NetworkModel } from '../model.ts';
import type { LayerRecorder } from './gramNetwork.ts';
import { applyActivation, packedSums } from './recorder.ts';
import { haarLayer, lowRankLayer, weightRows, type LayerMap } from './weightRows.ts';
import type { Yielder } from './yielder.ts';

/** Rows of W per call into the WebAssembly kernel (and per cancellation checkpoint). */
const ROW_BLOCK = 64;

/**
 * Z_out[i, a] = scale/√n_in Σ_j W_ij H[j, a] + biasScale·b_i, or, with `residual`,
 * Z_out[i, a] += residual·(…). Rows of W come from `weightRows`; checkpoints every 64 rows.
 * Orthogonal W is applied as a product of Householder reflectors (weightRows.ts `haarLayer`):
 * O(n² k) instead of the O(n³) of forming it; low-rank W = U Vᵀ/√r as U(VᵀH)/√r: O(n r k).
 */
async function denseLayer(
  model: NetworkModel,
  net: number,
  layer: number,
  weightDomain: number,
  H: Float64Array,
  nIn: number,
  scale: number,
  biasScale: number,
  Zout: Float64Array,
  residual: number | undefined,
  yielder: Yielder,
): Promise<void> {
  const { n, k } = model;
  const bias = new NormalStream(model.seed, Domain.bias);
  const f = scale / Math.sqrt(nIn);
  const family = model.weights;
  const map: LayerMap | undefined =
    family.kind === 'orthogonal'
      ? haarLayer(model.seed, weightDomain, net, layer, n, nIn)
      : family.kind === 'lowrank'
        ? lowRankLayer(model.seed, weightDomain, net, layer, n, nIn, family.r)
        : undefined;
  if (map) {
    const WH = new Float64Array(n * k);
    map.apply(H, k, WH);
    for (let i = 0; i < n; i++) {
      const b = biasScale === 0 ? 0 : biasScale * bias.normal(net, layer, i, 0);
      for (let a = 0; a < k; a++) {
        const v = f * WH[i * k + a] + b;
        if (residual === undefined) Zout[i * k + a] = v;
        else Zout[i * k + a] += residual * v;
      }
    }
    await yielder.checkpoint();
    return;
  }
  const kernel = family.kind === 'gaussian' ? philoxWasm() : undefined;
  if (kernel) {
    // Gaussian W: rows drawn and multiplied into H inside the WebAssembly kernel, 64 rows a call
    // (the same draws and the same sums, in the same order, as the loop below).
    const acc = new Float64Array(ROW_BLOCK * k);
    for (let i0 = 0; i0 < n; i0 += ROW_BLOCK) {
      const rows = Math.min(ROW_BLOCK, n - i0);
      kernel.gaussianRowsTimes(model.seed, weightDomain, net, layer, i0, rows, nIn, H, k, acc);
      for (let r = 0; r < rows; r++) {
        const i = i0 + r;
        const b = biasScale === 0 ? 0 : biasScale * bias.normal(net, layer, i, 0);
        for (let a = 0; a < k; a++) {
          const v = f * acc[r * k + a] + b;
          if (residual === undefined) Zout[i * k + a] = v;
          else Zout[i * k + a] += residual * v;
        }
      }
      await yielder.checkpoint();
    }
    return;
  }
  const rows = weightRows(model.weights, model.seed, weightDomain, net, layer, n, nIn);
  const w = new Float64Array(nIn);
  const acc = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    if ((i & 63) === 63) await yielder.checkpoint();
    rows.row(i, w);
    acc.fill(0);
    for (let j = 0; j < nIn; j++) {
      const wij = w[j];
      if (wij === 0) continue;
      for (let a = 0; a < k; a++) acc[a] += wij * H[j * k + a];
    }
    const b = biasScale === 0 ? 0 : biasScale * bias.normal(net, layer, i, 0);
    for (let a = 0; a < k; a++) {
      const v = f * acc[a] + b;
      if (residual === undefined) Zout[i * k + a] = v;
      else Zout[i * k + a] += residual * v;
    }
  }
}

export async function simulateExplicitNetwork(
  model: NetworkModel,
  net: number,
  recorder: LayerRecorder,
  yielder: Yielder,
): Promise<void> {
  const { n, k, L, act } = model;
  const Z = new Float64Array(n * k);
  const H = new Float64Array(n * k);
  const P = (k * (k + 1)) / 2;
  const zSums = new Float64Array(P);
  const phiSums = new Float64Array(P);
  const record = (layer: number) => recorder.record(layer, packedSums(Z, n, k, zSums), packedSums(H, n, k, phiSums));
  const { d, x } = model.inputs;

  if (model.inputEmbedding) {
    // Y⁰ = W⁰ x/√d (input embedding, no bias).
    await denseLayer(model, net, 0, Domain.inputWeight, x, d, 1, 0, Z, undefined, yielder);
  } else {
    // z¹ = σw W¹ x/√d + σb b¹.
    await denseLayer(model, net, 1, Domain.weight, x, d, model.firstWeightScale, model.firstBiasScale, Z, undefined, yielder);
  }
  applyActivation(Z, act.phi, H);
  record(model.firstLayer);

  const residual = model.residual ? model.branchScale : undefined;
  for (let l = model.firstLayer + 1; l <= L; l++) {
    // H = φ(Z^{l−1}) is complete before Z is overwritten (resnet updates Y in place).
    await denseLayer(model, net, l, Domain.weight, H, n, model.hiddenWeightScale, model.hiddenBiasScale, Z, residual, yielder);
    applyActivation(Z, act.phi, H);
    record(l);
  }
}
