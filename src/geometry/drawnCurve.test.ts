/**
 * User-drawn curves (curve=drawn:k:code, issue 18 §1): the code (base64url of signed bytes, checked
 * against Node's own base64url), the key's validation, the fit of a drawn polyline, the curve's Gram
 * data against its explicit vectors and against the circle's and ellipse's closed forms, its mean
 * field against the circle's closed rule, and finite networks against its mean field.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { decodeSpec } from '../url/codec.ts';
import { packSpec, unpackSpec } from '../url/compact.ts';
import { curveGram, curveLength, curveVectors, inputCurveOf } from './curve.ts';
import { sampleCurves } from './curveMonteCarlo.ts';
import { decodeDrawnCode, drawnPoint, drawnShape, encodeDrawnCode, fitDrawnCurve } from './drawnCurve.ts';
import { curveMeanField, tangentLengthBias } from './meanField.ts';

const spec = (over: Partial<Spec>): Spec => ({ ...DEFAULT_SPEC, ...over });
/** The code of a coefficient list, by Node's base64url (an implementation independent of ours). */
const nodeCode = (c: number[]) => Buffer.from(Int8Array.from(c).buffer).toString('base64url');

function meanSe(x: ArrayLike<number>): { mean: number; se: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const mean = s / x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
  return { mean, se: Math.sqrt(v / (x.length - 1) / x.length) };
}

describe('drawn curve: the code', () => {
  it('encodes signed bytes as Node\'s base64url does, and decodes them back (every length 1..32, every byte value)', () => {
    for (let len = 1; len <= 32; len++) {
      const bytes = Array.from({ length: len }, (_, i) => ((i * 97 + len * 31) % 256) - 128);
      const code = encodeDrawnCode(bytes);
      expect(code).toBe(nodeCode(bytes));
      expect(decodeDrawnCode(code)).toEqual(bytes);
    }
    expect(decodeDrawnCode('abcde')).toBeUndefined(); // 5 characters: not a whole number of bytes
    expect(decodeDrawnCode('ab+/')).toBeUndefined(); // base64, not base64url
  });

  it('the key: drawn:k:code canonical (trailing zero harmonics dropped), and refused with the key, the value and the range', () => {
    const circle = nodeCode([127, 0, 0, 127]);
    expect(decodeSpec(`curve=drawn:64:${circle}`).spec.curve).toBe(`drawn:64:${circle}`);
    expect(decodeSpec(`curve=drawn:64:${nodeCode([127, 0, 0, 127, 0, 0, 0, 0])}`).spec.curve).toBe(`drawn:64:${circle}`);
    const cases: [string, RegExp][] = [
      [`drawn:2:${circle}`, /k = 2 must be an integer in \[3, 512\]/],
      [`drawn:600:${circle}`, /k = 600 must be an integer in \[3, 512\]/],
      ['drawn:64:', /holds 0 bytes; it must hold 4 per harmonic, 1 to 8 harmonics/],
      [`drawn:64:${nodeCode([1, 2, 3])}`, /holds 3 bytes/],
      [`drawn:64:${nodeCode(Array(36).fill(5))}`, /holds 36 bytes; .* 1 to 8 harmonics \(4 to 32 bytes\)/],
      [`drawn:64:${nodeCode([0, 0, 0, 0])}`, /every coefficient is 0/],
      // A line segment through the origin (b = 0): it passes the origin.
      [`drawn:64:${nodeCode([127, 0, 0, 0])}`, /comes within 0\.000 of the origin .* it must stay ≥ 0\.1/],
      // Off-centre circle through the origin is impossible (no constant term); a limaçon with an inner loop is not:
      // a = cos θ + cos 2θ·(1.0), b = sin θ + sin 2θ: |z| = |e^{iθ} + e^{2iθ}| = |1 + e^{iθ}| vanishes at θ = π.
      [`drawn:64:${nodeCode([100, 0, 0, 100, 100, 0, 0, 100])}`, /comes within .* of the origin/],
      ['drawn:64:abc$', /expected one of/],
    ];
    // The compact z= form carries the code unchanged (base64url inside base64url).
    const long = `drawn:64:${nodeCode([127, 5, 2, 100, 17, -1, 2, -17, 1, -2, 3, 2, 12, 4, 4, 8, -3, -1, -1, 1, 3, 3, -3, 1, -1, -1, 0, 0, 1, 0, 0, 0])}`;
    const d = decodeSpec(`curve=${long}`);
    expect(d.issues).toEqual([]);
    expect(unpackSpec(packSpec(d.spec, 2))).toMatchObject({ ok: true, pairs: [['curve', long]] });
    for (const [value, message] of cases) {
      const d = decodeSpec(`curve=${encodeURIComponent(value)}`);
      expect(d.issues.length, value).toBe(1);
      expect(d.issues[0].key).toBe('curve');
      expect(d.issues[0].message, value).toMatch(message);
    }
  });
});

