/**
 * Link stability (issue 14 §5): a frozen list of links — every view, plain and compact `z=` form,
 * schema v1 and v2 and unversioned — with the digest each gave when it was frozen (CPU backend,
 * small M). Reordering the schema table or an enum, changing a default without a migration, or
 * changing what the engine computes for an old link changes a digest here and fails the test.
 * Regenerate (tools/links/freezeLinks.ts) only for a change meant to change what links mean.
 */
import { describe, expect, it } from 'vitest';
import frozen from '../../test/url/frozenLinks.json';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { VIEWS } from '../core/spec.ts';
import { resultDigest } from '../experiments/digest.ts';
import { runSpec } from '../experiments/runSpec.ts';
import { decodeSpec } from './codec.ts';

const cpu = createCpuBackend();

describe('frozen links keep their digests', () => {
  it('the list covers every view, both link forms, an old schema version and the page-only keys', () => {
    const links = frozen.links.map((l) => l.link);
    expect(links.length).toBeGreaterThanOrEqual(30);
    const views = new Set(links.map((l) => decodeSpec(l).spec.view));
    for (const v of VIEWS) expect(views.has(v), v).toBe(true);
    expect(links.filter((l) => l.startsWith('z=')).length).toBeGreaterThanOrEqual(10);
    expect(links.some((l) => l.startsWith('v=1&'))).toBe(true);
    expect(links.some((l) => l.includes('proj=1'))).toBe(true);
    for (const { digest } of frozen.links) expect(digest).toMatch(/^[0-9a-f]{16}$/);
  });

  // Each link's numbers still give the digest it was frozen with (the digest rule of that time:
  // roots hashed as computed). Where the digest shown today differs — the phase diagram hashes a
  // root under its solver's resolution as 0 (digest.ts ROOT_RESOLUTION: a q* that is 0 in theory
  // came out as 4e−11 or 1e−8) — the link records it as digestNow, with why; the numbers did not move.
  const links = frozen.links as { link: string; digest: string; digestNow?: string; why?: string }[];
  it.each(links.map((l) => [l.link, l.digest, l.digestNow ?? l.digest]))('%s → %s (shown: %s)', { timeout: 120_000 }, async (link, digest, shown) => {
    const decoded = decodeSpec(link);
    expect(decoded.issues).toEqual([]);
    const result = await runSpec({ ...decoded.spec, backend: 'cpu' }, { backend: cpu });
    expect(resultDigest(result, { rootsAtResolution: false })).toBe(digest);
    expect(result.digest).toBe(shown);
  });

  it('a shown digest differs from the frozen one only for the phase diagram, and says why', () => {
    for (const l of links.filter((x) => x.digestNow !== undefined)) {
      expect(decodeSpec(l.link).spec.view, l.link).toBe('phase');
      expect(l.why, l.link).toMatch(/resolution/);
      expect(l.digestNow).not.toBe(l.digest);
    }
  });
});
