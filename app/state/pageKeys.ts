/**
 * Keys of the spec that change the page, not the experiment: `predict` (hide the Monte Carlo until
 * a guess is placed), `proj` (projector mode) and `embed` (no header). They travel in the URL like
 * any key, but changing one neither reruns the Monte Carlo, nor recomputes the theory, nor changes
 * the digest. The list lives in the schema (src/core/spec.ts PAGE_ONLY_KEYS).
 */
import { DEFAULT_SPEC, PAGE_ONLY_KEYS, type Spec } from '../../src/core/spec.ts';
import { encodeSpec } from '../../src/url/codec.ts';

export { PAGE_ONLY_KEYS };

/** The spec with the page-only keys at their defaults. */
export function experimentOf(spec: Spec): Spec {
  const out: Record<string, unknown> = { ...spec };
  for (const key of PAGE_ONLY_KEYS) out[key] = DEFAULT_SPEC[key];
  return out as unknown as Spec;
}

/** Identifies the experiment a run belongs to: the encoded spec without the page-only keys. */
export function runKeyOf(spec: Spec): string {
  return encodeSpec(experimentOf(spec));
}
