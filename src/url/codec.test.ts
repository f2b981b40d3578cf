import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PARAMS, SPEC_VERSION, type Spec } from '../core/spec.ts';
import { costIssues } from '../experiments/plan.ts';
import { decodeSpec, encodeSpec, MAX_UNKNOWN_KEY_ISSUES, splitQuery } from './codec.ts';
import { HOSTILE_SPECS } from '../../test/url/hostileSpecs.ts';

describe('URL codec', () => {
  it('decodes an empty query to the defaults', () => {
    const d = decodeSpec('');
    expect(d.issues).toEqual([]);
    expect(d.spec).toEqual(DEFAULT_SPEC);
  });

  it('accepts a bare query, ?query, #fragment and a full URL with both', () => {
    for (const q of ['n=64&act=tanh', '?n=64&act=tanh', '#n=64&act=tanh', 'http://localhost:5173/?n=64#act=tanh']) {
      const d = decodeSpec(q);
      expect(d.issues, q).toEqual([]);
      expect(d.spec.n).toBe(64);
      expect(d.spec.act).toBe('tanh');
    }
  });

  it('round-trips every non-default value of every key', () => {
    const changed: Spec = {
      ...DEFAULT_SPEC,
      arch: 'resnet',
      act: 'leaky:0.2',
      n: 1024,
      L: 64,
      sw2: 1.5,
      sb2: 0.05,
      alpha: 0.25,
      q1: 2,
      q2: 0.5,
      rho0: -0.3,
      k: 4,
      M: 1000,
      seed: 4294967295,
      method: 'explicit',
      backend: 'cpu',
      cp: 1.5,
      cm: -2,
      ntk: false,
      view: 'hist',
      weights: 'sparse:0.25',
      layer: 7,
      nmin: 8,
      nmax: 512,
      Lmin: 2,
      Lmax: 128,
      stat: 'sd',
      obs: 'logq',
      sw2max: 3,
      sb2max: 0.25,
      grid: 21,
      predict: true,
      proj: true,
      embed: true,
      paths: 'bm:3,0.5_pl:0,0,0,1,1,1,0.5,0.5,2_sine:2,-0.25,0.3',
      pdim: 3,
      share: false,
      s02: 0.5,
      refine: 5,
      curve: 'circle:64',
      curvemethod: 'auto',
      // Keys of later architectures (attention and the shaped block, issue 15 §2: they are not typed on Spec).
      ...({ gamma2: 0.3, nk: 16, tau0: 2, gamma2m: 0.7 } as object),
      // Training keys (issue 17, training/spec.ts).
      param: 'sp,mf',
      opt: 'adam',
      lr: '0.003',
      steps: '7',
      task: 'circles',
      batch: 8,
      ntrain: 32,
      nets: 3,
      tdepth: 4,
      twidth: 64,
    };
    // ntk=1 is refused with arch=resnet (issue 20 §4): the NTK key round-trips in an mlp spec.
    const withNtk: Spec = { ...changed, arch: 'mlp', ntk: true };
    // Every key of the table is exercised (a key added later must be added here).
    for (const p of PARAMS) {
      if (p.key === 'v') continue;
      const values = [changed, withNtk].map((s) => s[p.key as keyof Spec]);
      expect(values.some((v) => v !== p.default), p.key).toBe(true);
    }
    for (const spec of [changed, withNtk]) {
      const back = decodeSpec(encodeSpec(spec));
      expect(back.issues).toEqual([]);
      expect(back.spec).toEqual(spec);
    }
  });

  it('writes only the version and non-default keys (short links)', () => {
    expect(encodeSpec(DEFAULT_SPEC)).toBe('v=2');
    expect(encodeSpec({ ...DEFAULT_SPEC, n: 64 })).toBe('v=2&n=64');
  });

  it('canonicalises activations and weight laws', () => {
    expect(decodeSpec('act=leaky:0.10').spec.act).toBe('leaky:0.1');
    expect(decodeSpec('weights=sparse:.5&method=explicit').spec.weights).toBe('sparse:0.5');
  });

  it('keeps defaults for rejected keys and the valid keys beside them', () => {
    const d = decodeSpec('n=abc&L=30');
    expect(d.spec.n).toBe(DEFAULT_SPEC.n);
    expect(d.spec.L).toBe(30);
    expect(d.issues.map((i) => i.key)).toEqual(['n']);
  });

  it('splits malformed encodings into issues, never throws', () => {
    const r = splitQuery('a=%E0%A4%A&b=1');
    expect(r.issues).toHaveLength(1);
    expect(r.pairs).toEqual([['b', '1']]);
  });

  describe(`${HOSTILE_SPECS.length} hostile specs each give a message naming the key`, () => {
    it('has at least 30 cases', () => expect(HOSTILE_SPECS.length).toBeGreaterThanOrEqual(30));
    it.each(HOSTILE_SPECS.map((h) => [h.why, h] as const))('%s', (_why, h) => {
      const d = decodeSpec(h.query);
      const issues = [...d.issues, ...costIssues(d.spec, d.spec.backend === 'auto' ? 'webgpu' : d.spec.backend)];
      expect(issues.length).toBeGreaterThan(0);
      const issue = issues.find((i) => i.key === h.key);
      expect(issue, `issues: ${JSON.stringify(issues)}`).toBeDefined();
      // The message names the key and stays one readable line of bounded length.
      expect(issue!.message).toContain(h.key);
      expect(issue!.message).not.toMatch(/\n/);
      expect(issue!.message.length).toBeLessThan(1000);
      // Every numeric/enum value is still valid for the rest of the engine.
      expect(Number.isFinite(d.spec.n) && d.spec.n >= 1).toBe(true);
    });
  });

  describe('no silent changes (issue 20 §4)', () => {
    const refusal = (query: string, key: string) => {
      const d = decodeSpec(query);
      const issue = d.issues.find((i) => i.key === key);
      expect(issue, `${query}: ${JSON.stringify(d.issues)}`).toBeDefined();
      return { spec: d.spec, message: issue!.message };
    };

    it('refuses a sparse fraction that keeps less than one weight per row, naming the smallest allowed p', () => {
      const { spec, message } = refusal('weights=sparse:1e-9&method=explicit&n=256', 'weights');
      expect(message).toMatch(/p ≥ 0\.00390625\b/); // 1/min(n = 256, d = 1024)
      expect(spec.weights).toBe('gaussian');
      // p·n = 1 exactly is allowed; the first layer's fan-in d = 1024 bounds wide nets.
      expect(decodeSpec('weights=sparse:0.00390625&method=explicit&n=256').issues).toEqual([]);
      expect(refusal('weights=sparse:0.0005&method=explicit&n=4096', 'weights').message).toMatch(/p ≥ 0\.000976563\b/);
      // The p shown (6 digits) is accepted when copied: n = 3 gives p ≥ 0.333333.
      expect(refusal('weights=sparse:0.1&method=explicit&n=3', 'weights').message).toMatch(/p ≥ 0\.333333\b/);
      expect(decodeSpec('weights=sparse:0.333333&method=explicit&n=3').issues).toEqual([]);
    });

    it('refuses literals that underflow to 0 and names the key (sb2, leaky slope, sparse p)', () => {
      expect(refusal('sb2=1e-400', 'sb2').message).toMatch(/underflows to 0/);
      expect(refusal('act=leaky:1e-400', 'act').message).toMatch(/underflows to 0/);
      expect(refusal('weights=sparse:1e-400&method=explicit', 'weights').message).toMatch(/underflows to 0/);
      // A written zero is a zero, and a subnormal keeps its (non-zero) value.
      expect(decodeSpec('sb2=0.000e-400').issues).toEqual([]);
      expect(decodeSpec('sb2=1e-320').spec.sb2).toBe(1e-320);
    });

    it('refuses ntk=1 for resnet and shaped nets (computed for the mlp only)', () => {
      for (const arch of ['resnet', 'shaped']) {
        const { spec, message } = refusal(`arch=${arch}&ntk=1`, 'ntk');
        expect(message).toContain(`arch=${arch}`);
        expect(spec.ntk).toBe(false);
      }
      expect(decodeSpec('arch=mlp&ntk=1').issues).toEqual([]);
    });

    it('the v message and --help give the same allowed range', () => {
      const allowed = PARAMS.find((p) => p.key === 'v')!.allowed;
      expect(allowed).toBe(`an integer in [1, ${SPEC_VERSION}]`);
      expect(refusal('v=abc', 'v').message).toContain(allowed);
      expect(refusal('v=99', 'v').message).toContain(allowed);
    });

    it('malformed percent-encoding names the key and the allowed form', () => {
      const { message } = refusal('n=1%2', 'n');
      expect(message).toMatch(/allowed: '%' followed by two hex digits/);
      expect(refusal('%E0%A4%A=1', '%E0%A4%A').message).toMatch(/in the key of/);
    });

    it("n=+64 is 64 ('+' is a plus sign, not a space)", () => {
      expect(decodeSpec('n=+64')).toMatchObject({ issues: [], spec: { n: 64 } });
      expect(decodeSpec('sw2=1e+1').spec.sw2).toBe(10);
      expect(refusal('n=%2064', 'n').message).toContain('" 64"');
    });

    it('3000 unknown keys give a few messages and one summary', () => {
      const query = Array.from({ length: 3000 }, (_, i) => `junk${i}=1`).join('&') + '&n=64';
      const d = decodeSpec(query);
      expect(d.spec.n).toBe(64);
      expect(d.issues).toHaveLength(MAX_UNKNOWN_KEY_ISSUES + 1);
      const summary = d.issues[MAX_UNKNOWN_KEY_ISSUES];
      expect(summary.message).toMatch(/^2995 more unknown keys \("junk5", "junk6", "junk7", …\); 3000 unknown keys in all/);
      expect(summary.message).toContain(summary.key);
    });
  });
});
