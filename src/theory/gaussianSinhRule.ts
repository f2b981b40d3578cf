/**
 * Gaussian expectations of functions with nearby complex singularities, by the trapezoidal rule
 * after a sinh change of variables (the "sinh-sinh" idea of Takahasi & Mori 1974, used here with
 * a single exponential map).
 *
 * Why not Gauss–Hermite: the dual kernel of tanh at variance a integrates tanh(√a z), whose poles
 * sit at distance d = π/(2√a) from the real axis; Gauss–Hermite converges like exp(−2d√N), i.e.
 * N ≈ 1100 nodes per dimension for 1e−10 at a = 20. The trapezoidal rule in t for
 * z = z₀ + w sinh t, with w ≈ d, moves those poles to Im t = π/2 whatever a is, so a fixed step h
 * gives a fixed accuracy and the node count grows only like log(zMax/w) ∝ log a.
 *
 * Error budget (trapezoidal rule for integrands analytic and decaying in a strip |Im t| < δ:
 * error ~ e^{−2πδ/h}, Trefethen & Weideman 2014, SIAM Rev. 56, Thm 5.1): the Gaussian factor
 * limits the strip to δ < π/4 for a map centred at 0; a map centred at z₀ ≠ 0 (on a singular
 * line away from the Gaussian's centre) narrows it further, which the step refinement of
 * `shiftStep` compensates; and the window adds the tail P(|z| > zMax). The tiers were set by
 * measurement against the long-double fixtures (tools/fixtures/theory.json), see SINH_RULE_TIERS.
 *
 * In 2-D (sinhExpectation2) the conditional (Cholesky) form is used: an outer rule centred at 0
 * and, per outer node, an inner rule centred on the singular line v = 0.
 */

export type Precision = 'exact' | 'fast';

export interface SinhRuleTier {
  /** Trapezoidal step in t for a map centred at 0. */
  readonly h: number;
  /** The window: nodes with |z| > zMax are dropped (tail mass of z² φ_N beyond it). */
  readonly zMax: number;
  /** Largest map scale w: for smooth integrands the map is z ≈ w t near the centre. */
  readonly wMax: number;
  /**
   * Largest h·|z₀| for a map centred at z₀ ≠ 0: away from its centre the map stretches the
   * Gaussian (its analytic strip in t shrinks like 1/|z₀|), so the step is refined to h/k,
   * k = ⌈h|z₀|/shiftStep⌉. Measured for E z² (any w): h|z₀| = 0.12 → 1e−14, 0.24 → 1e−12,
   * 0.48 → 3e−9, 0.72 → 6e−5; without refinement a map at z₀ = 8 would be useless.
   */
  readonly shiftStep: number;
}

/**
 * Measured against the long-double fixtures (tools/fixtures/theory.json: 24 points per family,
 * a, b ∈ [0.01, 20], ρ ∈ {±0.999, …, 1}; F and F' of tanh, silu, softplus, erf, gelu), worst
 * absolute error and mean φ evaluations per 2-D integral:
 *   exact {h 0.12, zMax 8.5, wMax 3, shiftStep 0.12}: 1.4e−14, ≈ 2600 evaluations;
 *   fast  {h 0.16, zMax 7,   wMax 3, shiftStep 0.3}:  1.2e−9,  ≈ 950 evaluations
 * (for comparison: h 0.09 gave 3e−15 at 1.4× the cost of exact; fast at h 0.22 gave 1.5e−7 and
 * 1.5e−6 on a critical tanh profile of depth 1000, fast at h 0.16 gives 2e−9 there).
 * Generic smooth integrands (E z², z⁴, cos 2z with any centre and scale, gaussianSinhRule.test.ts)
 * see ≤ 7e−12 (exact) and ≤ 3e−7 (fast): the tiers are tuned for dual kernels. Oscillatory
 * integrands (sin at a = 20) are outside this design: clustering nodes is wrong for them, and
 * sin has a closed form.
 */
export const SINH_RULE_TIERS: Readonly<Record<Precision, SinhRuleTier>> = {
  exact: { h: 0.12, zMax: 8.5, wMax: 3, shiftStep: 0.12 },
  fast: { h: 0.16, zMax: 7, wMax: 3, shiftStep: 0.3 },
};

