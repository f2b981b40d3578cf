/**
 * arch=attention and arch=shapedattn (issue 15 §2): the registry modules. The finite networks run
 * on the CPU through `cpu` (explicit.ts, gram.ts); the proportional limit of shaped attention is
 * the token-covariance SDE (sde.ts), reported as the `sde` block: the law of ρ₀₁ at T = L/n
 * (stopped at R, docs/shaped-transformer.md §4.4) and of log(V₀₀(T)/V₀₀(0)).
 *
 * Infinite width at fixed L (`kernelProfile`): shaped attention changes V by O(1/n) per layer, so
 * the limit is V_l = K_in at every layer (exact). Standard attention has no deterministic
 * infinite-width kernel: its logits stay O(1) Gaussian as n → ∞ (Cov(S_ab, S_cd) = V_ac V_bd), so
 * V_l stays random; its profile is NaN ("none"), never a made-up curve.
 */
import { inputGram } from '../../core/inputs.ts';
import type { Spec } from '../../core/spec.ts';
import type { SimSize } from '../../core/cost.ts';
import { tokenEmbeddingNetwork } from '../denseChain.ts';
import type { SdeBlock } from '../../theory/blocks.ts';
import type { KernelProfile } from '../../theory/nngp.ts';
import { summarise } from '../../core/stats.ts';
import type { ArchModule, CpuNetwork, LayerRecorder } from '../types.ts';
import { runExplicitAttention } from './explicit.ts';
import { runGramAttention } from './gram.ts';
import type { AttentionKind, AttentionModel } from './model.ts';
import { simulateTokenSde } from './sde.ts';
import { attentionSdeView } from './sdeView.ts';
import { runAttentionGpu } from './gpu.ts';
import { attentionSpec, keyWidth, shapedAttnSpec } from './spec.ts';
import { attentionDraws, tokenSdeWork } from './cost.ts';
import { attentionModel, sdePlan, stoppingLevel, type AttentionSpec } from './resolve.ts';

export { attentionModel, sdePlan, stoppingLevel } from './resolve.ts';

/** Packed upper triangle (backends/types.ts pairIndex order: (0,0), (0,1), …, (1,1), …) of n·V. */
function packedSums(V: Float64Array, m: number, n: number, out: Float64Array): Float64Array {
  let p = 0;
  for (let a = 0; a < m; a++) for (let b = a; b < m; b++) out[p++] = n * V[a * m + b];
  return out;
}

function cpuNetwork(kind: AttentionKind): CpuNetwork {
  return {
    async simulate(spec, net, recorder: LayerRecorder, yielder) {
      const model = attentionModel(kind, spec);
      const sums = new Float64Array((model.m * (model.m + 1)) / 2);
      const run = spec.method === 'gram' ? runGramAttention : runExplicitAttention;
      // The activation is the identity here: z = φ(z) = the token features.
      run(model, net, (l, V) => {
        packedSums(V, model.m, model.n, sums);
        recorder.record(l, sums, sums);
      });
      await yielder.checkpoint();
    },
  };
}

function constantProfile(spec: Spec, value: (a: number, b: number) => number): KernelProfile {
  const layers = Array.from({ length: spec.L + 1 }, (_, l) => l);
  const fill = (x: number) => new Float64Array(layers.length).fill(x);
  const k11 = value(0, 0), k12 = value(0, 1), k22 = value(1, 1);
  return { layers, k11: fill(k11), k12: fill(k12), k22: fill(k22), rho: fill(k12 / Math.sqrt(k11 * k22)) };
}

/** The `sde` block of shaped attention: the law of ρ₀₁ at T (stopped at R) and of log V₀₀(T)/V₀₀(0). */
export function shapedAttentionSdeBlock(spec: Spec): SdeBlock {
  const s = spec as AttentionSpec;
  const T = s.L / s.n;
  const { dt, paths } = sdePlan(T);
  const run = simulateTokenSde({ m: s.k, gamma2: s.gamma2, tau0: s.tau0, q1: s.q1, q2: s.q2, rho0: s.rho0, T, dt, paths, seed: s.seed >>> 0, stopAt: stoppingLevel(s), coarse: false, logV00: true });
  const logV = run.logV00!;
  const mean = logV.reduce((a, x) => a + x, 0) / logV.length;
  const variance = logV.reduce((a, x) => a + (x - mean) ** 2, 0) / (logV.length - 1);
  return { T, rho: summarise(run.rho[0]), logVaa: { mean, var: variance } };
}

