/**
 * arch=shapedtx (issue 15 §2): the shaped Transformer block as a registry module. The finite networks
 * run on the CPU through `cpu` (explicit.ts, gram.ts: both exact in law); the proportional limit is the
 * block's token-covariance SDE (B3) (sde.ts), reported as the `sde` block like shapedattn's: the law of
 * ρ₀₁ at T = L/n (stopped at R) and of log(V₀₀(T)/V₀₀(0)).
 *
 * Infinite width at fixed L: each sublayer moves V by O(1/n) per block (shaped attention: §2.3;
 * shaped MLP: c E[φ_s(u)φ_s(v)] = V + O(1/n)), so the limit is V_l = K_in at every layer (exact).
 */
import { inputGram } from '../../core/inputs.ts';
import type { Spec } from '../../core/spec.ts';
import type { SimSize } from '../../core/cost.ts';
import { summarise } from '../../core/stats.ts';
import type { SdeBlock } from '../../theory/blocks.ts';
import { tokenEmbeddingNetwork } from '../denseChain.ts';
import type { ArchModule, CpuNetwork } from '../types.ts';
import { attentionModel, sdePlan, stoppingLevel } from '../attention/resolve.ts';
import { keyWidth } from '../attention/spec.ts';
import { attentionDraws, tokenSdeWork } from '../attention/cost.ts';
import { runExplicitBlock } from './explicit.ts';
import { runGramBlock } from './gram.ts';
import { runBlockGpu } from './gpu.ts';
import type { BlockModel } from './model.ts';
import { simulateBlockSde } from './sde.ts';
import { runBlockNetworks } from './runner.ts';
import { tokenSdeView, type TokenSdeSource } from '../attention/sdeView.ts';
import { shapedTxSpec, type ShapedTxSpec } from './spec.ts';

/** The typed block model of a validated spec (the tokens are the lab's k inputs). */
export function blockModel(spec: Spec): BlockModel {
  const s = spec as ShapedTxSpec;
  return { attention: attentionModel('shapedattn', spec), gamma2m: s.gamma2m, cp: s.cp, cm: s.cm };
}

/** The SDE paths' plan: as shapedattn's (dt ≤ 1/256, ≤ 4 000 paths, paths × steps ≤ 2·10⁶). */
export { sdePlan, stoppingLevel };

/** The `sde` block of the shaped Transformer block: the law of ρ₀₁ at T (stopped at R) and of log V₀₀(T)/V₀₀(0). */
export function shapedBlockSdeBlock(spec: Spec): SdeBlock {
  const s = spec as ShapedTxSpec;
  const T = s.L / s.n;
  const { dt, paths } = sdePlan(T);
  const run = simulateBlockSde({ m: s.k, gamma2: s.gamma2, tau0: s.tau0, gamma2m: s.gamma2m, cp: s.cp, cm: s.cm, q1: s.q1, q2: s.q2, rho0: s.rho0, T, dt, paths, seed: s.seed >>> 0, stopAt: stoppingLevel(s), coarse: false, logV00: true });
  const logV = run.logV00!;
  const mean = logV.reduce((a, x) => a + x, 0) / logV.length;
  const variance = logV.reduce((a, x) => a + (x - mean) ** 2, 0) / (logV.length - 1);
  return { T, rho: summarise(run.rho[0]), logVaa: { mean, var: variance } };
}

/** The sde view's source (archs/attention/sdeView.ts): the block SDE and block networks of width n, depth L. */
function blockSdeSource(spec: Spec): TokenSdeSource {
  const model = blockModel(spec);
  const a = model.attention;
  const nk = (spec as ShapedTxSpec).nk;
  return {
    sde: (p) => simulateBlockSde({ m: a.m, gamma2: a.gamma2, tau0: a.tau0, gamma2m: model.gamma2m, cp: model.cp, cm: model.cm, q1: a.q1, q2: a.q2, rho0: a.rho0, seed: a.seed, coarse: false, ...p }),
    networks: (n, L, o) => runBlockNetworks({ ...model, attention: { ...a, n, nk: nk === 0 ? n : a.nk, L } }, { method: spec.method, ...o }),
  };
}

