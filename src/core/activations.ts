/**
 * The activation registry: the one source of truth for φ, φ', their dual kernels, their WGSL
 * code and their names in the URL (DESIGN.md §2). CPU backend, theory, WGSL shaders, UI and URL
 * codec all read it; `shaders/lib/activations.wgsl` implements the same families (selected by
 * `override` constants) and is checked against this registry on the GPU.
 */
import {
  erfDual,
  erfDualDeriv,
  geluDual,
  geluDualDeriv,
  piecewiseLinearDual,
  piecewiseLinearDualDeriv,
  sinDual,
  sinDualDeriv,
} from './closedForms.ts';
import { erf, INV_SQRT_2PI, normalCdf, sigmoid, softplus } from './special.ts';
import { parseDecimal } from './params.ts';

/** A dual kernel (a, c, b) ↦ E[f(u) g(v)], (u, v) ~ N(0, [[a, c], [c, b]]). */
export type DualKernel = (a: number, c: number, b: number) => number;

export interface Activation {
  /** Canonical URL token, e.g. 'relu', 'leaky:0.1'. */
  readonly id: string;
  /** Registry family: the part of the token before ':'. */
  readonly family: ActivationFamily;
  /** Display name. */
  readonly label: string;
  /** φ in TeX (for KaTeX captions). */
  readonly tex: string;
  readonly phi: (x: number) => number;
  readonly dphi: (x: number) => number;
  /** Closed-form F_φ and F_φ' where one exists; otherwise theory uses Gauss–Hermite quadrature. */
  readonly dual?: DualKernel;
  readonly dualDeriv?: DualKernel;
  /** Where the closed form comes from. */
  readonly dualSource?: string;
  /**
   * How `shaders/lib/activations.wgsl` computes it: the `override` constants ACT_KIND, ACT_P0,
   * ACT_P1 select the branch of act_phi / act_dphi (constant-folded at pipeline creation).
   */
  readonly wgsl: { readonly kind: number; readonly p0: number; readonly p1: number };
  /** φ(x) = s₊ max(x,0) + s₋ min(x,0): the piecewise-linear family (positively homogeneous). */
  readonly piecewiseLinear?: { readonly sp: number; readonly sm: number };
}

export const ACTIVATION_FAMILIES = [
  'relu',
  'tanh',
  'erf',
  'gelu',
  'silu',
  'softplus',
  'sin',
  'abs',
  'identity',
  'leaky',
] as const;
export type ActivationFamily = (typeof ACTIVATION_FAMILIES)[number];

/** Leaky slopes allowed in `leaky:<slope>` (a slope of 1 is the identity, −1 is abs). */
export const LEAKY_SLOPE_RANGE = [-1, 1] as const;

/** The ACT_KIND values of shaders/lib/activations.wgsl (checked by activations.wgsl.test.ts). */
export const WGSL_KIND = {
  piecewiseLinear: 0,
  tanh: 1,
  erf: 2,
  gelu: 3,
  silu: 4,
  softplus: 5,
  sin: 6,
} as const;

/** The piecewise-linear family: relu (1, 0), leaky (1, s), abs (1, −1), identity (1, 1), shaped. */
export function piecewiseLinearActivation(
  id: string,
  family: ActivationFamily,
  label: string,
  tex: string,
  sp: number,
  sm: number,
): Activation {
  return {
    id,
    family,
    label,
    tex,
    phi: (x) => (x > 0 ? sp * x : sm * x),
    dphi: (x) => (x > 0 ? sp : sm),
    dual: (a, c, b) => piecewiseLinearDual(sp, sm, a, c, b),
    dualDeriv: (a, c, b) => piecewiseLinearDualDeriv(sp, sm, a, c, b),
    dualSource: 'arc-cosine kernel (Cho & Saul 2009), piecewise-linear combination',
    wgsl: { kind: WGSL_KIND.piecewiseLinear, p0: sp, p1: sm },
    piecewiseLinear: { sp, sm },
  };
}

/**
 * The shaped activation of Li, Nica & Roy (2022): s± = 1 + c±/√n (DESIGN.md §1). It is not a URL
 * activation by itself; `arch=shaped` builds it from cp, cm and n.
 */
export function shapedActivation(cp: number, cm: number, n: number): Activation {
  const sp = 1 + cp / Math.sqrt(n);
  const sm = 1 + cm / Math.sqrt(n);
  return piecewiseLinearActivation(
    `shaped:${cp},${cm},${n}`,
    'leaky',
    `shaped ReLU (c₊ = ${cp}, c₋ = ${cm})`,
    `\\varphi_s(x) = s_+ \\max(x,0) + s_- \\min(x,0),\\ s_\\pm = 1 + c_\\pm/\\sqrt{n}`,
    sp,
    sm,
  );
}

