import { describe, expect, it } from 'vitest';
import { mulhi32, NormalStream, philox4x32, uniformOpen } from './philox.ts';

// Known-answer vectors of Random123 (file tests/kat_vectors, "philox4x32 10" lines):
// counter[4] key[2] -> output[4].
const KAT: [number[], number[], number[]][] = [
  [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
  [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
  [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
];

describe('Philox4x32-10', () => {
  it.each(KAT)('matches the Random123 known answer for counter %j', (ctr, key, want) => {
    const out = philox4x32(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], new Uint32Array(4));
    expect(Array.from(out)).toEqual(want);
  });

  it('mulhi32 equals the BigInt product', () => {
    const vals = [0, 1, 0xffff, 0x10000, 0xd2511f53, 0xcd9e8d57, 0xffffffff, 0x80000000, 123456789];
    for (const a of vals) for (const b of vals) {
      const want = Number((BigInt(a) * BigInt(b)) >> 32n);
      expect(mulhi32(a, b)).toBe(want);
    }
  });

  it('uniforms lie strictly inside (0, 1) and are f32-exact', () => {
    for (const w of [0, 1, 511, 512, 0xffffffff, 0x80000000]) {
      const u = uniformOpen(w);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
      expect(Math.fround(u)).toBe(u);
    }
  });

  it('draws are keyed, not ordered: any access order gives the same value', () => {
    const s = new NormalStream(7, 1);
    const a = s.normal(3, 2, 5, 9);
    s.normal(0, 0, 0, 0);
    const row = new Float64Array(13);
    new NormalStream(7, 1).row(3, 2, 5, 13, row);
    expect(row[9]).toBe(a);
    expect(new NormalStream(8, 1).normal(3, 2, 5, 9)).not.toBe(a);
    expect(new NormalStream(7, 2).normal(3, 2, 5, 9)).not.toBe(a);
  });

  it('normals have mean 0 and variance 1 within 5 standard errors', () => {
    const s = new NormalStream(42, 15);
    const N = 200_000;
    const row = new Float64Array(N);
    s.row(0, 0, 0, N, row);
    let m = 0;
    let m2 = 0;
    let m4 = 0;
    for (const x of row) {
      m += x;
      m2 += x * x;
      m4 += x ** 4;
    }
    m /= N;
    m2 /= N;
    m4 /= N;
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(N)); // SE of the mean: 1/√N
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / N)); // SE of E x²: √(2/N)
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / N)); // Var x⁴ = 105 − 9 = 96
  });
});
