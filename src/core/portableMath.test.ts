/**
 * core/portableMath.ts: fdlibm's exp and log in + − × ÷ and bit operations. Node 20's V8 ships the
 * same fdlibm algorithms (ieee754::exp/log), so on Node the ports must agree with Math.exp/log bit
 * for bit — an independent check that the port is fdlibm's; the reason they exist is that other
 * engines (Chromium 156) differ from Node in the last bit (e2e/lessons.spec.ts compares the page
 * with the CLI for the attention lesson, whose correlations amplify that bit).
 */
import { describe, expect, it } from 'vitest';
import { cosPortable, expPortable, logPortable, sinPortable } from './portableMath.ts';

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('portable exp and log', () => {
  it('equal Node’s Math.exp / Math.log bit for bit on 3·10⁵ arguments over every range (subnormal to overflow)', () => {
    const r = lcg(7);
    let differ = 0;
    for (let i = 0; i < 300_000; i++) {
      const scale = [1500, 30, 1, 1e-3, 1e-9][i % 5];
      const x = (r() - 0.5) * scale;
      if (!Object.is(expPortable(x), Math.exp(x))) differ++;
      const y = Math.abs(x) * [1, 1e-300, 1e300, 1e-310, 1][i % 5] + (i % 7 === 0 ? 1 : 0);
      if (!Object.is(logPortable(y), Math.log(y))) differ++;
    }
    expect(differ).toBe(0);
  });

  it('sin and cos equal Node’s Math.sin / Math.cos bit for bit on 3·10⁵ arguments up to 8·10⁵ and at the reduction’s rare points', () => {
    const r = lcg(11);
    let differ = 0;
    for (let i = 0; i < 300_000; i++) {
      const x = (r() - 0.5) * 2 * [Math.PI, 3.2, 0.8, 1e-5, 1e-9, 100, 8e5][i % 7];
      if (!Object.is(sinPortable(x), Math.sin(x)) || !Object.is(cosPortable(x), Math.cos(x))) differ++;
    }
    // fdlibm's two rare reductions (high words 0x3FF921FB, 0x400921FB: θ near ±π/2, ±π) and 3π/4.
    for (const x of [Math.PI / 2, Math.PI, (3 * Math.PI) / 4, 0, -0]) {
      for (let d = -8; d <= 8; d++) {
        const y = (x + d * 2e-16 * Math.max(1, x)) * (d % 2 === 0 ? 1 : -1);
        if (!Object.is(sinPortable(y), Math.sin(y)) || !Object.is(cosPortable(y), Math.cos(y))) differ++;
      }
    }
    expect(differ).toBe(0);
  });

  it('special values: ±0, ±∞, NaN, overflow and underflow thresholds, exact points', () => {
    expect(expPortable(0)).toBe(1);
    expect(expPortable(-0)).toBe(1);
    expect(expPortable(Infinity)).toBe(Infinity);
    expect(expPortable(-Infinity)).toBe(0);
    expect(expPortable(NaN)).toBeNaN();
    expect(expPortable(709.79)).toBe(Infinity);
    expect(expPortable(-746)).toBe(0);
    expect(expPortable(-745.1)).toBe(5e-324);
    expect(logPortable(1)).toBe(0);
    expect(logPortable(0)).toBe(-Infinity);
    expect(logPortable(-1)).toBeNaN();
    expect(logPortable(Infinity)).toBe(Infinity);
    expect(logPortable(5e-324)).toBe(Math.log(5e-324));
    expect(logPortable(Math.E * Math.E)).toBeCloseTo(2, 15);
  });
});
