/**
 * Distances between an empirical sample of ρ (finite networks, or SDE paths) and a law of ρ on
 * [−1, 1] given by cell masses in x = atanh ρ (cellLaw.ts: CDF linear in x inside a cell, atoms at
 * the two grid ends). For the "converges in law" panel: distance against n at fixed T = L/n.
 *
 *  - Wasserstein-1: W₁ = ∫_{−1}^{1} |F_n(ρ) − F(ρ)| dρ, integrated exactly for that F: on a cell,
 *    F = α + s·atanh ρ, and ∫ atanh ρ dρ = A(ρ) = ½[(1+ρ) log(1+ρ) + (1−ρ) log(1−ρ)] (finite at ±1).
 *  - Kolmogorov–Smirnov: D = sup_ρ |F_n(ρ) − F(ρ)|, attained at a sample point or a jump of F
 *    (either one-sided limit).
 */
import type { CorrelationLaw } from './cellLaw.ts';

/** ∫₀^ρ atanh r dr = ½[(1+ρ) log(1+ρ) + (1−ρ) log(1−ρ)], with 0·log 0 = 0. */
export function atanhAntiderivative(rho: number): number {
  const a = 1 + rho;
  const b = 1 - rho;
  return 0.5 * ((a > 0 ? a * Math.log(a) : 0) + (b > 0 ? b * Math.log(b) : 0));
}

/** A piece of the CDF on [lo, hi]: F(ρ) = alpha + slope·atanh ρ (slope 0: constant). */
interface CdfPiece {
  readonly lo: number;
  readonly hi: number;
  readonly alpha: number;
  readonly slope: number;
}

/** The law's CDF as pieces covering [−1, 1], normalised by its total mass. */
function cdfPieces(law: CorrelationLaw): CdfPiece[] {
  const { xLo, h, cells } = law.grid;
  const M = law.mass;
  const pieces: CdfPiece[] = [];
  const first = law.faces[0];
  const last = law.faces[cells];
  if (first > -1) pieces.push({ lo: -1, hi: first, alpha: 0, slope: 0 });
  let below = law.atomLow;
  for (let i = 0; i < cells; i++) {
    const m = law.cellMass[i];
    const slope = m / (h * M);
    const xi = xLo + i * h;
    pieces.push({ lo: law.faces[i], hi: law.faces[i + 1], alpha: below / M - slope * xi, slope });
    below += m;
  }
  if (last < 1) pieces.push({ lo: last, hi: 1, alpha: 1, slope: 0 });
  return pieces;
}

/** ∫_u^v |α + s·atanh ρ − c| dρ on a piece (one sign change at most: F is increasing). */
function absIntegral(p: CdfPiece, u: number, v: number, c: number): number {
  if (!(v > u)) return 0;
  const signed = (a: number, b: number) =>
    (p.alpha - c) * (b - a) + (p.slope !== 0 ? p.slope * (atanhAntiderivative(b) - atanhAntiderivative(a)) : 0);
  if (p.slope > 0) {
    const cross = Math.tanh((c - p.alpha) / p.slope);
    if (cross > u && cross < v) return Math.abs(signed(u, cross)) + Math.abs(signed(cross, v));
  }
  return Math.abs(signed(u, v));
}

function sortedCopy(sample: ArrayLike<number>, who: string): Float64Array {
  if (sample.length === 0) throw new RangeError(`${who}: the sample is empty`);
  const s = Float64Array.from(sample).sort();
  if (!(s[0] >= -1 && s[s.length - 1] <= 1)) {
    throw new RangeError(`${who}: sample values must lie in [−1, 1] (found ${s[0] < -1 ? s[0] : s[s.length - 1]})`);
  }
  return s;
}

/** W₁ between the empirical law of `sample` (values in [−1, 1]) and `law`, exactly. */
export function wasserstein1ToLaw(sample: ArrayLike<number>, law: CorrelationLaw): number {
  const s = sortedCopy(sample, 'wasserstein1ToLaw');
  const n = s.length;
  let j = 0; // samples ≤ current left end counted in F_n
  let total = 0;
  for (const piece of cdfPieces(law)) {
    let u = piece.lo;
    while (j < n && s[j] <= u) j++;
    while (j < n && s[j] < piece.hi) {
      total += absIntegral(piece, u, s[j], j / n);
      u = s[j];
      while (j < n && s[j] <= u) j++;
    }
    total += absIntegral(piece, u, piece.hi, j / n);
  }
  return total;
}

/** Kolmogorov–Smirnov distance sup |F_n − F| between the sample and `law`. */
export function kolmogorovSmirnovToLaw(sample: ArrayLike<number>, law: CorrelationLaw): number {
  const s = sortedCopy(sample, 'kolmogorovSmirnovToLaw');
  const n = s.length;
  const M = law.mass;
  const N = law.grid.cells;
  const lo = law.faces[0];
  const hi = law.faces[N];
  /** F(ρ−): the left limit (F jumps only at the two grid ends, by the atoms). */
  const cdfBefore = (r: number) => (r <= lo ? 0 : r === hi ? (M - law.atomHigh) / M : law.cdfAt(r));
  const countBelow = (r: number, strict: boolean) => {
    let a = 0;
    let b = n;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (strict ? s[mid] < r : s[mid] <= r) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  let d = 0;
  const check = (r: number) => {
    d = Math.max(d, Math.abs(law.cdfAt(r) - countBelow(r, false) / n), Math.abs(cdfBefore(r) - countBelow(r, true) / n));
  };
  for (let i = 0; i < n; i++) if (i === 0 || s[i] !== s[i - 1]) check(s[i]);
  check(lo);
  check(hi);
  return d;
}

/**
 * Least-squares slope of log y against log x (the convergence order on a log-log plot).
 * Throws when fewer than two points are given or a value is not positive.
 */
export function logLogSlope(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  if (xs.length !== ys.length) throw new RangeError(`logLogSlope: ${xs.length} x values but ${ys.length} y values`);
  if (xs.length < 2) throw new RangeError('logLogSlope: need at least two points');
  let sx = 0;
  let sy = 0;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    if (!(xs[i] > 0 && ys[i] > 0)) throw new RangeError(`logLogSlope: point ${i} = (${xs[i]}, ${ys[i]}) is not positive`);
    sx += Math.log(xs[i]);
    sy += Math.log(ys[i]);
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = Math.log(xs[i]) - mx;
    sxy += dx * (Math.log(ys[i]) - my);
    sxx += dx * dx;
  }
  if (!(sxx > 0)) throw new RangeError('logLogSlope: all x values are equal');
  return sxy / sxx;
}