/**
 * Smallest map scale: singular scales below 1e−6 (tanh at a > 2.5e12, silu/softplus at a > 1e13,
 * only reached by exploding profiles) are resolved at 1e−6, with graceful loss of accuracy.
 */
const W_MIN = 1e-6;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** sinh(jh), cosh(jh) for j = 0..J at one step h (J large enough for w = W_MIN). */
interface SinhTable {
  readonly h: number;
  readonly sinh: Float64Array;
  readonly cosh: Float64Array;
}
const tables = new Map<string, SinhTable>();

function sinhTable(tier: SinhRuleTier, refine: number): SinhTable {
  const key = `${tier.h}/${tier.zMax}/${refine}`;
  const cached = tables.get(key);
  if (cached) return cached;
  const h = tier.h / refine;
  const J = Math.ceil(Math.asinh((2 * tier.zMax) / W_MIN) / h) + 1;
  const sinh = new Float64Array(J + 1);
  const cosh = new Float64Array(J + 1);
  for (let j = 0; j <= J; j++) {
    sinh[j] = Math.sinh(j * h);
    cosh[j] = Math.cosh(j * h);
  }
  const t = { h, sinh, cosh };
  tables.set(key, t);
  return t;
}

/**
 * The rule for a singularity at distance d from the real point `center`: centre z₀, scale w,
 * step table. The map is centred on the singularity only when it matters: when d ≥ wMax the
 * integrand is smooth on the Gaussian's own scale, and when |center| ≥ zMax the singular region
 * carries Gaussian mass < φ_N(zMax) ≈ 1e−18; both use the Gaussian-adapted map (z₀ = 0, w = wMax).
 */
interface MappedRule {
  readonly z0: number;
  readonly w: number;
  readonly table: SinhTable;
  readonly jLo: number;
  readonly jHi: number;
}

function mappedRule(center: number, d: number, tier: SinhRuleTier): MappedRule {
  const Z = tier.zMax;
  const shifted = Math.abs(center) < Z && d < tier.wMax;
  const z0 = shifted ? center : 0;
  const w = Math.max(W_MIN, Math.min(tier.wMax, d));
  const refine = Math.max(1, Math.ceil((tier.h * Math.abs(z0)) / tier.shiftStep));
  const table = sinhTable(tier, refine);
  const jLo = Math.ceil(Math.asinh((-Z - z0) / w) / table.h);
  const jHi = Math.floor(Math.asinh((Z - z0) / w) / table.h);
  return { z0, w, table, jLo, jHi };
}

/** Nodes z_j and weights (density and Jacobian included, Σ ≈ 1) of a mapped rule. */
interface NodesWeights {
  readonly z: Float64Array;
  readonly w: Float64Array;
}

function nodesWeights(r: MappedRule): NodesWeights {
  const n = r.jHi - r.jLo + 1;
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  const { sinh, cosh, h } = r.table;
  const scale = h * r.w * INV_SQRT_2PI;
  for (let j = r.jLo; j <= r.jHi; j++) {
    const k = j < 0 ? -j : j;
    const zj = r.z0 + r.w * (j < 0 ? -sinh[k] : sinh[k]);
    z[j - r.jLo] = zj;
    w[j - r.jLo] = scale * cosh[k] * Math.exp(-0.5 * zj * zj);
  }
  return { z, w };
}

/** The centre-0 rules (d given), cached: the Gaussian-adapted one (d = wMax) is used most. */
const centredRules = new Map<string, NodesWeights>();

function centredRule(d: number, tier: SinhRuleTier): NodesWeights {
  const w = Math.max(W_MIN, Math.min(tier.wMax, d));
  const key = `${tier.h}/${tier.zMax}/${w}`;
  let r = centredRules.get(key);
  if (!r) {
    r = nodesWeights(mappedRule(0, w, tier));
    if (w === tier.wMax) centredRules.set(key, r);
  }
  return r;
}

/**
 * E g(z), z ~ N(0, 1), where g may have singularities (poles, steep transitions) at distance
 * `d` from the real point `center`: trapezoidal rule in t for z = z₀ + w sinh t.
 */
export function sinhExpectation(g: (z: number) => number, center: number, d: number, tier: SinhRuleTier): number {
  const r = center === 0 ? centredRule(d, tier) : nodesWeights(mappedRule(center, d, tier));
  let sum = 0;
  for (let j = 0; j < r.z.length; j++) sum += r.w[j] * g(r.z[j]);
  return sum;
}

