/**
 * A user-drawn closed curve in a 2-D plane of input space (issue 18 §1), as a truncated Fourier
 * series: with u, v the plane's orthonormal axes (curve.ts),
 *
 *   x(θ) = √(q d) (a(θ) u + b(θ) v),   a(θ) = s Σ_{h=1}^{H} (α_h cos hθ + β_h sin hθ),
 *                                       b(θ) = s Σ_{h=1}^{H} (γ_h cos hθ + δ_h sin hθ),
 *
 * θ ∈ [0, 2π). The URL stores the integers (α_h, β_h, γ_h, δ_h), h = 1..H ≤ 8, one signed byte each,
 * base64url-encoded (curve=drawn:k:<code>): a shape, not a size. The scale s makes the mean of
 * a² + b² over θ equal to 1 (Parseval: ½ s² Σ_h (α_h² + β_h² + γ_h² + δ_h²) = 1), so the mean of
 * |x(θ)|²/d along the curve is q (= q₁), as on the circle — which is the code of α₁ = δ₁ = 127.
 * No constant term: the curve's centre of mass is the origin.
 *
 * fitDrawnCurve turns a drawn polyline into such a code: resampled at equal arc length (θ ∝ arc
 * length, so the k points are spread evenly along the curve), its first H Fourier coefficients by
 * the trapezoidal rule (exact for a trigonometric polynomial of degree < N − H), rescaled so that the
 * largest is ±127 and rounded.
 */
import type { ParseResult } from '../core/params.ts';

/** Most harmonics a drawn curve keeps (4 bytes each: 8 harmonics are 43 base64url characters). */
export const DRAWN_HARMONICS_MAX = 8;
/** The curve must keep this distance from the origin, relative to its rms radius: q(θ) ≥ 0.01 q̄. */
export const DRAWN_MIN_RADIUS = 0.1;
/** Its speed |ẋ(θ)| must stay above this share of its rms speed (no cusp: the unit tangent is defined). */
export const DRAWN_MIN_SPEED = 1e-3;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Signed bytes (−128..127) as base64url without padding. */
export function encodeDrawnCode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] & 255;
    const b1 = i + 1 < bytes.length ? bytes[i + 1] & 255 : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] & 255 : 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** base64url (no padding) to signed bytes; undefined when a character is not base64url or the length is impossible. */
export function decodeDrawnCode(text: string): number[] | undefined {
  if (text.length % 4 === 1) return undefined;
  const bits: number[] = [];
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    bits.push(v);
  }
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 4) {
    const group = bits.slice(i, i + 4);
    const n = group.reduce((acc, v, j) => acc | (v << (18 - 6 * j)), 0);
    const count = group.length - 1; // 4 chars → 3 bytes, 3 → 2, 2 → 1
    for (let j = 0; j < count; j++) {
      const b = (n >> (16 - 8 * j)) & 255;
      bytes.push(b >= 128 ? b - 256 : b);
    }
  }
  return bytes;
}

/** The normalised shape: s·(α_h, β_h, γ_h, δ_h), h = 1..H, four per harmonic. */
export interface DrawnShape {
  readonly harmonics: Float64Array;
}

export function drawnShape(coefficients: readonly number[]): DrawnShape {
  let power = 0;
  for (const c of coefficients) power += c * c;
  const s = Math.sqrt(2 / power); // ½ s² Σ c² = 1
  return { harmonics: Float64Array.from(coefficients, (c) => c * s) };
}

/** (a, b) and their θ-derivatives at θ. */
export function drawnPoint(shape: DrawnShape, theta: number): { a: number; b: number; da: number; db: number } {
  const f = shape.harmonics;
  let a = 0;
  let b = 0;
  let da = 0;
  let db = 0;
  for (let h = 1; 4 * h <= f.length; h++) {
    const c = Math.cos(h * theta);
    const s = Math.sin(h * theta);
    const [al, be, ga, de] = [f[4 * h - 4], f[4 * h - 3], f[4 * h - 2], f[4 * h - 1]];
    a += al * c + be * s;
    b += ga * c + de * s;
    da += h * (-al * s + be * c);
    db += h * (-ga * s + de * c);
  }
  return { a, b, da, db };
}

/**
 * Why these coefficients are no curve the views can use, or undefined: it must keep away from the
 * origin (every point's |x|²/d > 0, so each chord has a correlation) and have no cusp (the Jacobian
 * is measured along the unit tangent at θ = 0). Checked on 2048 values of θ.
 */
