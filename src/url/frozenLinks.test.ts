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

  it.each(frozen.links.map((l) => [l.link, l.digest]))('%s → %s', { timeout: 120_000 }, async (link, digest) => {
    const decoded = decodeSpec(link);
    expect(decoded.issues).toEqual([]);
    const result = await runSpec({ ...decoded.spec, backend: 'cpu' }, { backend: cpu });
    expect(result.digest).toBe(digest);
  });
});