/**
 * The dense-chain size that costs what block networks cost (core/cost.ts features):
 *  - explicit: the embedding plus, per block, W^Q, W^K (n_k × n), W^V, W^pre, W^post (n × n), each
 *    used for k tokens: the dense chain with L′ = 1 + L(3 + 2 n_k/n) layers;
 *  - gram: per block the attention chain's O(k³) (priced as shapedattn's, a gram layer of width 2k,
 *    and its one-at-a-time draws: attentionDraws) plus the MLP sublayer's n draws of a k-vector and
 *    n k² products — a dense gram layer of width n: together a dense gram chain of width n + 2k.
 */
export function blockNetworkSize(spec: Spec, size: SimSize): SimSize {
  const nk = keyWidth(spec as ShapedTxSpec);
  if (size.method === 'gram') return { ...size, n: size.n + 2 * size.k, draws: attentionDraws(size.k) };
  return { ...size, L: 1 + Math.ceil(size.L * (3 + (2 * nk) / size.n)) };
}

const cpu: CpuNetwork = {
  async simulate(spec, net, recorder, yielder) {
    const model = blockModel(spec);
    const m = model.attention.m;
    const n = model.attention.n;
    const sums = new Float64Array((m * (m + 1)) / 2);
    const run = spec.method === 'gram' ? runGramBlock : runExplicitBlock;
    // What is recorded is the token features X (the residual stream) for z and φ(z) alike.
    run(model, net, (l, V) => {
      let p = 0;
      for (let a = 0; a < m; a++) for (let b = a; b < m; b++) sums[p++] = n * V[a * m + b];
      recorder.record(l, sums, sums);
    });
    await yielder.checkpoint();
  },
};

export const shapedTxModule: ArchModule<BlockModel, 'shapedtx'> = {
  ...shapedTxSpec,
  resolve: (spec) => blockModel(spec),
  firstLayer: 0,
  ntk: false,
  kernelProfile(spec) {
    const K = inputGram({ q1: spec.q1, q2: spec.q2, rho0: spec.rho0, k: spec.k });
    const layers = Array.from({ length: spec.L + 1 }, (_, l) => l);
    const fill = (x: number) => new Float64Array(layers.length).fill(x);
    const k11 = K[0], k12 = K[1], k22 = K[spec.k + 1];
    return { layers, k11: fill(k11), k12: fill(k12), k22: fill(k22), rho: fill(k12 / Math.sqrt(k11 * k22)) };
  },
  limits: { proportional: (spec) => shapedBlockSdeBlock(spec), proportionalView: (spec, widths, o) => tokenSdeView(spec, widths, o, blockSdeSource(spec)) },
  network: (spec) => tokenEmbeddingNetwork(spec),
  cpu,
  // The explicit networks have a WebGPU kernel (gpu.ts: shapedattn's attention kernel + the MLP
  // sublayer's; parity: gpu.conformance.test.ts); the exact chain (gram) runs on the CPU.
  gpu: {
    methods: ['explicit'],
    async simulate(device, spec, netStart, netCount, recordLayers) {
      const model = blockModel(spec);
      const m = model.attention.m;
      const P = (m * (m + 1)) / 2;
      const z = new Float64Array(netCount * recordLayers.length * P);
      const V = await runBlockGpu(device, model, netCount, netStart);
      for (let i = 0; i < netCount; i++) {
        recordLayers.forEach((l, r) => {
          let p = 0;
          for (let a = 0; a < m; a++) for (let b = a; b < m; b++) z[(i * recordLayers.length + r) * P + p++] = V[i][l][a * m + b];
        });
      }
      return z;
    },
  },
  cost: {
    theoryLayerFactor: () => 1,
    // The SDE paths: priced by their work (attention tokenSdeWork; the block's step runs the
    // attention's and the MLP's drift and diffusion: factor 2), not as a fixed cost.
    theoryFixed: () => false,
    sdeWork: (spec) => tokenSdeWork(spec, 2),
    networkSize: (spec, size) => blockNetworkSize(spec, size),
    smoothPhi: () => false,
  },
  views: ['depth', 'hist', 'sde'],
};
