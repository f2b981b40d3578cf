/**
 * The experiment spec: one declarative table of every parameter (key, type, default, range, doc),
 * read by the URL codec, the CLI (--help), the validators and the UI controls. DESIGN.md §6 keys
 * are a contract; keys added by later issues are appended, never renamed.
 */
import { ACTIVATION_CHOICES, parseActivation } from './activations.ts';
import { boolParam, enumParam, numberParam, tokenParam, type Param } from './params.ts';
import { formatWeights, parseWeights, WEIGHTS_ALLOWED } from './weights.ts';
import { CURVE_ALLOWED, formatCurve, parseCurve } from '../geometry/curveSpec.ts';
// The architectures' URL declarations (src/archs/<id>/spec.ts import core/ only): the `arch`
// values and the keys each architecture owns come from there (issue 15 §1).
import { ARCH_SPECS } from '../archs/specs.ts';
import { ALPHA_PARAM } from '../archs/resnet/spec.ts';
import { CM_PARAM, CP_PARAM } from '../archs/shaped/spec.ts';
import { CORE_VIEW_SPECS, VIEW_SPECS } from './views.ts';
import type { ArchViewId } from '../archs/specTypes.ts';
// Issue 17: the training keys and views (imports core/ only, like an architecture's spec.ts).
import { TRAINING_KEYS, TRAINING_PARAMS, type TrainingViewId } from '../training/spec.ts';

/**
 * Current URL schema version (the `v` key). Older versions are migrated by src/url/migrations.ts.
 * v2 (issue 14 §4): defaults nmax 1024 → 256 and Lmax 256 → 64, so that every view's default
 * runs in seconds on a CPU; v1 links get the old values written out.
 */
export const SPEC_VERSION = 2;

