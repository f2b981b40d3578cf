/**
 * The architecture registry's contract (issue 15 §1). One module per architecture — the value of the
 * `arch` URL key — owns everything that depends on it, in the spirit of neural-tangents' stax triples
 * (init_fn, apply_fn, kernel_fn) and of the activation registry (core/activations.ts):
 *
 *   - its URL keys and their validation          ArchSpecModule.params, .issues       (archs/<id>/spec.ts)
 *   - how the spec resolves into typed params     ArchModule.resolve
 *   - its first-layer rule                        ArchModule.firstLayer, .network(spec).inputEmbedding
 *   - its infinite-width recursion (NNGP, NTK)    ArchModule.kernelProfile, .ntk
 *   - its limits beyond infinite width            ArchModule.limits (depth ODE, proportional SDE)
 *   - its finite network on the CPU               ArchModule.network (the dense-chain template that
 *                                                 both backends run, explicit and gram), or .cpu for a
 *                                                 network the template cannot express
 *   - its WGSL pipeline parameters                the NetworkModel fields the WebGPU runners read
 *   - its cost-model terms                        ArchModule.cost
 *   - which controls and views apply              ArchSpecModule.controls, ArchModule.views
 *
 * Nothing outside src/archs/ (and app/archs/) compares `spec.arch` with an id: it asks the module
 * (`archModule(spec.arch)`, or `resolveSpec(spec).arch`) through these fields. A test
 * (archs/noArchBranches.test.ts) greps the sources for such comparisons.
 *
 * Layers: an architecture's declaration (ArchSpecModule, archs/<id>/spec.ts) imports only core/ and
 * is read by the URL schema (core/spec.ts builds PARAMS and the `arch` values from it); its module
 * (ArchModule, archs/<id>/index.ts) may import core/ and theory/, and is read by backends/,
 * experiments/, bin/ and app/. The order is core → theory → archs → backends → experiments.
 *
 * Stability: i15attn, i16sig and i18geom build on this file. Change it additively only; a breaking
 * change is announced in a commit message starting "registry interface change:".
 */
import type { Activation } from '../core/activations.ts';
import type { SimSize } from '../core/cost.ts';
import type { SdeViewBlock } from '../theory/blocks.ts';
import type { Spec, View } from '../core/spec.ts';
import type { WeightFamily } from '../core/weights.ts';
import type { LimitBlock, SdeBlock, SignatureBlock } from '../theory/blocks.ts';
import type { Precision } from '../theory/dual.ts';
import type { KernelProfile } from '../theory/nngp.ts';
import type { ArchSpecModule } from './specTypes.ts';

export type { ArchSpecModule } from './specTypes.ts';

/**
 * The finite network as the dense chain both backends implement (DESIGN.md §1, backends/types.ts):
 *   first layer  embedding: Y⁰ = W⁰x/√d (Domain.inputWeight, no bias), recorded as layer 0;
 *                else:      z¹ = firstWeightScale·W¹x/√d + firstBiasScale·b¹, recorded as layer 1;
 *   hidden l     h = hiddenWeightScale·W^l φ(z^{l−1})/√n + hiddenBiasScale·b^l,
 *                z^l = h (plain) or z^l = z^{l−1} + branchScale·h (residual).
 * These fields are also the WGSL pipeline parameters (backends/webgpu/*Runner.ts).
 */
