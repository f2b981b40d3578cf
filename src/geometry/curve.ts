/**
 * Input curves for the geometry views (issue 18 §1): k points on a closed curve in a 2-D plane of
 * input space, with their tangent vectors, described — like every input of the lab — by Gram data
 * per input dimension (DESIGN.md §1: X_ab = x_a·x_b/d).
 *
 * circle:k — the great circle of radius √q (Poole et al. 2016, §3):
 *   x(θ) = √(q d)(cos θ u + sin θ v),  ẋ(θ) = √(q d)(−sin θ u + cos θ v),  θ_a = 2πa/k,
 * with u, v orthonormal, so |x|²/d = |ẋ|²/d = q along the whole curve, x(θ)·x(θ')/d = q cos(θ − θ'),
 * x(θ)·ẋ(θ')/d = q sin(θ − θ'), ẋ(θ)·ẋ(θ')/d = q cos(θ − θ'), and its length per √d is 2π√q.
 * ellipse:k:r — the same with v scaled by r (semi-axes √q and r√q): the norm varies along the curve.
 * drawn:k:code — a user-drawn closed curve x(θ) = √(q d)(a(θ) u + b(θ) v), a and b trigonometric
 *   polynomials (drawnCurve.ts) with mean a² + b² = 1 over θ: the mean of |x|²/d along it is q.
 */
import { parseCurve, type CurveSpec } from './curveSpec.ts';
import { drawnPoint, drawnShape, type DrawnShape } from './drawnCurve.ts';

export { CURVE_ALLOWED, CURVE_POINTS_RANGE, formatCurve, parseCurve, type CurveSpec } from './curveSpec.ts';

/**
 * A sampled input curve: k points on a circle of squared radius q (per input dimension), or, with r,
 * on the ellipse x(θ) = √(qd)(cos θ u + r sin θ v) (semi-axes √q and r√q, 0 < r ≤ 1; r = 1 is the circle).
 */
export interface InputCurve {
  readonly k: number;
  readonly q: number;
  readonly r?: number;
  /** A drawn curve's shape (then r is unused). */
  readonly drawn?: DrawnShape;
}

/** The input curve of a parsed `curve` value with (mean) squared radius q, or undefined for none. */
export function inputCurve(c: CurveSpec, q: number): InputCurve | undefined {
  if (c.kind === 'circle') return { k: c.k, q };
  if (c.kind === 'ellipse') return { k: c.k, q, r: c.r };
  if (c.kind === 'drawn') return { k: c.k, q, drawn: drawnShape(c.coefficients) };
  return undefined;
}

/** inputCurve of a `curve` string that was validated (throws on an invalid one). */
export function inputCurveOf(curve: string, q: number): InputCurve | undefined {
  const c = parseCurve(curve);
  if (!c.ok) throw new Error(`invalid curve '${curve}' in a validated spec`);
  return inputCurve(c.value, q);
}

/** The great circle (its mean field has the closed rule g^{ℓ+1} = χ₁ g^ℓ; meanField.ts). */
export function isCircle(c: InputCurve): boolean {
  return !c.drawn && (c.r ?? 1) === 1;
}

/** x(θ_a)·x(θ_b)/d: the inner product of two points of the curve (a chord's NNGP input). */
export function curvePointDot(c: InputCurve, ta: number, tb: number): number {
  if (c.drawn) {
    const pa = drawnPoint(c.drawn, ta);
    const pb = drawnPoint(c.drawn, tb);
    return c.q * (pa.a * pb.a + pa.b * pb.b);
  }
  const r2 = (c.r ?? 1) ** 2;
  return c.q * (Math.cos(ta) * Math.cos(tb) + r2 * Math.sin(ta) * Math.sin(tb));
}

/** |x(θ)|²/d, x(θ)·ẋ(θ)/d and |ẋ(θ)|²/d of the curve at θ. */
export function curveMoments(c: InputCurve, theta: number): { q: number; c: number; g: number } {
  if (c.drawn) {
    const p = drawnPoint(c.drawn, theta);
    return { q: c.q * (p.a * p.a + p.b * p.b), c: c.q * (p.a * p.da + p.b * p.db), g: c.q * (p.da * p.da + p.db * p.db) };
  }
  const r2 = (c.r ?? 1) ** 2;
  const cs = Math.cos(theta);
  const sn = Math.sin(theta);
  return { q: c.q * (cs * cs + r2 * sn * sn), c: c.q * (r2 - 1) * sn * cs, g: c.q * (sn * sn + r2 * cs * cs) };
}

/**
 * The curve's length per √d, ∫₀^{2π} |ẋ(θ)|/√d dθ: 2π√q for the circle; for the ellipse the
 * trapezoidal rule on 4096 points, which converges geometrically for a smooth periodic integrand
 * (Trefethen & Weideman 2014; r ≥ 0.01 keeps the integrand analytic in a strip of width ~r; a drawn
 * curve's speed stays ≥ 10⁻³ of its rms, drawnCurve.ts, so its |ẋ| is analytic too — but where it nearly
 * stops the strip is narrow and the convergence slower; a drawing is parametrised by its arc length,
 * so its speed is nearly constant and the rule converges fast).
 */
