/**
 * arch=cresnet, the URL side (imports core/ only; core/spec.ts reads it): controlled ResNets driven
 * by paths (Muça Cirone, Lemercier & Salvi 2023), issue 16. Owns `paths`, `pdim`, `share`, `s02`,
 * `refine`; reads `act`, `n`, `L` (time steps), `sw2` (= σA²), `sb2` (= σb²), `k` (= number of paths).
 */
import { boolParam, numberParam, type TokenParam } from '../../core/params.ts';
import { buildPaths, canonicalPaths, DEFAULT_PATHS, MAX_PATH_DIM, PATHS_ALLOWED } from '../../core/paths.ts';
import type { Spec, SpecIssue } from '../../core/spec.ts';
import type { ArchSpecModule } from '../specTypes.ts';
import { ntkRefusal } from '../ntkRefusal.ts';

/**
 * `paths` is a token longer than tokenParam's 64 characters (a pl: path lists its points): up to
 * MAX_PATHS_TEXT, which the compact form's one-byte length still holds.
 */
export const PATHS_PARAM: TokenParam = {
  key: 'paths',
  label: 'input paths',
  doc: 'Input paths x: [0, 1] → R^d of a controlled ResNet (line, sine, bm, pl presets joined by _).',
  default: DEFAULT_PATHS,
  allowed: PATHS_ALLOWED,
  kind: 'token',
  parse(raw) {
    const r = canonicalPaths(raw);
    return r.ok ? r : { ok: false, reason: `${r.reason}; allowed: ${PATHS_ALLOWED}` };
  },
  format: (v) => v,
};

export const PDIM_PARAM = numberParam({ key: 'pdim', label: 'path dimension d', doc: 'Dimension d of the input paths (channels of the control).', kind: 'int', default: 2, min: 1, max: MAX_PATH_DIM });
export const SHARE_PARAM = boolParam({ key: 'share', label: 'shared weights', doc: 'Controlled ResNet: one set of weights for every time step (homogeneous: the signature-kernel PDE limit) or fresh weights per step (inhomogeneous: an ODE limit).', default: true });
export const S02_PARAM = numberParam({ key: 's02', label: 'σ0²', doc: 'Controlled ResNet: variance of the initial state S₀ (the PDE boundary value).', kind: 'float', default: 1, min: 0, max: 64, minExclusive: true, step: 0.01 });
export const REFINE_PARAM = numberParam({ key: 'refine', label: 'PDE refinement λ', doc: 'Signature kernel PDE: every path segment cut into 2^λ cells (and 2^(λ+1) for the error estimate).', kind: 'int', default: 2, min: 0, max: 8 });

/** Memory for the d weight matrices of one controlled ResNet (f64): 1 GiB. */
export const MAX_FIELD_BYTES = 2 ** 30;

/**
 * Cross-key rules of a controlled ResNet: the paths fit d = pdim, and k is their number. (`method`
 * is not read: a controlled ResNet always draws every weight, see docs/DESIGN.md §8.)
 */
export function cresnetIssues(spec: Spec): SpecIssue[] {
  const issues: SpecIssue[] = [...ntkRefusal(spec)];
  // The codec resets the key an issue names to its default and checks again (url/codec.ts): each
  // rule names the key whose reset can satisfy it, so that the spec it leaves is always valid.
  const built = buildPaths(spec.paths, spec.pdim);
  if (!built.ok) {
    const key = spec.paths === PATHS_PARAM.default ? 'pdim' : 'paths';
    issues.push({ key, value: key === 'pdim' ? String(spec.pdim) : spec.paths, message: `paths=${spec.paths} with pdim=${spec.pdim}: ${built.reason}` });
    return issues;
  }
  // The CPU network holds its d weight matrices (n × n, f64) at once: at most MAX_FIELD_BYTES.
  const bytes = spec.pdim * spec.n * spec.n * 8;
  if (bytes > MAX_FIELD_BYTES) {
    const nMax = Math.floor(Math.sqrt(MAX_FIELD_BYTES / (8 * spec.pdim)));
    issues.push({ key: 'n', value: String(spec.n), message: `n=${spec.n} with arch=cresnet and pdim=${spec.pdim}: the network holds d·n² = ${(spec.pdim * spec.n * spec.n).toExponential(2)} weights (${(bytes / 2 ** 30).toFixed(1)} GiB); allowed: n ≤ ${nMax}` });
  }
  // The PDE's self-kernel grid of the longest path at level λ + 1 is held whole (f64): the same bound.
  const cells = Math.max(...built.value.map((x) => (x.times.length - 1) * 2 ** (spec.refine + 1) + 1));
  if (cells * cells * 8 > MAX_FIELD_BYTES) {
    let lMax = spec.refine;
    while (lMax > 0 && (Math.max(...built.value.map((x) => (x.times.length - 1) * 2 ** lMax + 1)) ** 2) * 8 > MAX_FIELD_BYTES) lMax--;
    issues.push({ key: 'refine', value: String(spec.refine), message: `refine=${spec.refine} with these paths: the PDE grid would hold ${cells}² values (${((cells * cells * 8) / 2 ** 30).toFixed(1)} GiB); allowed: refine ≤ ${Math.max(0, lMax - 1)}` });
  }
  // The signature view sweeps widths up to nmax: the same bound.
  if (spec.view === 'signature' && spec.pdim * spec.nmax * spec.nmax * 8 > MAX_FIELD_BYTES) {
    const nMax = Math.floor(Math.sqrt(MAX_FIELD_BYTES / (8 * spec.pdim)));
    issues.push({ key: 'nmax', value: String(spec.nmax), message: `nmax=${spec.nmax} with view=signature and pdim=${spec.pdim}: the widest network would hold ${(spec.pdim * spec.nmax * spec.nmax * 8 / 2 ** 30).toFixed(1)} GiB of weights; allowed: nmax ≤ ${nMax}` });
  }
  if (built.value.length !== spec.k) {
    const key = spec.k === 2 ? 'paths' : 'k';
    issues.push({ key, value: key === 'k' ? String(spec.k) : spec.paths, message: `k=${spec.k} with arch=cresnet: the inputs are the ${built.value.length} paths of paths=${spec.paths}; allowed: k=${built.value.length}` });
  }
  return issues;
}

// The signature view is this architecture's own (core/views.ts appends it to the `view` values).
declare module '../specTypes.ts' {
  interface ArchViewIds {
    signature: true;
  }
}

export const cresnetSpec = {
  id: 'cresnet',
  label: 'controlled ResNet',
  doc: 'controlled ResNet driven by paths (Muça Cirone, Lemercier & Salvi 2023)',
  params: [PATHS_PARAM, PDIM_PARAM, SHARE_PARAM, S02_PARAM, REFINE_PARAM],
  controls: ['act', 'n', 'L', 'sw2', 'sb2', 'paths', 'pdim', 'share', 's02', 'refine'],
  viewSpecs: [
    {
      id: 'signature',
      label: 'Signature kernels',
      description: 'controlled ResNets driven by paths against the signature-kernel PDE and the ODE, as n and L grow; shared vs fresh weights; the Gram matrix',
      viewKeys: ['nmin', 'nmax', 'Lmin', 'Lmax'],
    },
  ],
  issues: cresnetIssues,
} as const satisfies ArchSpecModule<'cresnet'>;
