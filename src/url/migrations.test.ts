import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, SPEC_VERSION } from '../core/spec.ts';
import { decodeSpec, encodeSpec } from './codec.ts';
import { packSpec } from './compact.ts';

describe('v1 → v2: the nmax and Lmax defaults changed (issue 14 §4)', () => {
  it('a v1 link that relied on the old defaults keeps them, and says so', () => {
    const d = decodeSpec('v=1&view=commute');
    expect(d.issues).toEqual([]);
    expect(d.spec).toMatchObject({ v: SPEC_VERSION, view: 'commute', nmax: 1024, Lmax: 256 });
    expect(d.notes[0]).toMatch(/from schema v1 to v2/);
    expect(d.notes[0]).toMatch(/nmax=1024, Lmax=256/);
    // Written back in the current schema, the old values are explicit.
    expect(encodeSpec(d.spec)).toBe('v=2&view=commute&nmax=1024&Lmax=256');
  });

  it('a v1 link that gave the keys keeps its own values', () => {
    expect(decodeSpec('v=1&nmax=64&Lmax=8').spec).toMatchObject({ nmax: 64, Lmax: 8 });
  });

  it('a compact v1 link migrates like a plain one', () => {
    const z = packSpec({ ...DEFAULT_SPEC, view: 'width', n: 64 }, 1);
    const d = decodeSpec(`z=${z}`);
    expect(d.issues).toEqual([]);
    expect(d.spec).toMatchObject({ view: 'width', n: 64, nmax: 1024, Lmax: 256 });
  });

  it('a current (v2 or unversioned) link uses the new defaults', () => {
    expect(decodeSpec('v=2&view=commute').spec).toMatchObject({ nmax: 256, Lmax: 64 });
    expect(decodeSpec('view=commute').spec).toMatchObject({ nmax: 256, Lmax: 64 });
    expect(DEFAULT_SPEC).toMatchObject({ nmax: 256, Lmax: 64 });
  });
});
