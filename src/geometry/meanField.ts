/**
 * Mean-field (infinite-width) geometry of the image of an input circle (issue 18; derivation in
 * docs/DESIGN.md §9). With z^ℓ(θ) the pre-activations of the point x(θ) of the circle of squared
 * radius q (curve.ts) and ż^ℓ = ∂_θ z^ℓ:
 *
 *   length element   g^ℓ = lim_{n→∞} |ż^ℓ|²/n.  For an MLP, ż^{ℓ+1} = σw W^{ℓ+1}(φ'(z^ℓ) ⊙ ż^ℓ)/√n,
 *                    and at infinite width (z_i, ż_i) is a centred Gaussian pair with
 *                    E z_i ż_i = ∂_θ q^ℓ/2 = 0 (the norm is constant along the circle), so z_i and ż_i
 *                    are independent and
 *                        g¹ = σw² q,   g^{ℓ+1} = σw² E φ'(√q^ℓ ξ)² · g^ℓ = χ₁(q^ℓ) g^ℓ
 *                    (Poole et al. 2016, eq. 8: the slope χ₁ of the correlation map at c = 1), with
 *                    q^ℓ the length map's iterates (q¹ = σw² q + σb²). At the fixed point q^ℓ = q*
 *                    the length grows (χ₁ > 1, chaotic) or shrinks (χ₁ < 1, ordered) by √χ₁ a layer.
 *   continuum length ℒ^ℓ = ∫₀^{2π} √g^ℓ dθ = 2π√g^ℓ  (lengths are per √n, the input's per √d).
 *   polygon length   the k chords between consecutive points: |z_a − z_b|²/n → 2(q^ℓ − K^ℓ(Δ)),
 *                    Δ = 2π/k, K^ℓ the NNGP kernel of two points of the circle at angle Δ (nngp.ts):
 *                    ℒ_k^ℓ = k √(2(q^ℓ − K^ℓ(Δ))) → ℒ^ℓ as k → ∞ (and ℒ_k ≤ ℒ: a chord is shorter
 *                    than its arc). In the chaotic phase it saturates at k√(2(q* − q*c*)) once the
 *                    chords decorrelate, while ℒ^ℓ keeps growing (the image becomes fractal-like).
 *   Jacobian         J^ℓ = ∂z^ℓ/∂x. Along the unit input direction u = ẋ/|ẋ| (any u ⟂ x has the same law
 *                    for Gaussian weights, by rotation invariance), E ‖J^ℓ u‖²·d/n → g^ℓ/q =
 *                    σw² ∏_{m<ℓ} χ₁(q^m) — the backward (gradient) depth scale of Schoenholz et al.
 *                    2017, §4: χ₁ governs both directions.
 *
 * ResNet (Y^ℓ = Y^{ℓ−1} + β(σw W φ(Y^{ℓ−1})/√n + σb b), β = L^{−α}, Y⁰ = W⁰x/√d): the cross term
 * E ẏ·Wφ'(y)ẏ vanishes (fresh, mean-zero W), so g⁰ = q, g^ℓ = g^{ℓ−1}(1 + β²σw² E φ'(Y)²).
 * Shaped MLP: the MLP rule with σw² → c and φ → φ_s (no bias), g¹ = σw² q.
 */
import { ARCH_MODULES, archOf } from '../archs/index.ts';
import type { NetworkModel } from '../archs/types.ts';
import type { Spec } from '../core/spec.ts';
import { dualKernels, gaussianMean, type Precision } from '../theory/dual.ts';
import { curveAngles, curveMoments, curvePointDot, isCircle, type InputCurve } from './curve.ts';

export interface CurveMeanField {
  /** Layer indices (1..L for mlp/shaped, 0..L for resnet), as in the theory block. */
  readonly layers: number[];
  /** q^ℓ: the squared length per neuron of every point of the image (the length map's iterates). */
  readonly q: number[];
  /** g^ℓ = |ż^ℓ|²/n at infinite width. */
  readonly tangent2: number[];
  /** The per-layer factor g^{ℓ+1}/g^ℓ (χ₁(q^ℓ) for the MLP); the last entry is the factor to a layer L + 1. */
  readonly growth: number[];
  /** ℒ^ℓ = 2π√g^ℓ. */
  readonly length: number[];
  /** ℒ_k^ℓ = k√(2(q^ℓ − K^ℓ(2π/k))). */
  readonly polygonLength: number[];
  /** E‖J^ℓ u‖² d/n = g^ℓ/q. */
  readonly jacobian2: number[];
}

/**
 * The tangent recursion of any dense-chain architecture (archs/types.ts NetworkModel), read from its
 * scales, so that every such architecture gets it with no code of its own:
 *   first layer  embedding: g⁰ = q;  else g¹ = s₁² q  (s₁ = firstWeightScale);
 *   hidden       plain: g^{ℓ+1} = s² E φ'(z)² g^ℓ;  residual: g^{ℓ+1} = (1 + β² s² E φ'(z)²) g^ℓ,
 *                z ~ N(0, q^ℓ), s = hiddenWeightScale, β = branchScale.
 */