export function drawnShapeProblem(coefficients: readonly number[]): string | undefined {
  if (coefficients.every((c) => c === 0)) return 'every coefficient is 0 (no curve)';
  const shape = drawnShape(coefficients);
  let minR2 = Infinity;
  let minSpeed2 = Infinity;
  let meanSpeed2 = 0;
  const N = 2048;
  for (let i = 0; i < N; i++) {
    const p = drawnPoint(shape, (2 * Math.PI * i) / N);
    minR2 = Math.min(minR2, p.a * p.a + p.b * p.b);
    const v2 = p.da * p.da + p.db * p.db;
    minSpeed2 = Math.min(minSpeed2, v2);
    meanSpeed2 += v2 / N;
  }
  const r = Math.sqrt(minR2);
  if (!(r >= DRAWN_MIN_RADIUS)) return `the curve comes within ${r.toFixed(3)} of the origin (in units of its rms radius; it must stay ≥ ${DRAWN_MIN_RADIUS}: draw it around the centre)`;
  const v = Math.sqrt(minSpeed2 / meanSpeed2);
  if (!(v >= DRAWN_MIN_SPEED)) return `the curve has a cusp (its speed falls to ${Number(v.toPrecision(2))} of its rms speed; it must stay ≥ ${DRAWN_MIN_SPEED})`;
  return undefined;
}

/** Parse the `<code>` of drawn:k:<code>: 1 to 8 harmonics of four signed bytes, a usable curve. */
export function parseDrawnCode(code: string): ParseResult<number[]> {
  const bytes = decodeDrawnCode(code);
  if (!bytes) return { ok: false, reason: `the code '${code}' is not base64url (A–Z, a–z, 0–9, -, _)` };
  // Trailing bytes that do not fill a harmonic, or harmonics that are all 0, carry nothing.
  const H = Math.floor(bytes.length / 4);
  if (H < 1 || H > DRAWN_HARMONICS_MAX || bytes.length % 4 !== 0) {
    return { ok: false, reason: `the code '${code}' holds ${bytes.length} bytes; it must hold 4 per harmonic, 1 to ${DRAWN_HARMONICS_MAX} harmonics (4 to ${4 * DRAWN_HARMONICS_MAX} bytes)` };
  }
  let used = bytes.length;
  while (used >= 4 && bytes.slice(used - 4, used).every((b) => b === 0)) used -= 4;
  const coefficients = bytes.slice(0, used);
  const problem = drawnShapeProblem(coefficients);
  return problem ? { ok: false, reason: problem } : { ok: true, value: coefficients };
}

/**
 * The code of a drawn closed polyline (x_i, y_i) (the last point joins the first), y pointing up,
 * with `harmonics` harmonics. Errors name what is wrong with the drawing.
 */
export function fitDrawnCurve(xs: readonly number[], ys: readonly number[], harmonics: number = DRAWN_HARMONICS_MAX): ParseResult<number[]> {
  const n = xs.length;
  if (!(harmonics >= 1 && harmonics <= DRAWN_HARMONICS_MAX && Number.isInteger(harmonics))) return { ok: false, reason: `harmonics = ${harmonics} must be an integer in [1, ${DRAWN_HARMONICS_MAX}]` };
  if (n < 3 || ys.length !== n) return { ok: false, reason: `a drawn curve needs at least 3 points, got ${n}` };
  // Cumulative arc length of the closed polyline.
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    cum[i + 1] = cum[i] + Math.hypot(xs[j] - xs[i], ys[j] - ys[i]);
  }
  const total = cum[n];
  if (!(total > 0) || !Number.isFinite(total)) return { ok: false, reason: 'the drawn curve has no length' };
  // Resample at N points of equal arc length.
  const N = 512;
  const px = new Float64Array(N);
  const py = new Float64Array(N);
  let seg = 0;
  for (let m = 0; m < N; m++) {
    const s = (total * m) / N;
    while (seg < n - 1 && cum[seg + 1] <= s) seg++;
    const len = cum[seg + 1] - cum[seg];
    const t = len > 0 ? (s - cum[seg]) / len : 0;
    const j = (seg + 1) % n;
    px[m] = xs[seg] + t * (xs[j] - xs[seg]);
    py[m] = ys[seg] + t * (ys[j] - ys[seg]);
  }
  // Fourier coefficients for h = 1..H (the mean, h = 0, is dropped: the curve is centred).
  const raw: number[] = [];
  for (let h = 1; h <= harmonics; h++) {
    let ac = 0;
    let as = 0;
    let bc = 0;
    let bs = 0;
    for (let m = 0; m < N; m++) {
      const th = (2 * Math.PI * h * m) / N;
      const c = Math.cos(th);
      const s = Math.sin(th);
      ac += px[m] * c;
      as += px[m] * s;
      bc += py[m] * c;
      bs += py[m] * s;
    }
    raw.push((2 * ac) / N, (2 * as) / N, (2 * bc) / N, (2 * bs) / N);
  }
  const top = Math.max(...raw.map(Math.abs));
  if (!(top > 0)) return { ok: false, reason: 'the drawn curve has no extent' };
  const bytes = raw.map((v) => Math.round((127 * v) / top) + 0); // + 0: no −0
  let used = bytes.length;
  while (used >= 4 && bytes.slice(used - 4, used).every((b) => b === 0)) used -= 4;
  const coefficients = bytes.slice(0, used);
  const problem = drawnShapeProblem(coefficients);
  return problem ? { ok: false, reason: problem } : { ok: true, value: coefficients };
}
