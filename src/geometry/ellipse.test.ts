/**
 * The ellipse (curve=ellipse:k:r): its Gram data, its mean field (meanField.ts, ellipseMeanField)
 * against closed forms and against finite networks, and the key's validation.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { decodeSpec } from '../url/codec.ts';
import { curveGram, curveLength, curveVectors } from './curve.ts';
import { sampleCurves } from './curveMonteCarlo.ts';
import { curveMeanField, tangentLengthBias } from './meanField.ts';

const spec = (over: Partial<Spec>): Spec => ({ ...DEFAULT_SPEC, ...over });

function meanSe(x: ArrayLike<number>): { mean: number; se: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const mean = s / x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
  return { mean, se: Math.sqrt(v / (x.length - 1) / x.length) };
}

describe('ellipse curve', () => {
  it('Gram data equal the explicit vectors\' inner products; the perimeter matches Ramanujan\'s second approximation', () => {
    const c = { k: 7, q: 1.3, r: 0.4 };
    const d = 64;
    const X = curveVectors(c, d);
    const G = curveGram(c);
    const m = 14;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += X[j * m + a] * X[j * m + b];
        expect(dot / d).toBeCloseTo(G[a * m + b], 12);
      }
    }
    // Ramanujan II: π(A + B)(1 + 3h/(10 + √(4 − 3h))), h = ((A − B)/(A + B))², error ~ 1e−9 relative at r = 0.4.
    const A = Math.sqrt(1.3);
    const B = 0.4 * A;
    const h = ((A - B) / (A + B)) ** 2;
    expect(curveLength(c) / (Math.PI * (A + B) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)))) - 1).toBeLessThan(1e-8);
  });

  it('mean field: r → 1 gives the circle; for ReLU g_a^ℓ = σw²(σw²/2)^{ℓ−1}|ẋ_a|²/d whatever the correlation c (closed form)', () => {
    const s = spec({ act: 'tanh', sw2: 1.7, sb2: 0.1, L: 8 });
    const circle = curveMeanField(s, { k: 12, q: 0.9 });
    const almost = curveMeanField(s, { k: 12, q: 0.9, r: 1 - 1e-9 });
    for (let i = 0; i < 8; i++) {
      expect(almost.length[i]).toBeCloseTo(circle.length[i], 6);
      expect(almost.polygonLength[i]).toBeCloseTo(circle.polygonLength[i], 6);
    }
    const relu = curveMeanField(spec({ act: 'relu', sw2: 2.4, sb2: 0.2, L: 6 }), { k: 16, q: 1.1, r: 0.3 });
    // Trapezoid of √g over the 16 points, each g_a = 2.4·1.2^{ℓ−1}·1.1(sin² + 0.09 cos²).
    for (let i = 0; i < 6; i++) {
      let sum = 0;
      for (let a = 0; a < 16; a++) {
        const t = (2 * Math.PI * a) / 16;
        sum += Math.sqrt(2.4 * 1.2 ** i * 1.1 * (Math.sin(t) ** 2 + 0.09 * Math.cos(t) ** 2));
      }
      expect(relu.length[i]).toBeCloseTo((2 * Math.PI * sum) / 16, 10);
      expect(relu.jacobian2[i]).toBeCloseTo(2.4 * 1.2 ** i, 10);
    }
  });

  it('finite tanh networks (n = 512, chaotic σw² = 2.5) follow the ellipse\'s mean field: length and polygon within 4 SE + 2|b| (b: the circle\'s leading bias at the mean q, an approximation here)', () => {
    const s = spec({ act: 'tanh', sw2: 2.5, sb2: 0.05, n: 512, L: 8, M: 40, seed: 9 });
    const curve = { k: 12, q: 1, r: 0.35 };
    const run = sampleCurves(s, curve, { method: 'gram' });
    const mf = curveMeanField(s, curve);
    const bias = tangentLengthBias(s, curve);
    for (let i = 0; i < 8; i++) {
      for (const [key, ref] of [['length', mf.length[i]], ['polygonLength', mf.polygonLength[i]]] as const) {
        const m = meanSe(run.samples[key][i]);
        expect(Math.abs(m.mean - ref), `${key} layer ${i + 1}`).toBeLessThan(4 * m.se + 2 * Math.abs(bias[i]) * ref);
      }
      const j = meanSe(run.samples.logJacobian2[i].map(Math.exp));
      expect(Math.abs(j.mean - mf.jacobian2[i]), `jacobian layer ${i + 1}`).toBeLessThan(4 * j.se + 4 * Math.abs(bias[i]) * mf.jacobian2[i]);
    }
  });

  it('the key: ellipse:k:r with r in [0.01, 1], k in [3, 512]; anything else refused naming the key and the range', () => {
    expect(decodeSpec('curve=ellipse:32:0.5').spec.curve).toBe('ellipse:32:0.5');
    expect(decodeSpec('curve=ellipse:32:.25').spec.curve).toBe('ellipse:32:0.25');
    for (const bad of ['ellipse:32:0', 'ellipse:32:1.5', 'ellipse:2:0.5', 'ellipse:32', 'ellipse:32:-0.5', 'ellipse:32:nan']) {
      const d = decodeSpec(`curve=${bad}`);
      expect(d.issues.length, bad).toBe(1);
      expect(d.issues[0].key).toBe('curve');
      expect(d.issues[0].message).toMatch(/0\.01, 1|3, 512|ellipse:<k>/);
    }
  });
});