function tangentRule(model: NetworkModel, q: number, precision: Precision): { g0: number; factor: (qq: number) => number } {
  const duals = dualKernels(model.act, precision);
  const s2 = model.hiddenWeightScale ** 2;
  const beta2 = model.branchScale ** 2;
  const slope2 = (qq: number) => s2 * duals.Fpdiag(qq);
  return {
    g0: model.inputEmbedding ? q : model.firstWeightScale ** 2 * q,
    factor: model.residual ? (qq) => 1 + beta2 * slope2(qq) : slope2,
  };
}

/** Whether the curve views can run this spec's architecture: a dense chain (not a module's own CPU network). */
export function curveUnsupported(spec: Spec): string | undefined {
  const arch = archOf(spec);
  return arch.cpu ? `curve: arch=${spec.arch} runs its own network, not the dense chain the curve's tangents are propagated through; use arch=${ARCH_MODULES.filter((m) => !m.cpu).map((m) => m.id).join(', ')}` : undefined;
}

/**
 * The ellipse (r < 1), and a drawn curve: the norm varies along the curve, so at each point z and ż are correlated,
 * c = E z ż = ½ ∂_θ q. Writing ż = (c/q) z + ε with ε ⟂ z, the dense chain's rule becomes, point by point,
 *   q' = s² E φ(z)² + b²,   c' = s² (c/q) E[z φ(z) φ'(z)],
 *   g' = s² [ (c²/q²) E φ'(z)² z² + (g − c²/q) E φ'(z)² ]        (plain; residual: add β²× these increments
 *                                                                  to q, c, g, the bias only to q),
 * z ~ N(0, q), starting from the input's |x|²/d, x·ẋ/d, |ẋ|²/d (times s₁², plus b₁² on q). At c = 0 it is
 * the circle's g' = χ₁ g. The length is the trapezoidal rule on the k points, (2π/k) Σ_a √g_a — the
 * mean-field value of the estimate the networks report; the polygon takes each chord's own NNGP kernel.
 */
function ellipseMeanField(spec: Spec, curve: InputCurve, precision: Precision): CurveMeanField {
  const { k } = curve;
  const arch = archOf(spec);
  const model = arch.network({ ...spec, k: 2 });
  const act = model.act;
  const pl = act.piecewiseLinear;
  const S = pl ? (pl.sp ** 2 + pl.sm ** 2) / 2 : NaN;
  const mean = (f: (u: number) => number, qq: number) => gaussianMean(act, f, qq, precision);
  // E φ², E[zφφ'], E φ'², E φ'² z² at variance qq (closed forms for piecewise-linear φ: φ = s± z on each half-line).
  const moments = (qq: number) =>
    pl
      ? { phi2: S * qq, zphidphi: S * qq, dphi2: S, dphi2z2: S * qq }
      : {
          phi2: mean((u) => act.phi(u) ** 2, qq),
          zphidphi: mean((u) => u * act.phi(u) * act.dphi(u), qq),
          dphi2: mean((u) => act.dphi(u) ** 2, qq),
          dphi2z2: mean((u) => (act.dphi(u) * u) ** 2, qq),
        };
  const s2 = model.hiddenWeightScale ** 2;
  const b2 = model.hiddenBiasScale ** 2;
  const beta2 = model.branchScale ** 2;
  const th = curveAngles(k);
  const input = Array.from(th, (t) => curveMoments(curve, t));
  const s1 = model.inputEmbedding ? 1 : model.firstWeightScale ** 2;
  const b1 = model.inputEmbedding ? 0 : model.firstBiasScale ** 2;
  const state = input.map((m) => ({ q: s1 * m.q + b1, c: s1 * m.c, g: s1 * m.g }));
  // Chord a → a+1: the NNGP kernel of the two points (their own norms and angle).
  const chordProfiles = input.map((_, a) => {
    const b = (a + 1) % k;
    const xa = curveMoments(curve, th[a]);
    const xb = curveMoments(curve, th[b]);
    const dot = curvePointDot(curve, th[a], th[b]);
    return arch.kernelProfile({ ...spec, q1: xa.q, q2: xb.q, rho0: Math.max(-1, Math.min(1, dot / Math.sqrt(xa.q * xb.q))), ntk: false }, precision);
  });
  const layers = chordProfiles[0].layers;
  const length: number[] = [];
  const tangent2: number[] = [];
  const qMean: number[] = [];
  const jacobian2: number[] = [];
  const polygonLength: number[] = [];
  for (let i = 0; i < layers.length; i++) {
    let len = 0;
    let gs = 0;
    let qs = 0;
    let poly = 0;
    for (let a = 0; a < k; a++) {
      len += Math.sqrt(state[a].g);
      gs += state[a].g;
      qs += state[a].q;
      const p = chordProfiles[a];
      poly += Math.sqrt(Math.max(0, p.k11[i] + p.k22[i] - 2 * p.k12[i]));
    }
    length.push((2 * Math.PI * len) / k);
    tangent2.push(gs / k);
    qMean.push(qs / k);
    jacobian2.push(state[0].g / input[0].g);
    polygonLength.push(poly);
    if (i + 1 === layers.length) break;
    for (const st of state) {
      const e = moments(st.q);
      const ratio = st.q > 0 ? st.c / st.q : 0;
      const dq = s2 * e.phi2 + b2;
      const dc = s2 * ratio * e.zphidphi;
      const dg = s2 * (ratio * ratio * e.dphi2z2 + (st.g - ratio * st.c) * e.dphi2);
      if (model.residual) {
        st.q += beta2 * dq;
        st.c += beta2 * dc;
        st.g += beta2 * dg;
      } else {
        st.q = dq;
        st.c = dc;
        st.g = dg;
      }
    }
  }
  const growth = length.map((l, i) => (i + 1 < length.length ? length[i + 1] / l : NaN));
  return { layers, q: qMean, tangent2, growth, length, polygonLength, jacobian2 };
}

