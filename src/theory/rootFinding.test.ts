import { describe, expect, it } from 'vitest';
import { brentRoot, illinoisRoot } from './rootFinding.ts';

const problems: { name: string; f: (x: number) => number; a: number; b: number; root: number }[] = [
  { name: 'x² − 2', f: (x) => x * x - 2, a: 0, b: 2, root: Math.SQRT2 },
  { name: 'cos x − x', f: (x) => Math.cos(x) - x, a: 0, b: 1, root: 0.7390851332151607 },
  { name: 'x³ (triple root)', f: (x) => x * x * x, a: -1, b: 2, root: 0 },
  { name: 'e^x − 1e6 (steep)', f: (x) => Math.exp(x) - 1e6, a: 0, b: 30, root: Math.log(1e6) },
  { name: 'tanh(50(x − 0.3))', f: (x) => Math.tanh(50 * (x - 0.3)), a: -5, b: 5, root: 0.3 },
];

describe.each([
  ['brentRoot', brentRoot],
  ['illinoisRoot', illinoisRoot],
] as const)('%s', (_name, solve) => {
  for (const p of problems) {
    it(`finds the root of ${p.name} to a few ulps`, () => {
      const r = solve(p.f, p.a, p.b, { xtol: 1e-15, rtol: 2 * Number.EPSILON });
      expect(r.ok).toBe(true);
      if (r.ok) {
        // Relative tolerance 2ε on the bracket gives a few ulps; the root at 0 is fixed by xtol.
        const tol = p.root === 0 ? 1e-15 : 8 * Number.EPSILON * Math.abs(p.root);
        expect(Math.abs(r.root - p.root)).toBeLessThanOrEqual(tol);
      }
    });
  }

  it('refuses an interval without a sign change, saying why', () => {
    const r = solve((x) => x * x + 1, -1, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/same sign/);
  });
});
