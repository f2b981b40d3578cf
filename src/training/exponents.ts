/**
 * The width exponents of the coord check, derived from the abc-parametrisation (Yang & Hu 2021,
 * TP-IV §3 and §5; the derivation and the table are in docs/training.md): after one step at a fixed
 * base learning rate η, to first order in η, the change of the pre-activations per coordinate
 * scales as mean|Δh^l| ∝ n^{e_l} and the change of the output as |Δf| ∝ n^{e_f}.
 *
 * Stable initialisation (TP-IV §3): a₁ + b₁ = 0, a_l + b_l = 1/2 (hidden),
 * β := a_{L+1} + b_{L+1} ≥ 1/2. Then h^l = Θ(1), the output gradient ∂f/∂x^L has coordinates
 * n^{−β}, backpropagation keeps that size (a + b = 1/2), so δ^l = ∂f/∂h^l = Θ(n^{−β}) for every
 * hidden l, and ∂ℓ/∂f = Θ(1).
 *
 * SGD: ΔW^l = −η n^{−c_l} m_l ∂ℓ/∂f δ^l x^{l−1}ᵀ with m_l = Θ(n^{−a_l}); its own contribution to
 * h^l is m_l ΔW^l x^{l−1} = Θ(n^{−c_l − 2a_l − β} ‖x^{l−1}‖²), with ‖x⁰‖² = Θ(1) (d fixed) and
 * ‖x^{l−1}‖² = Θ(n) for l ≥ 2:
 *     own₁ = −c₁ − 2a₁ − β,   own_l = 1 − c_l − 2a_l − β,   own_f = 1 − c_{L+1} − 2a_{L+1}.
 * Adam: the first step is sign descent (optimizer.ts), ΔW^l = −η n^{−c_l} sign(g), whose entries
 * are Θ(η n^{−c_l}) and correlated with x^{l−1}, so m_l ΔW^l x^{l−1} = Θ(n^{−a_l − c_l} fan-in):
 *     own₁ = −c₁ − a₁,           own_l = 1 − c_l − a_l,         own_f = 1 − c_{L+1} − a_{L+1}.
 * The change of the layer below passes through m_l W^l at its own size (a + b = 1/2; TP-IV's
 * Z^{Wx} = Ẑ + Ż, both Θ of the input change), so e₁ = own₁, e_l = max(e_{l−1}, own_l); the
 * readout adds W^{L+1}Δx^L, a sum of n terms of size n^{−β}·n^{e_L} correlated through δ^L (law of
 * large numbers): e_f = max(own_f, 1 − β + e_L).
 * First order in η: the products of two changes (e.g. ΔW^{L+1}Δx^L) are O(η²) and are left out —
 * the coord check is run at an η small enough that they are (docs/training.md).
 */
import type { DepthScaling, OptimizerName, RoleExponents } from './parametrisation.ts';

export interface CoordExponents {
  /** e_l for h^1..h^L. */
  readonly hidden: number[];
  /** e_f for the output f. */
  readonly output: number;
}

export type ExponentResult = { ok: true; value: CoordExponents } | { ok: false; reason: string };

const EPS = 1e-12;

export function coordCheckExponents(p: RoleExponents, L: number, optimizer: OptimizerName): ExponentResult {
  const { input, hidden, output } = p;
  if (Math.abs(input.a + input.b) > EPS)
    return { ok: false, reason: `a₁ + b₁ = ${input.a + input.b}: the input layer is stable only for a₁ + b₁ = 0 (TP-IV §3)` };
  if (L >= 2 && Math.abs(hidden.a + hidden.b - 0.5) > EPS)
    return { ok: false, reason: `a + b = ${hidden.a + hidden.b} on the hidden layers: stable only for a + b = 1/2` };
  const beta = output.a + output.b;
  if (beta < 0.5 - EPS) return { ok: false, reason: `a + b = ${beta} on the readout: the output at initialisation blows up unless it is ≥ 1/2` };
  const sgd = optimizer === 'sgd';
  const own1 = sgd ? -input.c - 2 * input.a - beta : -input.c - input.a;
  const ownH = sgd ? 1 - hidden.c - 2 * hidden.a - beta : 1 - hidden.c - hidden.a;
  const ownF = sgd ? 1 - output.c - 2 * output.a : 1 - output.c - output.a;
  const e: number[] = [own1];
  for (let l = 2; l <= L; l++) e.push(Math.max(e[l - 2], ownH));
  // `+ 0` turns −0 (from −c − a with c = a = 0) into 0.
  return { ok: true, value: { hidden: e.map((v) => v + 0), output: Math.max(ownF, 1 - beta + e[L - 1]) + 0 } };
}

