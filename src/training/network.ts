/**
 * A trainable network in f64 on the CPU, abc-parametrised per layer (parametrisation.ts):
 *
 *   mlp:    h¹ = m₁ W¹ x,   h^l = m_l W^l φ(h^{l−1}) (l = 2..L),   f = m_{L+1} W^{L+1} φ(h^L)
 *   resnet: Y⁰ = m₀ W⁰ x,   Y^l = Y^{l−1} + L^{−α} m W^l φ(Y^{l−1}) (l = 1..L),   f = m_out W^{L+1} Y^L
 *
 * with m = n^{−a}κ and W(0) = n^{−b}ξ. The readout of the ResNet reads the residual stream itself,
 * as in Bordelon et al. 2023 (eq. 1) and TP-VI; the MLP reads φ(h^L) as in TP-IV. No biases (the
 * lab's σb = 0). The draws ξ are the lab's: W^l_{ij} ↔ NormalStream(seed, Domain.weight)
 * .normal(net, l, i, j), the ResNet's W⁰ from Domain.inputWeight at layer 0 (backends/types.ts),
 * the readout at layer L+1, row 0 — so the width-n network is the top-left block of the width-2n
 * one (coupled widths) and, with a + b = 1/2 on hidden layers, h¹..h^L at initialisation are the
 * lab's explicit mlp / resnet for the same inputs.
 *
 * Loss: the mean over the batch of ℓ(f, y): ½(f − y)² (mse) or log(1 + e^{−y f}) (logistic,
 * y = ±1). All buffers are allocated once per batch size; forward/backward allocate nothing.
 */
import type { Activation } from '../core/activations.ts';
import { Domain, NormalStream } from '../core/philox.ts';
import {
  exponentIssue,
  type DepthScaling,
  type LayerRole,
  type ResolvedLayer,
  type RoleExponents,
} from './parametrisation.ts';

export type TrainArch = 'mlp' | 'resnet';

/**
 * The trained network's topology: a ResNet adds each block's branch to its input and has an input
 * layer 0 (DESIGN.md §1); an MLP does not. The training engine's own two topologies (issue 17 §1),
 * not the lab's architecture registry, which training is not wired to yet (issue 17 §7).
 */
export function isResidual(arch: TrainArch): boolean {
  return arch === 'resnet';
}
export type LossName = 'mse' | 'logistic';

export interface NetworkConfig {
  readonly arch: TrainArch;
  readonly act: Activation;
  /** Width n of every hidden layer. */
  readonly n: number;
  /** Hidden layers (mlp) or residual blocks (resnet): the lab's L. */
  readonly L: number;
  /** Input dimension (fixed as n grows). */
  readonly d: number;
  /** σw²: the n-independent constant κ² of every layer (κ₁ = σw/√d on the input layer). */
  readonly sw2: number;
  readonly exponents: RoleExponents;
  /** ResNet only: branch multiplier L^−α and branch learning-rate factor L^−γ. */
  readonly depth?: DepthScaling;
  /** Base learning rate η (each layer gets η n^{−c} (L^{−γ})). */
  readonly eta: number;
  readonly seed: number;
  /** Network index: keys the draws like the lab's Monte Carlo network index. */
  readonly net: number;
}

export const NETWORK_LIMITS = { n: [1, 16384], L: [1, 1000], d: [1, 4096], sw2: [0, 100] } as const;

/** A clear message for the first bad field, or undefined. */
export function networkConfigIssue(c: NetworkConfig): string | undefined {
  const int = (key: 'n' | 'L' | 'd') => {
    const v = c[key];
    const [lo, hi] = NETWORK_LIMITS[key];
    return Number.isInteger(v) && v >= lo && v <= hi ? undefined : `${key} = ${String(v)}: it must be an integer in [${lo}, ${hi}]`;
  };
  const bad = int('n') ?? int('L') ?? int('d');
  if (bad) return bad;
  if (!(c.sw2 > 0 && c.sw2 <= NETWORK_LIMITS.sw2[1])) return `sw2 = ${String(c.sw2)}: it must be in (0, 100]`;
  if (!(c.eta >= 0 && Number.isFinite(c.eta))) return `eta = ${String(c.eta)}: the learning rate must be a finite number ≥ 0`;
  if (!(Number.isInteger(c.seed) && c.seed >= 0 && c.seed <= 0xffffffff)) return `seed = ${String(c.seed)}: it must be an integer in [0, 2^32 − 1]`;
  if (!(Number.isInteger(c.net) && c.net >= 0 && c.net <= 0xffffffff)) return `net = ${String(c.net)}: it must be an integer in [0, 2^32 − 1]`;
  for (const role of ['input', 'hidden', 'output'] as const) {
    const e = exponentIssue(role, c.exponents[role]);
    if (e) return e;
  }
  if (c.depth && !(Number.isFinite(c.depth.alpha) && Number.isFinite(c.depth.gamma) && Math.abs(c.depth.alpha) <= 4 && Math.abs(c.depth.gamma) <= 4))
    return `alpha = ${String(c.depth.alpha)}, gamma = ${String(c.depth.gamma)}: both must be finite numbers in [−4, 4]`;
  return undefined;
}

