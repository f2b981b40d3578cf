/**
 * abc-parametrisations (Yang & Hu 2021, "Tensor Programs IV: Feature Learning in Infinite-Width
 * Neural Networks", §3), per layer, plus the depth scaling of
 * ResNet branches (Yang, Yu, Zhu & Hayou 2023, "Tensor Programs VI", Depth-µP; Bordelon et al. 2023).
 *
 * A layer l with width-dependent exponents (a_l, b_l, c_l) is
 *     h^l = n^{−a_l} · κ_l · W^l x^{l−1},   W^l(0)_{ij} = n^{−b_l} ξ_{ij},   ξ_{ij} ~ N(0, 1),
 * trained with learning rate η_l = η · n^{−c_l} (· L^{−γ} for a ResNet branch). κ_l is an
 * n-independent constant: σw/√d for the input layer (d the input dimension, fixed as n grows),
 * σw for hidden layers and the readout — so under any parametrisation with a_l + b_l = 1/2 on the
 * hidden layers the network at initialisation is the lab's mlp (DESIGN.md §1) with σb = 0, draw for
 * draw (network.ts). TP-IV writes a single global c; we keep one c per layer, the form in which
 * µP for Adam is written (TP-V; Yang & Littwin 2023); for SGD the presets below use one c for every layer.
 *
 * Layers are numbered as in TP-IV: 1 is the input layer (fan-in d), 2..L are hidden (fan-in n),
 * L+1 is the readout (fan-out 1) — with L the number of hidden layers, i.e. the lab's `L` (L counts
 * the lab's width-n weight matrices; the readout is one more).
 */

export type ParamName = 'sp' | 'ntk' | 'mup' | 'mf';
export const PARAM_NAMES: readonly ParamName[] = ['sp', 'ntk', 'mup', 'mf'];
export const PARAM_LABELS: Record<ParamName, string> = {
  sp: 'standard (SP)',
  ntk: 'NTK',
  mup: 'µP (maximal update)',
  mf: 'mean-field',
};

export type OptimizerName = 'sgd' | 'adam';

/** Which of the three kinds of layer of TP-IV a layer is (they get different exponents). */
export type LayerRole = 'input' | 'hidden' | 'output';

/** The width exponents of one layer: multiplier n^−a, initial standard deviation n^−b, lr n^−c. */
export interface LayerExponents {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

export type RoleExponents = Readonly<Record<LayerRole, LayerExponents>>;

/**
 * The presets of TP-IV §3 for SGD (one c for every layer):
 *   SP:  a = 0 everywhere; b_1 = 0, b_{≥2} = 1/2; c = 0.
 *   NTK: a_1 = 0, a_{≥2} = 1/2; b = 0; c = 0.
 *   µP:  a_1 = −1/2, a_{2..L} = 0, a_{L+1} = 1/2; b = 1/2; c = 0  (TP-IV's µP).
 *   MF:  TP-IV's mean-field parametrisation for one hidden layer is a_1 = 0, a_2 = 1, b = 0,
 *        c = −1; for deeper nets we take its extension a_{2..L} = 1/2, which is µP moved by the
 *        symmetry (a, b, c) → (a + θ, b − θ, c − 2θ), θ = 1/2, that leaves SGD training unchanged
 *        (TP-IV §3, "Symmetries"): so MF and µP give the same trajectories (tested).
 * For Adam the first step is sign descent and the symmetry is (a + θ, b − θ, c − θ) (Yang & Littwin
 * 2023; Everett et al. 2024, "Scaling exponents across parameterizations and optimizers"); µP for Adam needs c = (1/2, 1, 1/2) on (input, hidden, output) in the form above,
 * and MF the same moved by θ = 1/2. SP and NTK keep c = 0 (the usual "one fixed learning rate").
 */
export function presetExponents(name: ParamName, optimizer: OptimizerName = 'sgd'): RoleExponents {
  const e = (a: number, b: number, c: number): LayerExponents => ({ a, b, c });
  const adam = optimizer === 'adam';
  switch (name) {
    case 'sp':
      return { input: e(0, 0, 0), hidden: e(0, 0.5, 0), output: e(0, 0.5, 0) };
    case 'ntk':
      return { input: e(0, 0, 0), hidden: e(0.5, 0, 0), output: e(0.5, 0, 0) };
    case 'mup':
      return adam
        ? { input: e(-0.5, 0.5, 0.5), hidden: e(0, 0.5, 1), output: e(0.5, 0.5, 0.5) }
        : { input: e(-0.5, 0.5, 0), hidden: e(0, 0.5, 0), output: e(0.5, 0.5, 0) };
    case 'mf':
      return adam
        ? { input: e(0, 0, 0), hidden: e(0.5, 0, 0.5), output: e(1, 0, 0) }
        : { input: e(0, 0, -1), hidden: e(0.5, 0, -1), output: e(1, 0, -1) };
  }
}

/** Depth scaling of a ResNet: branch multiplier L^−α, branch learning rate η·L^−γ. */
export interface DepthScaling {
  readonly alpha: number;
  readonly gamma: number;
}

/**
 * Depth-µP (TP-VI, §4; Bordelon et al. 2023, §3): branches scaled by 1/√L; for SGD the branch
 * learning rate needs no depth factor (γ = 0), for Adam it is η/√L (γ = 1/2).
 * The "unscaled" ResNet is α = γ = 0.
 */
export function depthMuP(optimizer: OptimizerName): DepthScaling {
  return { alpha: 0.5, gamma: optimizer === 'adam' ? 0.5 : 0 };
}
export const UNSCALED_DEPTH: DepthScaling = { alpha: 0, gamma: 0 };

/** The n-independent constants and sizes of one layer, resolved for a given width. */
export interface ResolvedLayer {
  readonly role: LayerRole;
  readonly nIn: number;
  readonly nOut: number;
  /** The forward multiplier n^{−a}·κ (times L^{−α} for a ResNet branch). */
  readonly multiplier: number;
  /** Standard deviation of the initial parameter entries, n^{−b}. */
  readonly initStd: number;
  /** Learning rate η·n^{−c} (· L^{−γ} for a ResNet branch). */
  readonly lr: number;
}

/** Check an exponent triple: finite numbers (a user-given abc must not produce NaN multipliers). */
export function exponentIssue(role: LayerRole, e: LayerExponents): string | undefined {
  for (const key of ['a', 'b', 'c'] as const) {
    const v = e[key];
    if (!Number.isFinite(v) || Math.abs(v) > 4)
      return `${role} layer exponent ${key} = ${String(v)}: it must be a finite number in [−4, 4]`;
  }
  return undefined;
}