export function curveLength(c: InputCurve): number {
  if (isCircle(c)) return 2 * Math.PI * Math.sqrt(c.q);
  const N = 4096;
  let s = 0;
  for (let i = 0; i < N; i++) s += Math.sqrt(curveMoments(c, (2 * Math.PI * i) / N).g);
  return (2 * Math.PI * s) / N;
}

/** Parameter angles θ_a = 2πa/k. */
export function curveAngles(k: number): Float64Array {
  const t = new Float64Array(k);
  for (let a = 0; a < k; a++) t[a] = (2 * Math.PI * a) / k;
  return t;
}

/**
 * The 2k×2k Gram matrix per input dimension of [x_0 … x_{k−1}, ẋ_0 … ẋ_{k−1}] (row-major): the
 * inputs of the gram chain with tangents (curveNetwork.ts). Entries from the header's identities.
 */
export function curveGram(c: InputCurve): Float64Array {
  const { k, q } = c;
  const r2 = (c.r ?? 1) ** 2;
  const m = 2 * k;
  const G = new Float64Array(m * m);
  const th = curveAngles(k);
  if (c.drawn) {
    const shape = c.drawn;
    const p = Array.from(th, (t) => drawnPoint(shape, t));
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        G[a * m + b] = q * (p[a].a * p[b].a + p[a].b * p[b].b);
        G[(k + a) * m + (k + b)] = q * (p[a].da * p[b].da + p[a].db * p[b].db);
        const xt = q * (p[a].a * p[b].da + p[a].b * p[b].db); // x_a·ẋ_b
        G[a * m + (k + b)] = xt;
        G[(k + b) * m + a] = xt;
      }
    }
    return G;
  }
  if (r2 === 1) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const cos = a === b ? 1 : Math.cos(th[a] - th[b]);
        const sin = a === b ? 0 : Math.sin(th[a] - th[b]);
        G[a * m + b] = q * cos; // x_a·x_b
        G[(k + a) * m + (k + b)] = q * cos; // ẋ_a·ẋ_b
        G[a * m + (k + b)] = q * sin; // x_a·ẋ_b = q sin(θ_a − θ_b)
        G[(k + b) * m + a] = q * sin;
      }
    }
    return G;
  }
  // Ellipse: x = √q(cos θ, r sin θ), ẋ = √q(−sin θ, r cos θ) in the (u, v) plane.
  for (let a = 0; a < k; a++) {
    const ca = Math.cos(th[a]);
    const sa = Math.sin(th[a]);
    for (let b = 0; b < k; b++) {
      const cb = Math.cos(th[b]);
      const sb = Math.sin(th[b]);
      G[a * m + b] = q * (ca * cb + r2 * sa * sb);
      G[(k + a) * m + (k + b)] = q * (sa * sb + r2 * ca * cb);
      const xt = q * (-ca * sb + r2 * sa * cb); // x_a·ẋ_b
      G[a * m + (k + b)] = xt;
      G[(k + b) * m + a] = xt;
    }
  }
  return G;
}

/**
 * Explicit inputs in R^d (d even) as a row-major d×2k matrix: columns 0..k−1 the points x_a,
 * columns k..2k−1 the tangents ẋ_a, with u_j = 1/√d and v_j = (−1)^j/√d (orthonormal, spread out,
 * as in core/inputs.ts), so every coordinate is O(1).
 */
export function curveVectors(c: InputCurve, d: number): Float64Array {
  if (d % 2 !== 0) throw new RangeError(`the input dimension must be even (u ⟂ v), got ${d}`);
  const { k, q } = c;
  const ratio = c.r ?? 1;
  const m = 2 * k;
  const X = new Float64Array(d * m);
  const th = curveAngles(k);
  const rq = Math.sqrt(q);
  if (c.drawn) {
    // √(qd)(a u + b v) per coordinate: √q(a ± b), and likewise the tangent.
    for (let a = 0; a < k; a++) {
      const p = drawnPoint(c.drawn, th[a]);
      for (let j = 0; j < d; j++) {
        const sv = j % 2 === 0 ? 1 : -1;
        X[j * m + a] = rq * (p.a + sv * p.b);
        X[j * m + k + a] = rq * (p.da + sv * p.db);
      }
    }
    return X;
  }
  for (let a = 0; a < k; a++) {
    const cs = rq * Math.cos(th[a]);
    const sn = rq * Math.sin(th[a]);
    for (let j = 0; j < d; j++) {
      const sv = j % 2 === 0 ? ratio : -ratio;
      X[j * m + a] = cs + sv * sn; // √(qd)(cos θ u + r sin θ v), per coordinate
      X[j * m + k + a] = -sn + sv * cs; // √(qd)(−sin θ u + r cos θ v)
    }
  }
  return X;
}