/**
 * E f(u) g(v), (u, v) ~ N(0, [[a, c], [c, b]]), for f, g analytic in the strips |Im x| < dF, dG.
 * Conditional form (Cholesky): u = √a z₁, v = μ z₁ + s z₂, μ = c/√a, s² = b − c²/a; the inner
 * expectation over z₂ has its singular line v = 0 at z₂ = −μz₁/s, at distance dG/s; the outer
 * integrand f(√a z₁) E[g | z₁] is analytic for |Im z₁| < min(dF/√a, dG/|μ|), centred at 0.
 * Degenerate covariances are exact: a = 0 or b = 0 (that variable is 0), c² ≥ ab (1-D rule).
 */
export function sinhExpectation2(
  f: (u: number) => number,
  g: (v: number) => number,
  a: number,
  c: number,
  b: number,
  dF: number,
  dG: number,
  tier: SinhRuleTier,
): number {
  if (!(a > 0)) {
    const sb = Math.sqrt(Math.max(b, 0));
    return f(0) * sinhExpectation((z) => g(sb * z), 0, dG / sb, tier);
  }
  if (!(b > 0)) {
    const sa = Math.sqrt(a);
    return g(0) * sinhExpectation((z) => f(sa * z), 0, dF / sa, tier);
  }
  const sa = Math.sqrt(a);
  const mu = c / sa;
  // b − c²/a as (√b − |μ|)(√b + |μ|) once ab nears overflow (ab > 1.8e308 is ∞; issue 20).
  const sb = Math.sqrt(b);
  const ab = a * b;
  const s2 = ab < 1e300 ? (ab - c * c) / a : (sb - Math.abs(mu)) * (sb + Math.abs(mu));
  const dOuter = Math.min(dF / sa, dG / Math.abs(mu));
  if (!(s2 > 0)) return sinhExpectation((z) => f(sa * z) * g(mu * z), 0, dOuter, tier);
  const s = Math.sqrt(s2);
  const dInner = dG / s;
  const outer = centredRule(dOuter, tier);
  const plain = centredRule(tier.wMax, tier);
  const smoothInner = dInner >= tier.wMax;
  // The outer rule is symmetric (z₁ ↔ −z₁, equal weights) and so is the inner one under
  // (m, z₀) ↔ (−m, −z₀): each pair shares one set of inner weights (half the exponentials).
  const n1 = outer.z.length;
  let total = 0;
  for (let i = 0; 2 * i < n1; i++) {
    const mirror = n1 - 1 - i; // outer.z[mirror] = −outer.z[i]
    const z1 = outer.z[mirror];
    const fPlus = f(sa * z1);
    const fMinus = mirror === i ? 0 : f(-sa * z1);
    if (fPlus === 0 && fMinus === 0) continue;
    const m = mu * z1;
    const zc = -m / s;
    let accPlus = 0;
    let accMinus = 0;
    if (smoothInner || Math.abs(zc) >= tier.zMax) {
      const zs = plain.z;
      const ws = plain.w;
      for (let j = 0; j < zs.length; j++) {
        const v = s * zs[j];
        accPlus += ws[j] * g(m + v);
        if (fMinus !== 0) accMinus += ws[j] * g(-m - v);
      }
    } else {
      // Inner rule centred on the singular line v = 0 (sharp, inside the window).
      const r = mappedRule(zc, dInner, tier);
      const { sinh, cosh, h } = r.table;
      const z0 = r.z0;
      const w2 = r.w;
      for (let j = r.jLo; j <= r.jHi; j++) {
        const k = j < 0 ? -j : j;
        const z2 = z0 + w2 * (j < 0 ? -sinh[k] : sinh[k]);
        const wj = cosh[k] * Math.exp(-0.5 * z2 * z2);
        const v = m + s * z2;
        accPlus += wj * g(v);
        if (fMinus !== 0) accMinus += wj * g(-v);
      }
      const scale = h * w2 * INV_SQRT_2PI;
      accPlus *= scale;
      accMinus *= scale;
    }
    total += outer.w[mirror] * (fPlus * accPlus + fMinus * accMinus);
  }
  return total;
}