describe('drawn curve: geometry', () => {
  it('the code of α₁ = δ₁ is the great circle: same Gram data (to 1e−15) and length 2π√q', () => {
    const drawn = inputCurveOf(`drawn:9:${nodeCode([127, 0, 0, 127])}`, 1.3)!;
    const circle = inputCurveOf('circle:9', 1.3)!;
    const Gd = curveGram(drawn);
    const Gc = curveGram(circle);
    for (let i = 0; i < Gd.length; i++) expect(Math.abs(Gd[i] - Gc[i])).toBeLessThan(1e-15 * 1.3 * 10);
    expect(curveLength(drawn) / (2 * Math.PI * Math.sqrt(1.3)) - 1).toBeLessThan(1e-13);
  });

  it('the code (α₁, δ₁) = (100, 50) is the ellipse of ratio 0.5 with q = 2q₁/(1 + r²) (rms radius √q₁): Gram data of ellipse:k:0.5', () => {
    const drawn = inputCurveOf(`drawn:7:${nodeCode([100, 0, 0, 50])}`, 0.8)!;
    const ellipse = { k: 7, q: (2 * 0.8) / 1.25, r: 0.5 };
    const Gd = curveGram(drawn);
    const Ge = curveGram(ellipse);
    for (let i = 0; i < Gd.length; i++) expect(Gd[i]).toBeCloseTo(Ge[i], 14);
  });

  it('Gram data equal the explicit vectors\' inner products for a curve with three harmonics; mean |x|²/d over θ is q', () => {
    const drawn = inputCurveOf(`drawn:11:${nodeCode([90, -20, 10, 80, 0, 30, -25, 5, 12, 0, 0, -9])}`, 1.7)!;
    const d = 64;
    const X = curveVectors(drawn, d);
    const G = curveGram(drawn);
    const m = 22;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += X[j * m + a] * X[j * m + b];
        expect(dot / d).toBeCloseTo(G[a * m + b], 12);
      }
    }
    // The trapezoidal rule is exact for the trigonometric polynomial a² + b² (degree 6) on 64 points.
    let mean = 0;
    for (let i = 0; i < 64; i++) {
      const p = drawnPoint(drawn.drawn!, (2 * Math.PI * i) / 64);
      mean += (p.a * p.a + p.b * p.b) / 64;
    }
    expect(mean).toBeCloseTo(1, 13);
    // The tangent is the derivative of the point: a centred difference agrees to O(h²).
    const h = 1e-5;
    const p = drawnPoint(drawn.drawn!, 0.7);
    const pp = drawnPoint(drawn.drawn!, 0.7 + h);
    const pm = drawnPoint(drawn.drawn!, 0.7 - h);
    expect(p.da).toBeCloseTo((pp.a - pm.a) / (2 * h), 8);
    expect(p.db).toBeCloseTo((pp.b - pm.b) / (2 * h), 8);
  });

  it('mean field: the drawn circle (point-by-point rule) equals the circle\'s closed rule g^{ℓ+1} = χ₁ g^ℓ', () => {
    const s = spec({ act: 'tanh', sw2: 1.9, sb2: 0.1, L: 10 });
    const drawn = curveMeanField(s, inputCurveOf(`drawn:16:${nodeCode([127, 0, 0, 127])}`, 0.9)!);
    const circle = curveMeanField(s, { k: 16, q: 0.9 });
    for (let i = 0; i < 10; i++) {
      expect(drawn.length[i] / circle.length[i] - 1).toBeLessThan(1e-9);
      expect(Math.abs(drawn.polygonLength[i] / circle.polygonLength[i] - 1)).toBeLessThan(1e-9);
      expect(Math.abs(drawn.jacobian2[i] / circle.jacobian2[i] - 1)).toBeLessThan(1e-9);
    }
  });

  it('finite tanh networks (n = 512, chaotic σw² = 2.5) on a three-harmonic drawn curve follow its mean field: length, polygon and Jacobian within 4 SE + 2|b| (b: the circle\'s bias formula, an approximation here)', () => {
    const s = spec({ act: 'tanh', sw2: 2.5, sb2: 0.05, n: 512, L: 8, M: 40, seed: 4 });
    const curve = inputCurveOf(`drawn:24:${nodeCode([110, 0, 0, 90, 0, 0, 0, 0, 25, 0, 0, -25])}`, 1)!;
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
});

