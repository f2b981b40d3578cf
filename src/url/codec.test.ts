import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PARAMS, type Spec } from '../core/spec.ts';
import { costIssues } from '../experiments/plan.ts';
import { decodeSpec, encodeSpec, splitQuery } from './codec.ts';
import { HOSTILE_SPECS } from './hostileSpecs.ts';

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
      ntk: true,
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
    };
    // Every key of the table is exercised (a key added later must be added here).
    for (const p of PARAMS) if (p.key !== 'v') expect(changed[p.key as keyof Spec], p.key).not.toEqual(p.default);
    const text = encodeSpec(changed);
    const back = decodeSpec(text);
    expect(back.issues).toEqual([]);
    expect(back.spec).toEqual(changed);
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
});