export interface NetworkModel {
  /** The architecture's id (for messages and caches; never compare it: read the fields below). */
  readonly arch: string;
  readonly n: number;
  readonly L: number;
  readonly k: number;
  readonly seed: number;
  /** φ (for shaped: φ_s with s± = 1 + c±/√n). */
  readonly act: Activation;
  /** Multiplies W φ(z)/√n_in in hidden layers: σw (mlp, resnet) or √c (shaped). */
  readonly hiddenWeightScale: number;
  /** Multiplies b in hidden layers: σb (mlp, resnet) or 0 (shaped). */
  readonly hiddenBiasScale: number;
  /** Layer 1 when not an embedding: σw W¹x/√d + σb b¹. */
  readonly firstWeightScale: number;
  readonly firstBiasScale: number;
  /** Residual branch scale L^−α (1 and unused for plain chains). */
  readonly branchScale: number;
  /** True: z^l = z^{l−1} + branchScale·h (resnet); false: z^l = h. */
  readonly residual: boolean;
  /** True: layer 0 is the input embedding Y⁰ = W⁰x/√d (resnet); false: layer 1 is σw W¹x/√d + σb b¹. */
  readonly inputEmbedding: boolean;
  /** First recorded layer: 0 with an input embedding, else 1. */
  readonly firstLayer: 0 | 1;
  /** Input Gram matrix X = x·x'/d (k×k) and explicit inputs (d×k, d = INPUT_DIMENSION). */
  readonly X: Float64Array;
  readonly inputs: { readonly d: number; readonly x: Float64Array };
  readonly weights: WeightFamily;
}

/**
 * Receives a finite network's empirical kernels, layer by layer: the packed upper triangles
 * (backends/types.ts pairIndex order) of Σ_i z_i z_iᵀ and Σ_i φ(z_i)φ(z_i)ᵀ — sums over the n
 * rows, not yet divided by n.
 */
export interface LayerRecorder {
  record(layer: number, zSums: Float64Array, phiSums: Float64Array): void;
}

/** Cooperative yielding for long CPU loops (backends/cpu/yielder.ts): throws AbortError when cancelled. */
export interface Checkpoint {
  checkpoint(): Promise<void>;
}

/**
 * A finite network that the dense chain cannot express (attention, controlled ResNets): the module
 * simulates network `net` of a validated spec itself (spec.method says explicit or gram; refuse in
 * `issues` what it cannot do) and records every layer from firstLayer to L. Randomness: Philox keyed
 * by (spec.seed, a Domain, net, layer, row, column) as everywhere (DESIGN.md §4).
 */
export interface CpuNetwork {
  simulate(spec: Spec, net: number, recorder: LayerRecorder, yielder: Checkpoint): Promise<void>;
}

/** The typed parameters of a spec, resolved once (activation object, weight law, architecture). */
export interface ResolvedSpec<P = unknown> {
  readonly spec: Spec;
  /** φ of the `act` key (shaped MLPs build their own φ_s from cp, cm, n: see their params). */
  readonly activation: Activation;
  readonly weights: WeightFamily;
  readonly arch: ArchModule<P>;
  /** The architecture's own typed parameters (ArchModule.resolve). */
  readonly params: P;
}