/** Per-layer sizes, multipliers, initial standard deviations and learning rates (TP-IV §3). */
export function resolveLayers(c: NetworkConfig): ResolvedLayer[] {
  const { n, L, d } = c;
  const sw = Math.sqrt(c.sw2);
  const layer = (role: LayerRole, nIn: number, nOut: number, kappa: number, depthMult = 1, depthLr = 1): ResolvedLayer => {
    const e = c.exponents[role];
    return {
      role,
      nIn,
      nOut,
      multiplier: Math.pow(n, -e.a) * kappa * depthMult,
      initStd: Math.pow(n, -e.b),
      lr: c.eta * Math.pow(n, -e.c) * depthLr,
    };
  };
  const out: ResolvedLayer[] = [];
  if (!isResidual(c.arch)) {
    out.push(layer('input', d, n, sw / Math.sqrt(d)));
    for (let l = 2; l <= L; l++) out.push(layer('hidden', n, n, sw));
  } else {
    const depth = c.depth ?? { alpha: 0, gamma: 0 };
    // Y⁰ = W⁰x/√d as in the lab's resnet (no σw on the embedding).
    out.push(layer('input', d, n, 1 / Math.sqrt(d)));
    for (let l = 1; l <= L; l++) out.push(layer('hidden', n, n, sw, Math.pow(L, -depth.alpha), Math.pow(L, -depth.gamma)));
  }
  out.push(layer('output', n, 1, sw));
  return out;
}

/** Lab layer index and Philox domain of weight matrix k (0-based position in `layers`). */
export function drawKey(arch: TrainArch, k: number): { layer: number; domain: number } {
  if (isResidual(arch)) return k === 0 ? { layer: 0, domain: Domain.inputWeight } : { layer: k, domain: Domain.weight };
  return { layer: k + 1, domain: Domain.weight };
}

export class TrainNetwork {
  readonly layers: readonly ResolvedLayer[];
  /** Parameters W^k, row-major nOut × nIn. */
  readonly weights: Float64Array[];
  /** Gradients of the loss, same layout. */
  readonly grads: Float64Array[];
  /** Per recorded layer (mlp: h¹..h^L; resnet: Y⁰..Y^L), B × n, after the last forward. */
  pre: Float64Array[] = [];
  post: Float64Array[] = [];
  /** Network outputs f of the last forward, length B. */
  out = new Float64Array(0);
  private dA = new Float64Array(0);
  private dB = new Float64Array(0);
  private dOut = new Float64Array(0);
  private batch = 0;

  constructor(readonly config: NetworkConfig) {
    const issue = networkConfigIssue(config);
    if (issue) throw new RangeError(`training network: ${issue}`);
    this.layers = resolveLayers(config);
    this.weights = this.layers.map((ly) => new Float64Array(ly.nOut * ly.nIn));
    this.grads = this.layers.map((ly) => new Float64Array(ly.nOut * ly.nIn));
    this.initialise();
  }

  /** W^k(0) = n^{−b}ξ with the lab's draws (see the header). */
  initialise(): void {
    const { arch, seed, net } = this.config;
    this.layers.forEach((ly, k) => {
      const { layer, domain } = drawKey(arch, k);
      const stream = new NormalStream(seed, domain);
      const W = this.weights[k];
      for (let i = 0; i < ly.nOut; i++) stream.row(net, layer, i, ly.nIn, W, i * ly.nIn);
      for (let j = 0; j < W.length; j++) W[j] *= ly.initStd;
    });
  }

  /** Number of recorded hidden representations (h¹..h^L, or Y⁰..Y^L). */
  get hiddenCount(): number {
    return isResidual(this.config.arch) ? this.config.L + 1 : this.config.L;
  }

  private ensureBatch(B: number): void {
    if (B === this.batch) return;
    const n = this.config.n;
    this.pre = Array.from({ length: this.hiddenCount }, () => new Float64Array(B * n));
    this.post = Array.from({ length: this.hiddenCount }, () => new Float64Array(B * n));
    this.out = new Float64Array(B);
    this.dA = new Float64Array(B * n);
    this.dB = new Float64Array(B * n);
    this.dOut = new Float64Array(B);
    this.batch = B;
  }