/**
 * The dense-chain size that costs what attention networks cost (core/cost.ts features):
 *  - explicit: per network n·d embedding weights plus L·(2 n n_k + n²) for W^Q, W^K, W^V, each
 *    used for k tokens — the dense chain's n·(d + (L′ − 1)·n) weights with L′ = 1 + L(1 + 2 n_k/n);
 *  - gram: the exact chain costs O(k³) per layer (a few m×m products, 2k χ² and 2k² normals),
 *    priced as a dense gram layer of width 2k (rows 2k·k, 2k·k² products) plus its draws, which are
 *    made one at a time (gram.ts: scalar Philox normals through the JavaScript Box–Muller, Gamma
 *    draws by Marsaglia–Tsang with portable log/exp) and dominate: 2k² scalar normals and 2k Gamma
 *    draws per layer (SimSize.draws, priced per draw and per layer by the CPU profile).
 */
export function attentionNetworkSize(spec: Spec, size: SimSize): SimSize {
  const nk = keyWidth(spec as AttentionSpec);
  if (size.method === 'gram') return { ...size, n: 2 * size.k, draws: attentionDraws(size.k) };
  return { ...size, L: 1 + Math.ceil(size.L * (1 + (2 * nk) / size.n)) };
}

function attentionArch(kind: AttentionKind): ArchModule<AttentionModel> {
  const spec0 = kind === 'attention' ? attentionSpec : shapedAttnSpec;
  return {
    ...spec0,
    resolve: (spec) => attentionModel(kind, spec),
    firstLayer: 0,
    ntk: false,
    kernelProfile(spec) {
      if (kind === 'shapedattn') {
        const K = inputGram({ q1: spec.q1, q2: spec.q2, rho0: spec.rho0, k: spec.k });
        return constantProfile(spec, (a, b) => K[a * spec.k + b]);
      }
      return constantProfile(spec, () => NaN);
    },
    limits: kind === 'shapedattn' ? { proportional: (spec) => shapedAttentionSdeBlock(spec), proportionalView: (spec, widths, o) => attentionSdeView(spec, widths, o) } : {},
    network: (spec) => tokenEmbeddingNetwork(spec),
    cpu: cpuNetwork(kind),
    // The explicit networks have a WGSL kernel (gpu.ts; parity: gpu.conformance.test.ts); the exact
    // chain (gram) runs on the CPU.
    gpu: {
      methods: ['explicit'],
      async simulate(device, spec, netStart, netCount, recordLayers) {
        const model = attentionModel(kind, spec);
        const P = (model.m * (model.m + 1)) / 2;
        const z = new Float64Array(netCount * recordLayers.length * P);
        const V = await runAttentionGpu(device, model, netCount, netStart);
        for (let i = 0; i < netCount; i++) {
          recordLayers.forEach((l, r) => {
            let p = 0;
            for (let a = 0; a < model.m; a++) for (let b = a; b < model.m; b++) z[(i * recordLayers.length + r) * P + p++] = V[i][l][a * model.m + b];
          });
        }
        return z;
      },
    },
    cost: {
      theoryLayerFactor: () => 1,
      // The SDE paths (shapedattn): priced by their work (tokenSdeWork), not as a fixed cost.
      theoryFixed: () => false,
      networkSize: (spec, size) => attentionNetworkSize(spec, size),
      // Shaped attention's own `sde` block, and for either kind the comparison view's SDE.
      sdeWork: (spec: Spec) => tokenSdeWork(spec, kind === 'shapedattn' ? 1 : 0),
    },
    // collapse: standard vs shaped at the same spec (collapse.ts), whichever of the two is chosen.
    views: kind === 'shapedattn' ? ['depth', 'hist', 'sde', 'collapse'] : ['depth', 'hist', 'collapse'],
  };
}

export const attentionModule = attentionArch('attention') as ArchModule<AttentionModel, 'attention'>;
export const shapedAttnModule = attentionArch('shapedattn') as ArchModule<AttentionModel, 'shapedattn'>;