export interface ArchModule<P = unknown, Id extends string = string> extends ArchSpecModule<Id> {
  /** The spec's parameters for this architecture, typed (a validated spec only). */
  resolve(spec: Spec): P;
  /** First recorded layer: 0 when layer 0 is an input embedding (resnet Y⁰), else 1. */
  readonly firstLayer: 0 | 1;
  /**
   * True when layer ℓ < L of the network depends on the depth L (the ResNet's branch scale L^−α):
   * then a depth-L profile cannot be cut at a layer ℓ to give the depth-ℓ network, and sweeps run
   * every depth as its own network. Absent: false.
   */
  readonly depthScaled?: boolean;
  /** Whether the NTK recursion is defined (`ntk=1` is refused by `issues` otherwise). */
  readonly ntk: boolean;
  /**
   * The infinite-width limit: the NNGP kernel of inputs a, b at layers firstLayer..L in f64 (and
   * the NTK when spec.ntk and this.ntk). 'fast' precision may be used while a slider drags.
   */
  kernelProfile(spec: Spec, precision: Precision): KernelProfile;
  /** Limits beyond infinite width, each a result block; absent or undefined where not defined. */
  readonly limits: {
    /** Infinite width then infinite depth, t = l/L ∈ [0, 1] (the ResNet covariance ODE at α = 1/2): the `limit` block. */
    readonly depth?: (spec: Spec, precision: 'exact' | 'fast') => LimitBlock | undefined;
    /** The proportional limit n, L → ∞ with T = L/n (the covariance SDE): the `sde` block. */
    readonly proportional?: (spec: Spec) => SdeBlock | undefined;
    /** Paths as inputs (controlled ResNets): the limit kernel of every pair at t = 1, its grid and error (the `signature` block). */
    readonly signature?: (spec: Spec) => SignatureBlock | undefined;
    /**
     * The `sde` view's block (paths, law at T, convergence in law over `widths`) for an architecture
     * whose proportional limit is not the shaped MLP's scalar SDE (shaped attention). Absent: the
     * view's own runner (experiments/sdeView.ts).
     */
    readonly proportionalView?: (spec: Spec, widths: readonly number[], options: { signal?: AbortSignal; onPartial?: (block: SdeViewBlock, progress: { done: number; total: number }) => void }) => Promise<SdeViewBlock>;
  };
  /** The finite network as the dense chain both backends run (explicit and gram). */
  network(spec: Spec): NetworkModel;
  /** A finite network the dense chain cannot express; when present the CPU backend runs it instead of `network`. */
  readonly cpu?: CpuNetwork;
  /**
   * Its WebGPU kernel, where it has one (the WebGPU backend runs it for the methods listed, and the
   * CPU network otherwise): K̂^l = (1/n) Σ_i z_i z_iᵀ of networks netStart … netStart + netCount − 1
   * at the recorded layers, in KernelBlock's layout ([net][layerIndex][pair], f64 from f32).
   */
  readonly gpu?: {
    readonly methods: readonly ('gram' | 'explicit')[];
    simulate(device: GPUDevice, spec: Spec, netStart: number, netCount: number, recordLayers: readonly number[]): Promise<Float64Array>;
  };
  /** Cost-model terms (experiments/plan.ts). */
  readonly cost: {
    /** Factor on the theory's per-layer cost (2 when the NTK recursion runs alongside the NNGP). */
    theoryLayerFactor(spec: Spec): number;
    /** Whether the theory pays the fixed cost of a limit solve (ODE, Fokker–Planck) once per run. */
    theoryFixed(spec: Spec): boolean;
    /**
     * For an architecture with its own CPU network: the dense-chain size (core/cost.ts) that costs
     * what one batch of its networks costs, so the planner prices and refuses it like the others.
     * Absent: the networks are the dense chain of `size` itself.
     */
    networkSize?(spec: Spec, size: SimSize): SimSize;
    /**
     * The same for its WebGPU kernel (`gpu`), where that does other work than the CPU network (the
     * controlled ResNet's kernel draws shared weights again at every step). Absent: networkSize.
     */
    gpuNetworkSize?(spec: Spec, size: SimSize): SimSize;
    /**
     * Dual-kernel evaluations V_φ(a, c, b) of solves that grow with a grid (the controlled ResNet's
     * PDE on its refined grid, its width-∞ recursions on the L×L grid), counted exactly; priced per
     * evaluation (core/costCalibration.ts theory.closedFormEvaluation / quadratureEvaluation, plus
     * stepwiseEvaluation for those in per-step recursions over small Gram matrices). Absent: none.
     */
    theoryEvaluations?(spec: Spec): { readonly grid: number; readonly stepwise: number };
    /**
     * Whether the networks evaluate a transcendental φ (a per-row cost term). Absent: the `act`
     * key's φ is not piecewise linear. The shaped MLP runs its own piecewise-linear φ_s.
     */
    smoothPhi?(spec: Spec): boolean;
  };
  /**
   * Views that show this architecture's own networks or theory (depth, hist, width, and the views
   * specific to it: sde for the shaped MLP, finite and phase for the MLP). Views that set `arch`
   * themselves (commute, regime, contrast) apply whatever the architecture; the phase diagram is
   * drawn for the MLP whatever `arch` is, and says so.
   */
  readonly views: readonly View[];
}
