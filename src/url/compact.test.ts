import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { decodeSpec, encodeSpec, encodeSpecCompact, shareQuery } from './codec.ts';
import { migrate, type Migration } from './migrations.ts';

const long: Spec = {
  ...DEFAULT_SPEC,
  arch: 'shaped',
  act: 'leaky:0.25',
  n: 2048,
  L: 4096,
  sw2: 1.25,
  sb2: 0.05,
  q1: 2.5,
  q2: 0.75,
  rho0: -0.125,
  M: 3000,
  seed: 4294967295,
  method: 'explicit',
  weights: 'sparse:0.5',
  cp: 1.5,
  cm: -2,
  predict: true,
  view: 'sde',
  nmin: 8,
  nmax: 512,
};

describe('compact links (z=…)', () => {
  it('round-trip every kind of key (enum, int up to 2³²−1, float, token, bool)', () => {
    const z = encodeSpecCompact(long);
    const back = decodeSpec(z);
    expect(back.issues).toEqual([]);
    expect(back.spec).toEqual(long);
  });

  it('are much shorter than the plain query for long states, and shareQuery picks them then', () => {
    const plain = encodeSpec(long);
    const compact = encodeSpecCompact(long);
    expect(compact.length).toBeLessThan(0.7 * plain.length);
    expect(shareQuery(long)).toBe(compact);
    expect(shareQuery({ ...DEFAULT_SPEC, n: 64 })).toBe('v=2&n=64');
  });

  it('hostile z values give a message naming z, and the rest of the query still applies', () => {
    // not base64url; unknown key number 255; too long; truncated (key n without its value); arch value 9.
    for (const z of ['%%%', '!!', 'Af8', 'x'.repeat(600), 'AQM', 'AQEJ']) {
      const d = decodeSpec(`z=${z}&L=7`);
      const issue = d.issues.find((i) => i.key === 'z');
      expect(issue, z).toBeDefined();
      expect(d.spec.L).toBe(7);
    }
  });

  it('a key in both z and the plain query is "given more than once"', () => {
    const d = decodeSpec(`${encodeSpecCompact({ ...DEFAULT_SPEC, n: 64 })}&n=128`);
    expect(d.issues.map((i) => i.key)).toEqual(['n']);
  });
});

describe('schema migrations', () => {
  // No older schema than v1 exists yet; the mechanism is checked with a synthetic one.
  const registry: Migration[] = [
    {
      from: 0,
      describe: "the width key was called 'width'",
      apply(raw) {
        const w = raw.get('width');
        raw.delete('width');
        if (w !== undefined) raw.set('n', w);
        return { notes: [], issues: [] };
      },
    },
  ];

  it('rewrite an old link and say so', () => {
    const raw = new Map([['width', '64']]);
    const r = migrate(0, 1, raw, registry);
    expect(raw.get('n')).toBe('64');
    expect(r.notes[0]).toMatch(/from schema v0 to v1/);
    expect(r.issues).toEqual([]);
  });

  it('refuse, naming v, when no migration is known', () => {
    const r = migrate(0, 1, new Map(), []);
    expect(r.issues[0].key).toBe('v');
    expect(decodeSpec('v=0&n=64').issues.some((i) => i.key === 'v')).toBe(true);
  });
});