/** The `arch` values, in the registry's order (archs/specs.ts). */
export const ARCHS = ARCH_SPECS.map((a) => a.id) as unknown as readonly Arch[];
export type Arch = (typeof ARCH_SPECS)[number]['id'];
export const METHODS = ['gram', 'explicit'] as const;
export type Method = (typeof METHODS)[number];
/** Sampler of the input curve's networks (issue 18): 'method' follows the method key (links made before this key). */
export const CURVE_METHODS = ['method', 'auto', 'gram', 'explicit'] as const;
export type CurveMethod = (typeof CURVE_METHODS)[number];
export const BACKENDS = ['auto', 'webgpu', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
/**
 * What the page shows and what the CLI adds to its JSON:
 * depth (profile vs layer), hist (law of ρ̂ at a layer), width (sweep in n), commute (the (n, L)
 * map), regime (fixed-width SDE: n = 3 vs 4), sde (the proportional limit), contrast (MLP vs shaped
 * vs ResNet at one (n, L)), phase (criticality diagram), finite (1/n corrections).
 */
export type View = (typeof CORE_VIEW_SPECS)[number]['id'] | ArchViewId | TrainingViewId;
/** The `view` values, from the one list of views (core/views.ts). */
export const VIEWS = VIEW_SPECS.map((v) => v.id) as unknown as readonly View[];
export const COMMUTE_STATS = ['w1', 'mean', 'sd'] as const;
export type CommuteStat = (typeof COMMUTE_STATS)[number];
export const OBSERVABLES = ['rho', 'logq'] as const;
export type Observable = (typeof OBSERVABLES)[number];

export interface Spec {
  readonly v: number;
  readonly arch: Arch;
  readonly act: string;
  readonly n: number;
  readonly L: number;
  readonly sw2: number;
  readonly sb2: number;
  readonly alpha: number;
  readonly q1: number;
  readonly q2: number;
  readonly rho0: number;
  readonly k: number;
  readonly M: number;
  readonly seed: number;
  readonly method: Method;
  readonly backend: BackendChoice;
  readonly cp: number;
  readonly cm: number;
  readonly ntk: boolean;
  readonly view: View;
  readonly weights: string;
  readonly layer: number;
  readonly nmin: number;
  readonly nmax: number;
  readonly Lmin: number;
  readonly Lmax: number;
  readonly stat: CommuteStat;
  readonly obs: Observable;
  readonly sw2max: number;
  readonly sb2max: number;
  readonly grid: number;
  readonly predict: boolean;
  readonly proj: boolean;
  readonly embed: boolean;
  // arch=cresnet (issue 16, archs/cresnet/spec.ts).
  readonly paths: string;
  readonly pdim: number;
  readonly share: boolean;
  readonly s02: number;
  readonly refine: number;
  /** Input curve of the geometry blocks: 'none', 'circle:k', 'ellipse:k:r' or 'drawn:k:code' (geometry/curve.ts). */
  readonly curve: string;
  /** Sampler of the curve's networks: the method key's ('method'), the cost model's choice ('auto'), or gram / explicit. */
  readonly curvemethod: CurveMethod;
}

export const MAX_WIDTH = 65536;
export const MAX_DEPTH = 10000;
export const MAX_NETWORKS = 100000;

/** Architecture keys placed in the table since schema v1 (their order in URLs is a contract). */
const HISTORIC_ARCH_KEYS: ReadonlySet<string> = new Set([ALPHA_PARAM.key, CP_PARAM.key, CM_PARAM.key]);

/**
 * Keys of architectures registered after the frozen links (src/url/frozenLinks.json): at their
 * defaults they are left out of the result digest (experiments/digest.ts), so older links keep theirs.
 */
export const ARCH_KEYS_SINCE_FROZEN: ReadonlySet<string> = new Set(ARCH_SPECS.flatMap((a) => a.params.map((p) => p.key)).filter((k) => !HISTORIC_ARCH_KEYS.has(k)));

/** The sampler of the input curve's networks (issue 18): a core key added after the architecture keys above. */
const CURVEMETHOD_PARAM = enumParam({ key: 'curvemethod', label: 'curve sampler', doc: "Sampler of the input curve's networks: method (the method key decides; the default), auto (the cost model picks the cheapest of gram, O(n(2k)²L), and explicit, O(n²·2k·L), on the CPU or this backend's GPU; the geometry block says which and why), gram or explicit.", values: CURVE_METHODS, default: 'method' });

/**
 * Keys added after the table above, in the order they were added: a compact link (url/compact.ts)
 * stores a key as its index in PARAMS, so a key placed before an existing one would make old links
 * set another key (url/keyOrder.test.ts pins the order). The keys of later architectures, the curve
 * sampler and the training keys (issue 17, training/spec.ts) are looked up here; a new key is
 * appended (a declared key missing from the list throws).
 */
const LATER_KEYS_IN_ORDER_ADDED = ['gamma2', 'nk', 'tau0', 'paths', 'pdim', 'share', 's02', 'refine', 'curvemethod', 'gamma2m', ...TRAINING_KEYS] as const;

function laterParams(): readonly Param[] {
  const declared = [...ARCH_SPECS.flatMap((a) => a.params as readonly Param[]).filter((p) => !HISTORIC_ARCH_KEYS.has(p.key)), CURVEMETHOD_PARAM as Param, ...TRAINING_PARAMS];
  for (const p of declared)
    if (!(LATER_KEYS_IN_ORDER_ADDED as readonly string[]).includes(p.key)) throw new Error(`core/spec.ts: key '${p.key}' is declared but not appended to LATER_KEYS_IN_ORDER_ADDED`);
  return LATER_KEYS_IN_ORDER_ADDED.map((k) => declared.find((p) => p.key === k)!);
}

/** The table. Order is the order of keys in URLs, --help and the control panel. */
export const PARAMS = [
  numberParam({ key: 'v', label: 'schema version', doc: 'URL schema version; older links are migrated.', kind: 'int', default: SPEC_VERSION, min: 1, max: SPEC_VERSION }),
  enumParam({ key: 'arch', label: 'architecture', doc: `${ARCH_SPECS.map((a) => a.doc).join(', ')}.`, values: ARCHS, default: 'mlp' }),
  tokenParam({ key: 'act', label: 'activation φ', doc: 'Activation function.', default: 'relu', allowed: ACTIVATION_CHOICES, canonicalise: (raw) => { const r = parseActivation(raw); return r.ok ? { ok: true, value: r.value.id } : r; } }),
  numberParam({ key: 'n', label: 'width n', doc: 'Hidden width (neurons per layer).', kind: 'int', default: 256, min: 1, max: MAX_WIDTH, scale: 'log' }),
  numberParam({ key: 'L', label: 'depth L', doc: 'Number of weight matrices (mlp: the kernel of z^L; resnet: residual blocks).', kind: 'int', default: 20, min: 1, max: MAX_DEPTH, scale: 'log' }),
  numberParam({ key: 'sw2', label: 'σw²', doc: 'Weight variance σw² (2 is He initialisation for ReLU).', kind: 'float', default: 2, min: 0, max: 64, minExclusive: true, step: 0.01 }),
  numberParam({ key: 'sb2', label: 'σb²', doc: 'Bias variance σb².', kind: 'float', default: 0, min: 0, max: 64, step: 0.01 }),
  ALPHA_PARAM,
  numberParam({ key: 'q1', label: 'q₁ = |x_a|²/d', doc: 'Squared norm of input a, per dimension.', kind: 'float', default: 1, min: 0, max: 100, minExclusive: true, step: 0.01 }),
  numberParam({ key: 'q2', label: 'q₂ = |x_b|²/d', doc: 'Squared norm of input b, per dimension.', kind: 'float', default: 1, min: 0, max: 100, minExclusive: true, step: 0.01 }),
  numberParam({ key: 'rho0', label: 'ρ₀ = cos∠(x_a, x_b)', doc: 'Input correlation.', kind: 'float', default: 0.5, min: -1, max: 1, step: 0.001 }),
  numberParam({ key: 'k', label: 'inputs k', doc: 'Number of inputs pushed through each network (inputs 3..k lie between x_a and x_b).', kind: 'int', default: 2, min: 2, max: 16 }),
  numberParam({ key: 'M', label: 'networks M', doc: 'Number of random networks in the Monte Carlo (0: theory only).', kind: 'int', default: 200, min: 0, max: MAX_NETWORKS, scale: 'log' }),
  numberParam({ key: 'seed', label: 'seed', doc: 'Philox seed: same seed, same networks, on every backend.', kind: 'int', default: 1, min: 0, max: 4294967295 }),
  enumParam({ key: 'method', label: 'sampling method', doc: 'gram: exact Gram–Markov chain, O(nk²L); explicit: every weight drawn, O(n²kL).', values: METHODS, default: 'gram' }),
  enumParam({ key: 'backend', label: 'backend', doc: 'auto uses WebGPU when an adapter exists, else the CPU.', values: BACKENDS, default: 'auto' }),
  CP_PARAM,
  CM_PARAM,
  boolParam({ key: 'ntk', label: 'NTK', doc: 'Also compute the neural tangent kernel (mlp).', default: false }),
  enumParam({ key: 'view', label: 'view', doc: `What to show: ${VIEWS.join(', ')}.`, values: VIEWS, default: 'depth' }),
  tokenParam({ key: 'weights', label: 'weight law', doc: 'Weight family (non-Gaussian families need method=explicit).', default: 'gaussian', allowed: WEIGHTS_ALLOWED, canonicalise: (raw) => { const r = parseWeights(raw); return r.ok ? { ok: true, value: formatWeights(r.value) } : r; } }),
  numberParam({ key: 'layer', label: 'layer shown', doc: 'Layer of the distribution panel (0: the last layer, L).', kind: 'int', default: 0, min: 0, max: MAX_DEPTH }),
  numberParam({ key: 'nmin', label: 'n min', doc: 'Width sweep / commutation map: smallest width.', kind: 'int', default: 4, min: 1, max: MAX_WIDTH, scale: 'log' }),
  numberParam({ key: 'nmax', label: 'n max', doc: 'Width sweep / commutation map: largest width.', kind: 'int', default: 256, min: 1, max: MAX_WIDTH, scale: 'log' }),
  numberParam({ key: 'Lmin', label: 'L min', doc: 'Commutation map: smallest depth.', kind: 'int', default: 1, min: 1, max: MAX_DEPTH, scale: 'log' }),
  numberParam({ key: 'Lmax', label: 'L max', doc: 'Commutation map: largest depth.', kind: 'int', default: 64, min: 1, max: MAX_DEPTH, scale: 'log' }),
  enumParam({ key: 'stat', label: 'distance', doc: 'Commutation map statistic: w1 (Wasserstein-1 to the limit law), mean (|mean − limit|), sd.', values: COMMUTE_STATS, default: 'w1' }),
  numberParam({ key: 'sw2max', label: 'σw² max', doc: 'Phase diagram: largest σw² on the horizontal axis.', kind: 'float', default: 4, min: 0, max: 64, minExclusive: true, step: 0.1 }),
  numberParam({ key: 'sb2max', label: 'σb² max', doc: 'Phase diagram: largest σb² on the vertical axis.', kind: 'float', default: 0.5, min: 0, max: 64, minExclusive: true, step: 0.01 }),
  numberParam({ key: 'grid', label: 'grid points', doc: 'Phase diagram: points per axis.', kind: 'int', default: 41, min: 5, max: 201 }),
  boolParam({ key: 'predict', label: 'predict, then reveal', doc: 'Page only: hide the Monte Carlo until a guess is placed on the plot, then reveal it (lessons).', default: false }),
  boolParam({ key: 'proj', label: 'projector mode', doc: 'Page only: large type, thick lines, high contrast (key P toggles it).', default: false }),
  enumParam({ key: 'obs', label: 'observable', doc: 'Commutation map observable: rho (the correlation ρ̂_L) or logq (log q̂_L, the log squared length).', values: OBSERVABLES, default: 'rho' }),
  boolParam({ key: 'embed', label: 'embed mode', doc: 'Page only: no header, only the plot and the lesson\'s controls (for an iframe or a slide).', default: false }),
  // Issue 18: input geometry. Its default adds nothing to a result and is left out of the digest (DIGEST_OMITTED_AT_DEFAULT).
  tokenParam({ key: 'curve', label: 'input curve', doc: 'Input geometry (issue 18): circle:k (or ellipse:k:r, or drawn:k:code, a closed curve drawn on the page) pushes k points of a great circle of squared radius q₁ (an ellipse with semi-axes √q₁, r√q₁; a drawn curve of mean squared radius q₁) and their tangents through M networks and adds the geometry and jacobian blocks; none adds nothing.', default: 'none', allowed: CURVE_ALLOWED, canonicalise: (raw) => { const r = parseCurve(raw); return r.ok ? { ok: true, value: formatCurve(r.value) } : r; } }),
  // Keys of architectures registered later (attention, …) follow, in registry order; the keys of
  // mlp/resnet/shaped keep the places they always had above.
  ...laterParams(),
] as const satisfies readonly Param[];

/**
 * Keys that change the page, not the experiment (issue 14 §5): they travel in links, but neither
 * rerun anything nor change the result digest.
 */
export const PAGE_ONLY_KEYS = ['predict', 'proj', 'embed'] as const satisfies readonly (keyof Spec)[];

/**
 * Keys left out of the result digest: the page-only keys, and `backend` (where the numbers were
 * computed; every backend draws the same networks from the same seed).
 */
export const NOT_IN_DIGEST: ReadonlySet<string> = new Set<string>([...PAGE_ONLY_KEYS, 'backend']);

/**
 * Keys added after links were frozen (src/url/frozenLinks.json) whose default changes no number:
 * left out of the digest while at their default, so that every old link keeps its digest; any other
 * value enters it like every key.
 */
export const DIGEST_OMITTED_AT_DEFAULT: ReadonlySet<string> = new Set<string>(['curve', 'curvemethod', ...TRAINING_KEYS]);

export type ParamKey = (typeof PARAMS)[number]['key'];

export const PARAM_BY_KEY: ReadonlyMap<string, Param> = new Map(PARAMS.map((p) => [p.key, p as Param]));

export const DEFAULT_SPEC: Spec = Object.freeze(
  Object.fromEntries(PARAMS.map((p) => [p.key, p.default])) as unknown as Spec,
);

/** A problem with a spec, phrased so a person can act on it. */
export interface SpecIssue {
  readonly key: string;
  /** The offending raw value as given (may be long or hostile: display with showValue). */
  readonly value: string;
  readonly message: string;
}
