/**
 * Bracketing root finders for scalar equations (criticality.ts): Brent's method (Brent 1973,
 * "Algorithms for Minimization without Derivatives", ch. 4: inverse quadratic interpolation,
 * secant and bisection, as in netlib zeroin) and the Illinois variant of regula falsi (Dowell &
 * Jarratt 1971), a different algorithm used to cross-check Brent's roots.
 */

export interface RootOptions {
  /** Absolute tolerance on the root (default 1e−15). */
  readonly xtol?: number;
  /** Relative tolerance on the root (default 4·2^−52). */
  readonly rtol?: number;
  readonly maxIter?: number;
}

export type RootResult = { ok: true; root: number; iterations: number } | { ok: false; reason: string };

function bracketIssue(a: number, b: number, fa: number, fb: number): string | null {
  if (!Number.isFinite(fa) || !Number.isFinite(fb)) return `f is not finite at the bracket ends (f(${a}) = ${fa}, f(${b}) = ${fb})`;
  if (fa * fb > 0) return `f has the same sign at both ends of [${a}, ${b}] (f = ${fa}, ${fb})`;
  return null;
}

/** f at both ends of [a, b]: the answer already (an end is a root, or no bracket), or the two values to iterate from. */
function openBracket(f: (x: number) => number, a: number, b: number): { done: RootResult } | { fa: number; fb: number } {
  const fa = f(a);
  const fb = f(b);
  if (fa === 0) return { done: { ok: true, root: a, iterations: 0 } };
  if (fb === 0) return { done: { ok: true, root: b, iterations: 0 } };
  const issue = bracketIssue(a, b, fa, fb);
  return issue ? { done: { ok: false, reason: issue } } : { fa, fb };
}

/** Brent's method on [a, b] with f(a) f(b) ≤ 0. */
export function brentRoot(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): RootResult {
  const xtol = opts.xtol ?? 1e-15;
  const rtol = opts.rtol ?? 4 * Number.EPSILON;
  const maxIter = opts.maxIter ?? 200;
  const start = openBracket(f, a, b);
  if ('done' in start) return start.done;
  let { fa, fb } = start;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 1; it <= maxIter; it++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * rtol * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return { ok: true, root: b, iterations: it };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return { ok: false, reason: `no convergence in ${maxIter} iterations (bracket [${b}, ${c}])` };
}

/** Illinois (modified regula falsi) on [a, b] with f(a) f(b) ≤ 0. */
export function illinoisRoot(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): RootResult {
  const xtol = opts.xtol ?? 1e-15;
  const rtol = opts.rtol ?? 4 * Number.EPSILON;
  const maxIter = opts.maxIter ?? 2000; // multiple roots converge only linearly
  const start = openBracket(f, a, b);
  if ('done' in start) return start.done;
  let { fa, fb } = start;
  let side = 0;
  for (let it = 1; it <= maxIter; it++) {
    const x = (a * fb - b * fa) / (fb - fa);
    const fx = f(x);
    if (fx === 0) return { ok: true, root: x, iterations: it };
    if (fx * fb < 0) {
      a = b;
      fa = fb;
      b = x;
      fb = fx;
      side = 0;
    } else {
      b = x;
      fb = fx;
      // The retained end a has stayed twice: halve its value (the Illinois modification).
      if (side === 1) fa /= 2;
      side = 1;
    }
    if (Math.abs(b - a) <= xtol + rtol * Math.abs(b)) return { ok: true, root: b, iterations: it };
  }
  return { ok: false, reason: `no convergence in ${maxIter} iterations (bracket [${a}, ${b}])` };
}