  /**
   * out[b·nOut + i] = m Σ_j W_ij x[b·nIn + j] (+ out when `accumulate`). Row i of W is used for
   * every sample while it is in cache (i outer, b inner): W is read from memory once per pass.
   */
  private static dense(ly: ResolvedLayer, W: Float64Array, x: Float64Array, B: number, out: Float64Array, accumulate: boolean): void {
    const { nIn, nOut, multiplier: m } = ly;
    for (let i = 0; i < nOut; i++) {
      const wo = i * nIn;
      for (let b = 0; b < B; b++) {
        const xo = b * nIn;
        let s = 0;
        for (let j = 0; j < nIn; j++) s += W[wo + j] * x[xo + j];
        const o = b * nOut + i;
        out[o] = accumulate ? out[o] + m * s : m * s;
      }
    }
  }

  /** Forward pass of a batch x (B × d); fills pre, post and out. */
  forward(x: Float64Array, B: number): Float64Array {
    this.ensureBatch(B);
    const phi = this.config.act.phi;
    const { layers, weights, pre, post } = this;
    const resnet = isResidual(this.config.arch);
    const H = this.hiddenCount;
    TrainNetwork.dense(layers[0], weights[0], x, B, pre[0], false);
    for (let r = 0; r < H; r++) {
      if (r > 0) {
        if (resnet) pre[r].set(pre[r - 1]);
        TrainNetwork.dense(layers[r], weights[r], post[r - 1], B, pre[r], resnet);
      }
      const p = pre[r];
      const q = post[r];
      for (let j = 0; j < p.length; j++) q[j] = phi(p[j]);
    }
    // Readout: from φ(h^L) (mlp) or from the stream Y^L itself (resnet).
    TrainNetwork.dense(layers[H], weights[H], resnet ? pre[H - 1] : post[H - 1], B, this.out, false);
    return this.out;
  }

  /** Mean loss over the batch of the last forward pass. */
  loss(y: Float64Array, lossName: LossName): number {
    let s = 0;
    for (let b = 0; b < this.batch; b++) s += pointLoss(this.out[b], y[b], lossName);
    return s / this.batch;
  }

  /**
   * Backward pass after `forward(x, B)`: grads = ∂(mean loss)/∂W^k. Returns the mean loss.
   * Chain rule (mlp): δ^{L} = φ'(h^L) ⊙ m_{L+1}W^{L+1}ᵀ ∂ℓ/∂f, δ^{l−1} = φ'(h^{l−1}) ⊙ m_l W^lᵀ δ^l,
   * ∂/∂W^l = m_l δ^l x^{l−1}ᵀ; (resnet) ∂/∂Y^{l−1} = ∂/∂Y^l + φ'(Y^{l−1}) ⊙ m_l W^lᵀ ∂/∂Y^l.
   */
  backward(x: Float64Array, y: Float64Array, lossName: LossName): number {
    const B = this.batch;
    let loss = 0;
    for (let b = 0; b < B; b++) {
      loss += pointLoss(this.out[b], y[b], lossName);
      this.dOut[b] = pointLossDerivative(this.out[b], y[b], lossName) / B;
    }
    this.backprop(x, undefined);
    return loss / B;
  }

  /**
   * The empirical NTK of the batch x (B × d), weighted by each layer's learning rate — the kernel
   * of function-space gradient descent, df(x_a)/dt = −Σ_b Θ_ab ∂ℓ/∂f(x_b) (Jacot et al. 2018, with
   * per-layer rates): Θ_ab = Σ_l η_l ⟨∂f(x_a)/∂W^l, ∂f(x_b)/∂W^l⟩. Per layer the gradient is the
   * outer product m_l δ^l(a) x^{l−1}(a)ᵀ, so its inner products factor:
   * ⟨·,·⟩_l = m_l² (δ^l(a)·δ^l(b)) (x^{l−1}(a)·x^{l−1}(b)) — O(B² n) per layer, no n² buffers.
   * Writes the B × B matrix into theta (row-major); runs its own forward pass.
   */
  empiricalNtk(x: Float64Array, B: number, theta: Float64Array): Float64Array {
    this.forward(x, B);
    this.dOut.fill(1); // ∂f(x_b)/∂f(x_b): the batch backward then carries δ^l(b) = ∂f(x_b)/∂h^l(b)
    theta.fill(0, 0, B * B);
    this.backprop(x, theta);
    return theta;
  }