/**
 * Feature and kernel movement after one step, first order in η (docs/training.md §6): the spectral
 * norm ratio ‖ΔW^l‖/‖W^l(0)‖ and ‖Θ₁ − Θ₀‖_F/‖Θ₀‖_F of the lr-weighted empirical NTK.
 * ‖W^l(0)‖ = Θ(n^{−b_l} √n) (an n × d, n × n or 1 × n Gaussian matrix, Bai–Yin). SGD: ΔW^l is the
 * outer product η n^{−c} m ∂ℓ/∂f δ^l x^{l−1}ᵀ (rank ≤ batch) with ‖δ^l‖ = n^{1/2−β} (1 on the
 * readout) and ‖x^{l−1}‖ = 1 (input) or n^{1/2}, so with a + b fixed by stability the ratios are
 * own₁ and own_l of coordCheckExponents and b − a − c on the readout. Adam (sign step):
 * ‖ΔW‖ = η n^{−c} √(n_out n_in): ratios b − c (input, readout) and 1/2 + b − c (hidden).
 * The kernel Θ = Σ_l η_l m_l² (δ^l·δ^l)(x^{l−1}·x^{l−1}) moves through inner products such as
 * x·Δx = Σ_i x_i Δx_i: the change Δx (of size n^{e}, e = max_l e_l) is, to leading order,
 * uncorrelated with x (Δh^l ∝ δ^l, which is independent of h^l in the limit — TP-IV's gradient
 * independence), so the first-order term is a sum of n centred terms, √n · n^{e}, relative n^{e−1/2};
 * the second-order term Δx·Δx is n^{2e} relative. Hence ΔΘ/Θ = Θ(η n^{e−1/2} + η² n^{2e}):
 *   NTK: e = −1/2, both terms n^{−1} — the 1/n of Dyer & Gur-Ari 2020 (ICLR, "Asymptotics of wide
 *        networks from Feynman diagrams") and Huang & Yau 2020, sharper than Jacot et al.'s n^{−1/2};
 *   µP:  e = 0, n^{−1/2} to first order in η but Θ(η²) — the kernel moves by Θ(1) once η is Θ(1).
 * `kernel` is the first-order exponent e − 1/2, `kernelFiniteEta` = max(e − 1/2, 2e).
 */
export interface MovementExponents {
  /** ‖ΔW^l‖/‖W^l‖ for the input, hidden (2..L) and readout layers, in layer order. */
  readonly weights: number[];
  /** ‖ΔΘ‖/‖Θ‖ to first order in η. */
  readonly kernel: number;
  /** ‖ΔΘ‖/‖Θ‖ at a fixed, finite η (large n). */
  readonly kernelFiniteEta: number;
}

export function movementExponents(p: RoleExponents, L: number, optimizer: OptimizerName): { ok: true; value: MovementExponents } | { ok: false; reason: string } {
  const coord = coordCheckExponents(p, L, optimizer);
  if (!coord.ok) return coord;
  const { input, hidden, output } = p;
  const beta = output.a + output.b;
  const w: number[] = [];
  if (optimizer === 'sgd') {
    w.push(-input.c - 2 * input.a - beta);
    for (let l = 2; l <= L; l++) w.push(1 - hidden.c - 2 * hidden.a - beta);
    w.push(output.b - output.a - output.c);
  } else {
    w.push(input.b - input.c);
    for (let l = 2; l <= L; l++) w.push(0.5 + hidden.b - hidden.c);
    w.push(output.b - output.c);
  }
  const e = Math.max(...coord.value.hidden);
  return { ok: true, value: { weights: w.map((v) => v + 0), kernel: e - 0.5, kernelFiniteEta: Math.max(e - 0.5, 2 * e) + 0 } };
}

