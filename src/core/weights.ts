/**
 * Weight families for the explicit method (issue 8). All have mean 0 and variance 1 per entry, so
 * the infinite-width kernel is the NNGP of the Gaussian case; only the finite-width law differs.
 * The gram method samples rows of z^{l+1} ~ N(0, G) exactly only for fresh iid Gaussian weights.
 */
import { parseDecimal, type ParseResult } from './params.ts';

export type WeightFamily =
  | { readonly kind: 'gaussian' }
  | { readonly kind: 'orthogonal' }
  | { readonly kind: 'rademacher' }
  | { readonly kind: 'sparse'; readonly p: number }
  | { readonly kind: 'lowrank'; readonly r: number };

export const WEIGHTS_ALLOWED = 'gaussian, orthogonal, rademacher, sparse:<p in (0, 1]>, lowrank:<r, an integer ≥ 1>';

export function parseWeights(raw: string): ParseResult<WeightFamily> {
  if (raw === 'gaussian' || raw === 'orthogonal' || raw === 'rademacher') return { ok: true, value: { kind: raw } };
  let m = /^sparse:((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/.exec(raw);
  if (m) {
    const parsed = parseDecimal(m[1]);
    if (!parsed.ok) return { ok: false, reason: `the sparse fraction p ${parsed.reason}; it must be in (0, 1]` };
    const p = parsed.value;
    if (!(p > 0 && p <= 1)) return { ok: false, reason: 'the sparse fraction p must be in (0, 1]' };
    return { ok: true, value: { kind: 'sparse', p } };
  }
  m = /^lowrank:(\d{1,6})$/.exec(raw);
  if (m) {
    const r = Number(m[1]);
    if (!(r >= 1)) return { ok: false, reason: 'the rank r must be an integer ≥ 1' };
    return { ok: true, value: { kind: 'lowrank', r } };
  }
  return { ok: false, reason: `expected one of ${WEIGHTS_ALLOWED}` };
}

export function formatWeights(w: WeightFamily): string {
  switch (w.kind) {
    case 'sparse':
      return `sparse:${w.p}`;
    case 'lowrank':
      return `lowrank:${w.r}`;
    default:
      return w.kind;
  }
}

/**
 * sparse:p keeps entry (i, j) iff (mask word >> 8) < round(p·2^24), the mask word being the Philox
 * word of Domain.mask at (net, layer, i, j); kept entries are N(0,1)/√p (variance 1). Integer-only,
 * so CPU and WGSL keep exactly the same entries; p = 1 keeps all.
 */
export function sparseKeepThreshold(p: number): number {
  return Math.round(p * 16777216);
}

/** rademacher: ±1 from the top bit of the Philox word of Domain.weight at (net, layer, i, j). */
export function rademacherSign(word: number): number {
  return word >>> 31 === 1 ? -1 : 1;
}

/**
 * The smallest sparse fraction p that keeps one weight per row in expectation in every layer:
 * a row of layer l has fan-in n (hidden layers) or d (the first layer), so p·min(n, d) ≥ 1.
 * Below it most rows of W are all zero, the network is dead and every statistic is null (issue 20 §4).
 */
export function minSparseFraction(n: number, inputDimension: number): number {
  return 1 / Math.min(n, inputDimension);
}