  /**
   * Backpropagate dOut through the last forward pass. With theta undefined: grads = Σ_b of the
   * per-sample weight gradients. With theta: add each layer's NTK term to theta instead.
   * Chain rule (mlp): δ^{L} = φ'(h^L) ⊙ m_{L+1}W^{L+1}ᵀ dOut, δ^{l−1} = φ'(h^{l−1}) ⊙ m_l W^lᵀ δ^l,
   * ∂/∂W^l = m_l δ^l x^{l−1}ᵀ; (resnet) ∂/∂Y^{l−1} = ∂/∂Y^l + φ'(Y^{l−1}) ⊙ m_l W^lᵀ ∂/∂Y^l.
   */
  private backprop(x: Float64Array, theta: Float64Array | undefined): void {
    const B = this.batch;
    const dphi = this.config.act.dphi;
    const { layers, weights, grads, pre, post } = this;
    const resnet = isResidual(this.config.arch);
    const H = this.hiddenCount;
    const layerOp = (k: number, delta: Float64Array, input: Float64Array) => {
      if (theta) TrainNetwork.ntkTerm(layers[k], delta, input, B, theta);
      else TrainNetwork.weightGrad(layers[k], delta, input, B, grads[k]);
    };
    // Readout gradient and the gradient reaching its input.
    let delta = this.dA; // ∂/∂(pre-activation or stream) of the current layer, B × n
    let spare = this.dB;
    {
      const inp = resnet ? pre[H - 1] : post[H - 1];
      layerOp(H, this.dOut, inp);
      TrainNetwork.inputGrad(layers[H], weights[H], this.dOut, B, delta);
      if (!resnet) multiplyDerivative(delta, pre[H - 1], dphi);
    }
    for (let r = H - 1; r >= 1; r--) {
      layerOp(r, delta, post[r - 1]);
      TrainNetwork.inputGrad(layers[r], weights[r], delta, B, spare);
      multiplyDerivative(spare, pre[r - 1], dphi);
      if (resnet) for (let j = 0; j < spare.length; j++) spare[j] += delta[j];
      const t = delta;
      delta = spare;
      spare = t;
    }
    layerOp(0, delta, x);
  }

  /** θ_ab += η m² (δ_a·δ_b)(x_a·x_b) for one layer (see empiricalNtk). */
  private static ntkTerm(ly: ResolvedLayer, delta: Float64Array, x: Float64Array, B: number, theta: Float64Array): void {
    const { nIn, nOut, multiplier: m, lr } = ly;
    for (let a = 0; a < B; a++)
      for (let b = a; b < B; b++) {
        let dd = 0;
        for (let i = 0; i < nOut; i++) dd += delta[a * nOut + i] * delta[b * nOut + i];
        let xx = 0;
        for (let j = 0; j < nIn; j++) xx += x[a * nIn + j] * x[b * nIn + j];
        const v = lr * m * m * dd * xx;
        theta[a * B + b] += v;
        if (b !== a) theta[b * B + a] += v;
      }
  }

  /** g_ij = m Σ_b δ[b, i] x[b, j] (i outer: row i of g stays in cache over the batch). */
  private static weightGrad(ly: ResolvedLayer, delta: Float64Array, x: Float64Array, B: number, g: Float64Array): void {
    const { nIn, nOut, multiplier: m } = ly;
    g.fill(0);
    for (let i = 0; i < nOut; i++) {
      const go = i * nIn;
      for (let b = 0; b < B; b++) {
        const di = m * delta[b * nOut + i];
        if (di === 0) continue;
        const xo = b * nIn;
        for (let j = 0; j < nIn; j++) g[go + j] += di * x[xo + j];
      }
    }
  }

  /** out[b, j] = m Σ_i W_ij δ[b, i] (i outer: row i of W stays in cache over the batch). */
  private static inputGrad(ly: ResolvedLayer, W: Float64Array, delta: Float64Array, B: number, out: Float64Array): void {
    const { nIn, nOut, multiplier: m } = ly;
    out.fill(0, 0, B * nIn);
    for (let i = 0; i < nOut; i++) {
      const wo = i * nIn;
      for (let b = 0; b < B; b++) {
        const di = m * delta[b * nOut + i];
        if (di === 0) continue;
        const oo = b * nIn;
        for (let j = 0; j < nIn; j++) out[oo + j] += W[wo + j] * di;
      }
    }
  }
}

function multiplyDerivative(delta: Float64Array, pre: Float64Array, dphi: (x: number) => number): void {
  for (let j = 0; j < delta.length; j++) delta[j] *= dphi(pre[j]);
}

export function pointLoss(f: number, y: number, loss: LossName): number {
  if (loss === 'mse') return 0.5 * (f - y) * (f - y);
  // log(1 + e^{−yf}), stable for large |yf|.
  const z = -y * f;
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function pointLossDerivative(f: number, y: number, loss: LossName): number {
  if (loss === 'mse') return f - y;
  // d/df log(1 + e^{−yf}) = −y σ(−yf).
  const z = -y * f;
  const s = z > 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  return -y * s;
}