const fixed: Record<Exclude<ActivationFamily, 'leaky'>, Activation> = {
  relu: piecewiseLinearActivation('relu', 'relu', 'ReLU', '\\varphi(x) = \\max(x, 0)', 1, 0),
  abs: piecewiseLinearActivation('abs', 'abs', '|x|', '\\varphi(x) = |x|', 1, -1),
  identity: piecewiseLinearActivation('identity', 'identity', 'identity (linear)', '\\varphi(x) = x', 1, 1),
  tanh: {
    id: 'tanh',
    family: 'tanh',
    label: 'tanh',
    tex: '\\varphi(x) = \\tanh x',
    phi: Math.tanh,
    dphi: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
    wgsl: { kind: WGSL_KIND.tanh, p0: 0, p1: 0 },
  },
  erf: {
    id: 'erf',
    family: 'erf',
    label: 'erf',
    tex: '\\varphi(x) = \\operatorname{erf} x',
    phi: erf,
    dphi: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x),
    dual: erfDual,
    dualDeriv: erfDualDeriv,
    dualSource: 'Williams 1997',
    wgsl: { kind: WGSL_KIND.erf, p0: 0, p1: 0 },
  },
  gelu: {
    id: 'gelu',
    family: 'gelu',
    label: 'GELU',
    tex: '\\varphi(x) = x\\,\\Phi(x)',
    phi: (x) => x * normalCdf(x),
    dphi: (x) => normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
    dual: geluDual,
    dualDeriv: geluDualDeriv,
    dualSource: 'Tsuchida et al. 2020 (derived in closedForms.ts)',
    wgsl: { kind: WGSL_KIND.gelu, p0: 0, p1: 0 },
  },
  silu: {
    id: 'silu',
    family: 'silu',
    label: 'SiLU',
    tex: '\\varphi(x) = x / (1 + e^{-x})',
    phi: (x) => x * sigmoid(x),
    dphi: (x) => {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    },
    wgsl: { kind: WGSL_KIND.silu, p0: 0, p1: 0 },
  },
  softplus: {
    id: 'softplus',
    family: 'softplus',
    label: 'softplus',
    tex: '\\varphi(x) = \\log(1 + e^{x})',
    phi: softplus,
    dphi: sigmoid,
    wgsl: { kind: WGSL_KIND.softplus, p0: 0, p1: 0 },
  },
  sin: {
    id: 'sin',
    family: 'sin',
    label: 'sin',
    tex: '\\varphi(x) = \\sin x',
    phi: Math.sin,
    dphi: Math.cos,
    dual: sinDual,
    dualDeriv: sinDualDeriv,
    dualSource: 'E cos(u ± v) = exp(−(a + b ± 2c)/2)',
    wgsl: { kind: WGSL_KIND.sin, p0: 0, p1: 0 },
  },
};

export type ActivationParse = { ok: true; value: Activation } | { ok: false; reason: string };

const LEAKY_RE = /^leaky:([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

/** Every activation family's URL form, for help texts and error messages. */
export const ACTIVATION_CHOICES = 'relu, tanh, erf, gelu, silu, softplus, sin, abs, identity, leaky:<slope in [-1, 1]>';

/** Parse a URL activation token (never evaluated as code). */
export function parseActivation(token: string): ActivationParse {
  if (Object.prototype.hasOwnProperty.call(fixed, token)) {
    return { ok: true, value: fixed[token as keyof typeof fixed] };
  }
  if (token === 'leaky') return { ok: true, value: leaky(0.01) };
  const m = LEAKY_RE.exec(token);
  if (m) {
    // parseDecimal refuses a slope that underflows to 0 (leaky:1e-400 is not relu: issue 20 §4).
    const parsed = parseDecimal(m[1]);
    if (!parsed.ok) return { ok: false, reason: `the leaky slope ${parsed.reason}; it must be a number in [${LEAKY_SLOPE_RANGE.join(', ')}]` };
    const slope = parsed.value;
    if (slope < LEAKY_SLOPE_RANGE[0] || slope > LEAKY_SLOPE_RANGE[1]) {
      return { ok: false, reason: `the leaky slope must be a number in [${LEAKY_SLOPE_RANGE.join(', ')}]` };
    }
    return { ok: true, value: leaky(slope) };
  }
  return { ok: false, reason: `expected one of ${ACTIVATION_CHOICES}` };
}

export function leaky(slope: number): Activation {
  return piecewiseLinearActivation(
    `leaky:${slope}`,
    'leaky',
    `leaky ReLU (slope ${slope})`,
    `\\varphi(x) = \\max(x, ${slope}\\,x)`,
    1,
    slope,
  );
}

/** Look up an activation that is known to be valid (throws otherwise: a programming error). */
export function activation(token: string): Activation {
  const r = parseActivation(token);
  if (!r.ok) throw new Error(`unknown activation '${token}': ${r.reason}`);
  return r.value;
}

/** Resolutions of `act` tokens (canonical, so one per distinct φ); bounded for long slider sessions. */
const resolvedActivations = new Map<string, Activation>();

/**
 * φ of a validated spec's `act` key, resolved once per token (issue 15 §1: the spec is resolved
 * once into typed objects). Every engine and page consumer takes this object (or
 * archs/index.ts resolveSpec(spec).activation, which is it), never re-parses the token:
 * src/archs/resolvedOnce.test.ts fails on a new parse outside the registry and the schema.
 */
export function specActivation(spec: { readonly act: string }): Activation {
  const hit = resolvedActivations.get(spec.act);
  if (hit) return hit;
  const act = activation(spec.act);
  if (resolvedActivations.size >= 512) resolvedActivations.clear();
  resolvedActivations.set(spec.act, act);
  return act;
}

/** All fixed activations plus one representative leaky, for tests and menus. */
export function listActivations(): Activation[] {
  return [...Object.values(fixed), leaky(0.1)];
}

/** The `override` constants that select `act` in shaders/lib/activations.wgsl. */
export function wgslActivationConstants(act: Activation): Record<string, number> {
  return { ACT_KIND: act.wgsl.kind, ACT_P0: act.wgsl.p0, ACT_P1: act.wgsl.p1 };
}
