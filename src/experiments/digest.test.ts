import { describe, expect, it } from 'vitest';
import { digestJson } from './digest.ts';

/** Straightforward 64-bit FNV-1a with BigInt, the reference for the 32-bit-halves version. */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('digestJson (FNV-1a 64 over canonical JSON)', () => {
  it('the reference matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('equals the reference on varied JSON', () => {
    const values = [0, 'a', [1, 2.5, -3e-7], { mc: { rho: [0.1, 0.2] }, spec: { n: 256 } }, 'ß∞\u0001'];
    for (const v of values) expect(digestJson(v)).toBe(fnv1a64(JSON.stringify(v)));
  });

  it('changes when a number changes in the last digit', () => {
    expect(digestJson({ x: [1, 2, 3] })).not.toBe(digestJson({ x: [1, 2, 3.0000001] }));
  });
});

describe('resultDigest', () => {
  it('covers the Monte Carlo and every view block, not the backend or the theory', async () => {
    const { resultDigest } = await import('./digest.ts');
    const base = { spec: { n: 8 }, mc: { rho: [0.1] }, theory: { rho: [0.2] }, backend: { name: 'cpu' } };
    const d = resultDigest(base);
    expect(resultDigest({ ...base, backend: { name: 'webgpu' }, theory: { rho: [0.3] } })).toBe(d);
    expect(resultDigest({ ...base, mc: { rho: [0.100001] } })).not.toBe(d);
    // One ulp (JavaScript engines differ in the last bit of Math.log / Math.exp) does not change it.
    expect(resultDigest({ ...base, mc: { rho: [0.1 * (1 + 2 ** -52)] } })).toBe(d);
    expect(0.1 * (1 + 2 ** -52)).not.toBe(0.1);
    // Numerical zeros (±1e−14 noise around an exact 0) count as 0.
    expect(resultDigest({ ...base, mc: { rho: [0.1], c: [2.4e-14] } })).toBe(resultDigest({ ...base, mc: { rho: [0.1], c: [-7.5e-15] } }));
    expect(resultDigest({ ...base, width: { n: [4] } })).not.toBe(d);
  });
});

describe('resultDigest: numbers, not the page (issue 14 §5)', () => {
  it('ignores proj, predict, embed and backend in the spec, and the order of keys', async () => {
    const { resultDigest } = await import('./digest.ts');
    const spec = { n: 8, L: 3, proj: false, predict: false, embed: false, backend: 'auto' };
    const base = { spec, mc: { rho: [0.1], q11: [2] } };
    const d = resultDigest(base);
    for (const change of [{ proj: true }, { predict: true }, { embed: true }, { backend: 'cpu' }, { backend: 'webgpu' }]) {
      expect(resultDigest({ ...base, spec: { ...spec, ...change } }), JSON.stringify(change)).toBe(d);
    }
    // Reordered keys (a reordered schema table, a block's fields written in another order): same digest.
    expect(resultDigest({ mc: { q11: [2], rho: [0.1] }, spec: { L: 3, n: 8, backend: 'auto', embed: false, predict: false, proj: false } })).toBe(d);
    // The experiment's own keys do change it, and the digest field itself does not.
    expect(resultDigest({ ...base, spec: { ...spec, n: 9 } })).not.toBe(d);
    expect(resultDigest({ ...base, digest: 'anything' })).toBe(d);
  });
});

describe('resultDigest: phase-diagram roots at their resolution (issue 20)', () => {
  it('a q* under ROOT_RESOLUTION is hashed as 0 (it is 0 within what the solver can tell); above it, as computed', async () => {
    const { resultDigest, ROOT_RESOLUTION } = await import('./digest.ts');
    const phase = (q: number, precision = 'exact') => ({ spec: { view: 'phase' }, phase: { precision, qStar: [[q, 0.5]], criticalLine: { qStar: [q, 0.3] }, point: { qStar: q } } });
    const zero = resultDigest(phase(0));
    // The erf and tanh roots of the frozen links: 9.7e−9 and 4.2e−11 where theory says 0.
    expect(resultDigest(phase(9.700614124830263e-9))).toBe(zero);
    expect(resultDigest(phase(4.1985089098887824e-11))).toBe(zero);
    expect(resultDigest(phase(6.2e-9))).toBe(zero); // the value before the stable closed forms moved it
    expect(resultDigest(phase(2 * ROOT_RESOLUTION.exact))).not.toBe(zero);
    // 'fast' duals (≤ 1e−8) resolve q* to 1e−4 only.
    expect(resultDigest(phase(5e-5, 'fast'))).toBe(resultDigest(phase(0, 'fast')));
    expect(resultDigest(phase(5e-5, 'exact'))).not.toBe(zero);
    // The rule the frozen links were recorded with hashes the root as computed.
    expect(resultDigest(phase(9.7e-9), { rootsAtResolution: false })).not.toBe(resultDigest(phase(0), { rootsAtResolution: false }));
    // Only q* roots: other blocks' small numbers keep their digits (DIGEST_ZERO is 1e−12).
    expect(resultDigest({ spec: {}, mc: { rho: [9.7e-9] } })).not.toBe(resultDigest({ spec: {}, mc: { rho: [0] } }));
  });
});
