import { ARCH_KEYS_SINCE_FROZEN, DIGEST_OMITTED_AT_DEFAULT, NOT_IN_DIGEST, PARAM_BY_KEY } from '../core/spec.ts';
import type { LabResult } from './result.ts';

/**
 * A short, stable digest of a result's numbers (FNV-1a, 64-bit, over the canonical JSON), shown on
 * the page and in exports so that two people can check they see the same Monte Carlo draws.
 * Not cryptographic: it detects accidental differences, not forgery.
 */
export function digestJson(value: unknown): string {
  const text = JSON.stringify(value);
  // 64-bit FNV-1a with two 32-bit halves (no BigInt in the hot loop).
  let h0 = 0x84222325;
  let h1 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3
    const l0 = Math.imul(h0 & 0xffff, 0x1b3);
    const l1 = Math.imul(h0 >>> 16, 0x1b3);
    const lo = (l0 + ((l1 & 0xffff) << 16)) >>> 0;
    const carry = Math.floor((l0 + (l1 & 0xffff) * 65536) / 4294967296) + (l1 >>> 16);
    const hi = (Math.imul(h1, 0x1b3) + (h0 << 8) + carry) >>> 0;
    h0 = lo;
    h1 = hi;
  }
  return h1.toString(16).padStart(8, '0') + h0.toString(16).padStart(8, '0');
}

/**
 * Significant digits a number keeps in the result digest. JavaScript engines differ in the last
 * bit of Math.log, Math.exp, Math.sin … (measured: Chromium 156 against Node 20's V8 11.3 disagree
 * on ~1 % of Math.log / Math.exp calls by one ulp), so the same seed gives the same draws up to
 * ~1e−16 relative (growing to ~1e−14 through deep networks), not bit for bit. Rounded to 6 digits,
 * those differences vanish (a value would have to sit within ~1e−14 of a rounding boundary: odds of
 * ~1e−8 per value) while a different draw, which moves the statistics by far more, changes it.
 */
export const DIGEST_DIGITS = 6;

/** Below this magnitude a number counts as 0: exact zeros computed in floating point (c* of an odd φ with σb = 0) come out as ±1e−14 noise. */
export const DIGEST_ZERO = 1e-12;

function rounded(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value)) return value;
  return Math.abs(value) < DIGEST_ZERO ? 0 : Number(value.toPrecision(DIGEST_DIGITS));
}

/**
 * Blocks that do not depend on the random draws (or on where they ran), and the digest itself: left
 * out of the digest. `faults` too: it is derived from blocks that are hashed (mc, views) or not
 * random (theory), and leaving it out keeps every digest of a result without faults as it was (issue 20).
 */
const NOT_RANDOM = new Set(['version', 'backend', 'theory', 'limit', 'sde', 'signature', 'faults', 'digest']);

/** Plain objects with their keys sorted, at every level: the digest does not depend on key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Digest of the random part of a result — the Monte Carlo summary and any view block (width sweep,
 * commutation map, …) — plus the experiment's spec, numbers to DIGEST_DIGITS significant digits:
 * what "the same numbers" means for a shared URL, in any browser and in the CLI. The spec enters
 * without the keys that change the page or the backend, not the numbers (NOT_IN_DIGEST: proj,
 * predict, embed, backend; and keys added later while at their default, DIGEST_OMITTED_AT_DEFAULT), and every object with sorted keys, so that reordering the schema table
 * or a block's fields does not change it (issue 14 §5).
 */
export function resultDigest(result: { readonly spec: unknown; readonly [key: string]: unknown } | LabResult): string {
  // Any JSON document with a spec (a LabResult, a merged or parsed one): every block but the non-random ones.
  const doc = result as Readonly<Record<string, unknown>>;
  // Keys added after the frozen links (later architectures' keys, and `curve`) are left out at their defaults (core/spec.ts).
  const later = (k: string) => ARCH_KEYS_SINCE_FROZEN.has(k) || DIGEST_OMITTED_AT_DEFAULT.has(k);
  const kept = ([k, v]: [string, unknown]) => !NOT_IN_DIGEST.has(k) && !(later(k) && v === PARAM_BY_KEY.get(k)?.default);
  const spec = result.spec !== null && typeof result.spec === 'object' ? Object.fromEntries(Object.entries(result.spec).filter(kept)) : result.spec;
  const random: Record<string, unknown> = { spec };
  for (const key of Object.keys(result)) if (!NOT_RANDOM.has(key) && key !== 'spec') random[key] = doc[key];
  return digestJson(canonical(JSON.parse(JSON.stringify(random, rounded))));
}