/**
 * Depth exponents of the ResNet coord check (docs/training.md §3b): after one step at a fixed base
 * learning rate η, to first order in η, at a fixed width, how the change per coordinate scales with
 * the number of blocks L, for branches L^{−α} m W^l φ(Y^{l−1}) trained at η n^{−c} L^{−γ}
 * (Depth-µP: Yang, Yu, Zhu & Hayou 2023, TP-VI §4; Bordelon et al. 2023, §3).
 *
 * For α ≥ 1/2 the stream and its gradient are Θ(1) in L at initialisation (each of L branches adds a
 * centred change of variance L^{−2α}; same for the backward pass), g^l = ∂f/∂Y^l = Θ(1).
 * Own contribution of branch l to the stream: L^{−α} m ΔW^l φ(Y^{l−1}) with
 *   SGD:  ΔW^l = −η L^{−γ} ∂ℓ/∂f · L^{−α} m g^l φᵀ             → Θ(L^{−2α−γ}) per coordinate,
 *   Adam: ΔW^l = −η L^{−γ} sign(g^l φᵀ) (first step, sign descent) → Θ(L^{−α−γ}),
 * all along g^l, which is correlated across l (g^{l−1} = g^l + O(L^{−α}) per block), so the L
 * branches add coherently: own_B = 1 − 2α − γ (SGD), 1 − α − γ (Adam).
 * The branches also respond to the change of their input: Σ_l L^{−α} m W^l (φ' ⊙ ΔY^{l−1}), L terms
 * with independent W^l, a random sum of size L^{1/2−α}·|ΔY| (Θ(1)·|ΔY| at α = 1/2).
 * The embedding Y⁰ = m₀W⁰x and the readout carry no depth factor: their own changes are Θ(1).
 *
 * Recorded: Y⁰ (embedding), R = Y^L − Y⁰ (the sum of the branches), Y^L (the stream at the top), f.
 *   mode 'branches' (embedding and readout frozen): ΔY⁰ = 0; R, Y^L, f ∝ L^{own_B};
 *   mode 'all':  Y⁰: 0;  R: max(own_B, 1/2 − α);  Y^L and f: max(0, own_B).
 * Depth-µP (α = 1/2; γ = 0 SGD, 1/2 Adam) gives own_B = 0: every change Θ(1) in depth.
 * α < 1/2 (the unscaled ResNet, α = 0) has no depth power law: the stream at initialisation already
 * grows faster than any power of L (exponentially for ReLU and linear φ; for tanh the backward pass
 * grows like exp(c√L)).
 */
export interface DepthCoordExponents {
  /** Y⁰; null in mode 'branches' (it does not change). */
  readonly embedding: number | null;
  /** R = Y^L − Y⁰. */
  readonly branches: number;
  /** Y^L. */
  readonly stream: number;
  /** f. */
  readonly output: number;
}

export type DepthCoordMode = 'all' | 'branches';

export function depthCoordExponents(depth: DepthScaling, optimizer: OptimizerName, mode: DepthCoordMode): { ok: true; value: DepthCoordExponents } | { ok: false; reason: string } {
  const { alpha, gamma } = depth;
  if (alpha < 0.5 - EPS)
    return { ok: false, reason: `alpha = ${alpha}: below 1/2 the ResNet's stream grows faster than any power of L at initialisation (exponentially for ReLU), so no depth exponent exists` };
  const own = optimizer === 'sgd' ? 1 - 2 * alpha - gamma : 1 - alpha - gamma;
  const z = (v: number) => v + 0;
  if (mode === 'branches') return { ok: true, value: { embedding: null, branches: z(own), stream: z(own), output: z(own) } };
  return { ok: true, value: { embedding: 0, branches: z(Math.max(own, 0.5 - alpha)), stream: z(Math.max(0, own)), output: z(Math.max(0, own)) } };
}
