/**
 * SGD and Adam on a TrainNetwork's parameters, each layer with its own learning rate η n^{−c}
 * (parametrisation.ts). Adam (Kingma & Ba 2015, Algorithm 1, with bias correction): its first step
 * is ΔW = −η sign(g) when |g| ≫ ε — the "sign descent" that fixes the Adam exponents (Yang & Littwin 2023, TP-IVb).
 * Buffers are allocated once; `step` allocates nothing.
 */
import type { OptimizerName } from './parametrisation.ts';
import type { TrainNetwork } from './network.ts';

export interface AdamSettings {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}
export const ADAM_DEFAULTS: AdamSettings = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };

export class Optimizer {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;

  constructor(
    readonly net: TrainNetwork,
    readonly kind: OptimizerName,
    readonly adam: AdamSettings = ADAM_DEFAULTS,
  ) {
    const sizes = net.weights.map((w) => (kind === 'adam' ? w.length : 0));
    this.m = sizes.map((s) => new Float64Array(s));
    this.v = sizes.map((s) => new Float64Array(s));
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /** One update with the gradients currently in net.grads. */
  step(): void {
    this.t++;
    const { weights, grads, layers } = this.net;
    if (this.kind === 'sgd') {
      for (let k = 0; k < weights.length; k++) {
        const W = weights[k];
        const g = grads[k];
        const lr = layers[k].lr;
        for (let j = 0; j < W.length; j++) W[j] -= lr * g[j];
      }
      return;
    }
    const { beta1, beta2, eps } = this.adam;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    for (let k = 0; k < weights.length; k++) {
      const W = weights[k];
      const g = grads[k];
      const m = this.m[k];
      const v = this.v[k];
      const lr = layers[k].lr;
      for (let j = 0; j < W.length; j++) {
        const gj = g[j];
        m[j] = beta1 * m[j] + (1 - beta1) * gj;
        v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
        W[j] -= (lr * (m[j] / c1)) / (Math.sqrt(v[j] / c2) + eps);
      }
    }
  }
}