export function curveMeanField(spec: Spec, curve: InputCurve, precision: Precision = 'exact'): CurveMeanField {
  if (!isCircle(curve)) return ellipseMeanField(spec, curve, precision); // also a drawn curve: the rule is point by point
  const { k, q } = curve;
  const delta = (2 * Math.PI) / k;
  const arch = archOf(spec);
  const profile = arch.kernelProfile({ ...spec, q1: q, q2: q, rho0: Math.cos(delta), ntk: false }, precision);
  const qs = Array.from(profile.k11);
  const layers = profile.layers;
  const polygonLength = qs.map((qq, i) => k * Math.sqrt(Math.max(0, 2 * (qq - profile.k12[i]))));
  const { g0, factor } = tangentRule(arch.network({ ...spec, k: 2 }), q, precision);
  const tangent2: number[] = [];
  const growth: number[] = [];
  let g = g0;
  for (let i = 0; i < qs.length; i++) {
    tangent2.push(g);
    const f = factor(qs[i]);
    growth.push(f);
    g *= f;
  }
  return {
    layers,
    q: qs,
    tangent2,
    growth,
    length: tangent2.map((t) => 2 * Math.PI * Math.sqrt(t)),
    polygonLength,
    jacobian2: tangent2.map((t) => t / q),
  };
}

/**
 * Leading finite-width bias of the mean tangent length E ℒ̂^ℓ relative to ℒ^ℓ (MLP and shaped
 * nets; derivation in docs/DESIGN.md §9). Given layer ℓ, Gaussian weights make
 * |t^{ℓ+1}|²/n = (s²/n) Σ_j φ'(z_j)² t_j² with (z_j, t_j) iid across j and t_j ~ N(0, g^ℓ)
 * independent of z_j at leading order, so each layer multiplies g by a factor of mean χ₁ and
 * relative variance (3κ − 1)/n, κ = E φ'⁴/(E φ'²)² at q^ℓ (κ = 1 for the linear first layer:
 * the χ²_n/n of |σw W ẋ|²/n). Then log ĝ^ℓ has mean log g^ℓ − V/2 and variance V, V = Σ (3κ_m − 1)/n,
 * and E√ĝ = √g·exp(−V/4 + V/8) ≈ √g (1 − V/8). For ReLU κ = 2 and the bias is −(5/8)·ℓ/n: the
 * slow decrease of the mean length distortion with depth/width of Hanin, Jeong & Rolnick 2022.
 * Not included (same order 1/n, sign not derived): the fluctuation of q̂ inside χ₁(q̂) and the
 * finite-width correlation of z_j and t_j; tests allow for them with a second |bias|.
 * Returns −V^ℓ/8 per recorded layer (NaN for residual chains, where this is not derived).
 */
export function tangentLengthBias(spec: Spec, curve: InputCurve, precision: Precision = 'exact'): number[] {
  const mf = curveMeanField(spec, curve, precision);
  const model = archOf(spec).network({ ...spec, k: 2 });
  if (model.residual || model.inputEmbedding) return mf.layers.map(() => NaN);
  const act = model.act;
  const dphi4 = (u: number) => act.dphi(u) ** 4;
  const dphi2 = (u: number) => act.dphi(u) ** 2;
  const pl = act.piecewiseLinear;
  // Piecewise-linear φ: φ' = s± on each half-line, each with probability 1/2, whatever q is (the
  // quadrature rules are only algebraically accurate across the kink).
  const kappa = pl
    ? () => ((pl.sp ** 4 + pl.sm ** 4) / 2) / ((pl.sp ** 2 + pl.sm ** 2) / 2) ** 2
    : (q: number) => gaussianMean(act, dphi4, q, precision) / gaussianMean(act, dphi2, q, precision) ** 2;
  const out: number[] = [];
  let V = 2 / spec.n;
  for (let i = 0; i < mf.layers.length; i++) {
    out.push(-V / 8);
    V += (3 * kappa(mf.q[i]) - 1) / spec.n;
  }
  return out;
}