describe('drawn curve: the fit of a drawn polyline', () => {
  it('a circle drawn with 200 points from angle 0, counter-clockwise: the code of the circle (127, 0, 0, 127) to ±1', () => {
    const xs = Array.from({ length: 200 }, (_, i) => 3 + 50 * Math.cos((2 * Math.PI * i) / 200));
    const ys = Array.from({ length: 200 }, (_, i) => -7 + 50 * Math.sin((2 * Math.PI * i) / 200));
    const fit = fitDrawnCurve(xs, ys, 4);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.value.length).toBe(4); // higher harmonics round to 0 and are dropped
    for (const [got, want] of fit.value.map((v, i) => [v, [127, 0, 0, 127][i]])) expect(Math.abs(got - want)).toBeLessThanOrEqual(1);
  });

  it('an ellipse (semi-axes 2 and 1) drawn unevenly: the fitted curve lies on the ellipse to 2 % of its size', () => {
    // Points crowded near θ = 0 (t = θ + 0.6 sin θ is monotone): the fit resamples by arc length.
    const t = Array.from({ length: 300 }, (_, i) => (2 * Math.PI * i) / 300).map((u) => u + 0.6 * Math.sin(u));
    const fit = fitDrawnCurve(t.map((u) => 2 * Math.cos(u)), t.map((u) => Math.sin(u)));
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    const shape = drawnShape(fit.value);
    // The shape is normalised to rms radius 1; the ellipse's rms radius along arc length is not known in
    // closed form, so compare the axis ratio: x²/A² + y²/B² = 1 with A = 2B, B fitted by least squares.
    const pts = Array.from({ length: 256 }, (_, i) => drawnPoint(shape, (2 * Math.PI * i) / 256));
    const s = pts.map((p) => (p.a / 2) ** 2 + p.b ** 2);
    const B2 = s.reduce((x, y) => x + y, 0) / s.length;
    for (const v of s) expect(Math.abs(Math.sqrt(v / B2) - 1)).toBeLessThan(0.02);
  });

  it('refuses a drawing with fewer than 3 points, no length, or through the origin', () => {
    expect(fitDrawnCurve([0, 1], [0, 1])).toEqual({ ok: false, reason: 'a drawn curve needs at least 3 points, got 2' });
    expect(fitDrawnCurve([1, 1, 1], [2, 2, 2])).toEqual({ ok: false, reason: 'the drawn curve has no length' });
    // A back-and-forth stroke is a segment: it passes through its own centre.
    const r = fitDrawnCurve([0, 1, 2, 3, 2, 1], [0, 0, 0, 0, 0, 0]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/comes within .* of the origin/);
  });
});
