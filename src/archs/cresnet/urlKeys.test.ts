import { describe, expect, it } from 'vitest';
import { canonicalPaths } from '../../core/paths.ts';
import { DEFAULT_SPEC, ARCH_KEYS_SINCE_FROZEN } from '../../core/spec.ts';
import { resultDigest } from '../../experiments/digest.ts';
import { decodeSpec, encodeSpec, encodeSpecCompact } from '../../url/codec.ts';

describe('issue 16 URL keys: paths, pdim, share, s02, refine', () => {
  it('at their defaults they leave an old result digest as it was; set, they change it', () => {
    const old = Object.fromEntries(Object.entries(DEFAULT_SPEC).filter(([k]) => !ARCH_KEYS_SINCE_FROZEN.has(k)));
    const body = { mc: { M: 3, rho: { mean: [0.5] } } };
    expect(resultDigest({ spec: DEFAULT_SPEC, ...body })).toBe(resultDigest({ spec: old, ...body }));
    for (const [k, v] of Object.entries({ paths: 'line:1,0_line:0,1', pdim: 2, share: false, s02: 2, refine: 4 })) {
      if (k === 'pdim') continue; // pdim=2 is the default
      expect(resultDigest({ spec: { ...DEFAULT_SPEC, [k]: v }, ...body }), k).not.toBe(resultDigest({ spec: DEFAULT_SPEC, ...body }));
    }
  });

  it('a long pl: path round-trips through the plain and the compact link', () => {
    const pts = Array.from({ length: 20 }, (_, i) => `${i / 10},${((i * 7) % 11) / 10}`).join(',');
    const spec = { ...DEFAULT_SPEC, paths: `pl:${pts}_bm:4,0.5`, share: false };
    expect(canonicalPaths(spec.paths)).toEqual({ ok: true, value: spec.paths });
    for (const link of [encodeSpec(spec), encodeSpecCompact(spec)]) {
      const back = decodeSpec(link);
      expect(back.issues).toEqual([]);
      expect(back.spec.paths).toBe(spec.paths);
      expect(back.spec.share).toBe(false);
    }
  });

  it.each([
    ['paths=line:1,0', 'paths', '1 path given; expected 2 to 8'],
    ['paths=sine:99,0_line:1,1', 'paths', 'the frequency f=99 must be in (0, 16]'],
    ['pdim=9', 'pdim', 'allowed: an integer in [1, 8]'],
    ['s02=0', 's02', 'allowed: a number in (0, 64]'],
    ['refine=9', 'refine', 'allowed: an integer in [0, 8]'],
    ['arch=cresnet&pdim=3', 'pdim', 'a line needs d = pdim = 3 coefficients, got 2'],
    ['arch=cresnet&pdim=3&paths=line:1,0_line:0,1', 'paths', 'a line needs d = pdim = 3 coefficients, got 2'],
    ['arch=cresnet&paths=line:1,0_line:0,1_bm:3', 'paths', 'the inputs are the 3 paths of paths=line:1,0_line:0,1_bm:3; allowed: k=3'],
    ['arch=cresnet&k=5&paths=line:1,0_line:0,1_bm:3', 'k', 'allowed: k=3'],
    ['arch=cresnet&n=65536', 'n', 'allowed: n ≤ 8192'],
    ['arch=cresnet&view=signature&nmax=16384', 'nmax', 'allowed: nmax ≤ 8192'],
    ['arch=cresnet&refine=8', 'refine', 'allowed: refine ≤ 6'],
  ])('%s is refused with a message naming the key, the value and what is allowed', (query, key, text) => {
    const r = decodeSpec(query);
    const issue = r.issues.find((i) => i.key === key);
    expect(issue, JSON.stringify(r.issues)).toBeDefined();
    expect(issue!.message).toContain(text);
    expect(issue!.message).toContain(`${key}=`);
  });

  it.each(['arch=cresnet&pdim=3', 'arch=cresnet&pdim=3&paths=line:1,0_line:0,1', 'arch=cresnet&paths=line:1,0_line:0,1_bm:3', 'arch=cresnet&k=5&paths=line:1,0_line:0,1_bm:3'])(
    '%s: the spec left after the refused keys are reset is valid (the codec checks twice)',
    (query) => {
      const d = decodeSpec(query);
      expect(d.issues.length).toBeGreaterThan(0);
      expect(decodeSpec(encodeSpec(d.spec)).issues).toEqual([]);
    },
  );

  it('a valid controlled-ResNet link decodes without issues', () => {
    expect(decodeSpec('arch=cresnet&method=explicit&paths=line:1,0_line:0,1_bm:3&k=3&share=0').issues).toEqual([]);
  });
});
