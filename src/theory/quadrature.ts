/**
 * Gaussian quadrature in f64: Gauss–Hermite for the probabilists' weight (expectations over
 * N(0, 1)) and Gauss–Legendre on [−1, 1]. Rules are computed once per node count and cached.
 *
 * Gauss–Hermite converges like exp(−2d√N) for an integrand analytic in the strip |Im z| < d.
 * That is fast for entire, slowly varying φ, but tanh(√a z) has poles at d = π/(2√a): at a = 20
 * (d = 0.35) it needs N ≈ 1100 nodes per dimension for 1e-10. The dual kernels of such
 * activations therefore use the sinh-mapped trapezoidal rule of gaussianSinhRule.ts; `expect1` /
 * `expect2` here are the general-purpose (and independent) Gauss–Hermite path.
 */

export interface QuadratureRule {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

/** Largest supported Gauss–Hermite order (the Sturm bisection costs O(N²) per rule). */
export const MAX_HERMITE_NODES = 2000;

const hermiteCache = new Map<number, QuadratureRule>();
const legendreCache = new Map<number, QuadratureRule>();

/**
 * Number of eigenvalues < x of the Jacobi matrix of the probabilists' Hermite polynomials
 * (zero diagonal, off-diagonal √k), by the Sturm sequence of the LDLᵀ pivots.
 */
function hermiteSturmCount(x: number, N: number): number {
  let count = 0;
  let d = -x;
  if (d < 0) count++;
  for (let k = 1; k < N; k++) {
    if (d === 0) d = -1e-300;
    d = -x - k / d;
    if (d < 0) count++;
  }
  return count;
}

/**
 * The orthonormal probabilists' Hermite polynomials p_k = He_k/√(k!) by the recurrence
 * p_{k+1} = (x p_k − √k p_{k−1})/√(k+1), rescaled on the fly so nothing overflows: returns
 * [p_N, p_{N−1}, log of the common scale factor] (p_true = p · e^{logScale}).
 */
function orthonormalHermite(x: number, N: number): [number, number, number] {
  let pm1 = 0;
  let p = 1;
  let logScale = 0;
  for (let k = 0; k < N; k++) {
    const pn = (x * p - Math.sqrt(k) * pm1) / Math.sqrt(k + 1);
    pm1 = p;
    p = pn;
    if (Math.abs(p) > 1e150) {
      p *= 1e-150;
      pm1 *= 1e-150;
      logScale += 150 * Math.LN10;
    }
  }
  return [p, pm1, logScale];
}

/**
 * Gauss–Hermite rule for E f(z), z ~ N(0, 1): Σ w_i f(x_i), weights summing to 1.
 * Nodes: eigenvalues of the Jacobi matrix (Golub & Welsch 1969), each isolated by Sturm
 * bisection to full precision, then one Newton step on p_N (p_N' = √N p_{N−1}).
 * Weights: the Christoffel numbers w_i = 1/Σ_{k<N} p_k(x_i)² = 1/(N p_{N−1}(x_i)²)
 * (Christoffel–Darboux at a root), formed in logarithms so they keep full relative accuracy in
 * the tails (they underflow to 0 only below 1e−308, for N ≳ 700).
 */
export function gaussHermite(N: number): QuadratureRule {
  if (!Number.isInteger(N) || N < 1 || N > MAX_HERMITE_NODES) {
    throw new RangeError(`gaussHermite: N = ${N}; allowed: an integer in [1, ${MAX_HERMITE_NODES}]`);
  }
  const cached = hermiteCache.get(N);
  if (cached) return cached;
  const x = new Float64Array(N);
  const w = new Float64Array(N);
  const bound = 2 * Math.sqrt(N) + 1; // Gershgorin: |x| ≤ 2√(N−1)
  const half = Math.floor(N / 2);
  // Roots are symmetric: compute the upper half (indices N − half .. N − 1) and mirror.
  for (let i = N - half; i < N; i++) {
    let lo = i > N - half ? x[i - 1] : 0; // the roots are increasing in i
    let hi = bound;
    for (let it = 0; it < 200; it++) {
      const mid = 0.5 * (lo + hi);
      if (mid === lo || mid === hi) break;
      if (hermiteSturmCount(mid, N) > i) hi = mid;
      else lo = mid;
    }
    let r = 0.5 * (lo + hi);
    const [pN, pN1] = orthonormalHermite(r, N);
    r -= pN / (Math.sqrt(N) * pN1);
    x[i] = r;
    x[N - 1 - i] = -r;
  }
  if (N % 2 === 1) x[half] = 0;
  for (let i = 0; i < N; i++) {
    const [, pN1, logScale] = orthonormalHermite(x[i], N);
    w[i] = Math.exp(-2 * logScale - Math.log(N * pN1 * pN1));
  }
  // Enforce exact symmetry of the weights (the computed ones differ only by rounding).
  for (let i = 0; i < half; i++) {
    const m = 0.5 * (w[i] + w[N - 1 - i]);
    w[i] = m;
    w[N - 1 - i] = m;
  }
  const rule = { x, w };
  hermiteCache.set(N, rule);
  return rule;
}

/** [P_N(x), P_N'(x)] by the Legendre recurrence (k P_k = (2k − 1) x P_{k−1} − (k − 1) P_{k−2}). */
function legendre(N: number, x: number): [number, number] {
  let p0 = 1;
  let p1 = x;
  for (let k = 2; k <= N; k++) {
    const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  // P_N' = N (x P_N − P_{N−1})/(x² − 1); for N = 1, P_1' = 1.
  return N === 1 ? [x, 1] : [p1, (N * (x * p1 - p0)) / (x * x - 1)];
}

/**
 * Gauss–Legendre rule on [−1, 1] (weights sum to 2): Newton on P_N from the asymptotic guesses
 * cos(π(i + 3/4)/(N + 1/2)) (Abramowitz & Stegun 22.16.6); w = 2/((1 − x²) P_N'(x)²).
 */
export function gaussLegendre(N: number): QuadratureRule {
  if (!Number.isInteger(N) || N < 1 || N > 4096) {
    throw new RangeError(`gaussLegendre: N = ${N}; allowed: an integer in [1, 4096]`);
  }
  const cached = legendreCache.get(N);
  if (cached) return cached;
  const x = new Float64Array(N);
  const w = new Float64Array(N);
  for (let i = 0; i < Math.ceil(N / 2); i++) {
    let r = Math.cos((Math.PI * (i + 0.75)) / (N + 0.5));
    for (let it = 0; it < 50; it++) {
      const [pN, dpN] = legendre(N, r);
      const dx = pN / dpN;
      r -= dx;
      if (Math.abs(dx) <= 1e-16) break;
    }
    const [, dpN] = legendre(N, r);
    const wi = 2 / ((1 - r * r) * dpN * dpN);
    x[N - 1 - i] = r;
    x[i] = -r;
    w[i] = wi;
    w[N - 1 - i] = wi;
  }
  if (N % 2 === 1) x[(N - 1) / 2] = 0;
  const rule = { x, w };
  legendreCache.set(N, rule);
  return rule;
}

/** E f(u), u ~ N(0, a), by N-point Gauss–Hermite. a = 0 gives f(0) exactly. */
export function expect1(f: (u: number) => number, a: number, N: number): number {
  if (!(a > 0)) return f(0);
  const { x, w } = gaussHermite(N);
  const sa = Math.sqrt(a);
  let s = 0;
  for (let i = 0; i < N; i++) s += w[i] * f(sa * x[i]);
  return s;
}

/**
 * E f(u) g(v), (u, v) ~ N(0, [[a, c], [c, b]]), by an N×N Gauss–Hermite product rule on the
 * Cholesky factor: u = √a z₁, v = (c/√a) z₁ + √(b − c²/a) z₂. Degenerate covariances are exact:
 * a = 0 or b = 0 makes that variable 0; c² ≥ ab (|ρ| = 1) gives the 1-D rule v = (c/√a) z₁.
 */
export function expect2(
  f: (u: number) => number,
  g: (v: number) => number,
  a: number,
  c: number,
  b: number,
  N: number,
): number {
  if (!(a > 0)) return f(0) * expect1(g, b, N);
  if (!(b > 0)) return g(0) * expect1(f, a, N);
  const { x, w } = gaussHermite(N);
  const sa = Math.sqrt(a);
  const mu = c / sa;
  // b − c²/a without forming ab once it nears overflow (ab > 1.8e308 is ∞; issue 20).
  const sb = Math.sqrt(b);
  const ab = a * b;
  const s2 = ab < 1e300 ? (ab - c * c) / a : (sb - Math.abs(mu)) * (sb + Math.abs(mu));
  if (!(s2 > 0)) {
    let s = 0;
    for (let i = 0; i < N; i++) s += w[i] * f(sa * x[i]) * g(mu * x[i]);
    return s;
  }
  const sd = Math.sqrt(s2);
  let total = 0;
  for (let i = 0; i < N; i++) {
    const fu = f(sa * x[i]);
    if (fu === 0) continue;
    const m = mu * x[i];
    let inner = 0;
    for (let j = 0; j < N; j++) inner += w[j] * g(m + sd * x[j]);
    total += w[i] * fu * inner;
  }
  return total;
}
