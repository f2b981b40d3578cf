/**
 * A law of the correlation ρ ∈ [−1, 1] stored as finite-volume cell masses in x = atanh ρ
 * (uniform cells of width h on [xLo, xHi], density constant in x inside a cell) plus two boundary
 * atoms: the mass that left the grid below xLo and above xHi. When the grid ends at |x| = 20,
 * tanh(±20) = ±1 exactly in f64 (1 − tanh 20 = 8.5e−18 < 2^−54), so those atoms are the mass at
 * ρ = ±1 to rounding; elsewhere the solver keeps them below 1e−12 (fokkerPlanck.ts).
 *
 * Statistics are exact for that piecewise-constant density in x: a cell [a, b] contributes
 * E[ρ | cell] = (log cosh b − log cosh a)/h; its within-cell variance is sech⁴(x_c) h²/12 + O(h⁴).
 */

export interface CorrelationLaw {
  /** Cell centres, in ρ (tanh of the x-centres). */
  readonly rho: Float64Array;
  /** Density of ρ at the cell centres: (mass/h)·cosh²(x_c). */
  readonly density: Float64Array;
  /** CDF of ρ at the upper face of each cell (lower atom included). */
  readonly cdf: Float64Array;
  /** Cell faces in ρ (cells + 1 values). */
  readonly faces: Float64Array;
  /** Probability in each cell. */
  readonly cellMass: Float64Array;
  /** Mass at the lower / upper end of the grid (at ρ = faces[0] / faces[cells]). */
  readonly atomLow: number;
  readonly atomHigh: number;
  readonly mean: number;
  readonly sd: number;
  /** Total probability: cells + atoms (1 to rounding for a conservative scheme). */
  readonly mass: number;
  /** The p-quantile, p ∈ [0, 1]: inverse of the CDF, linear in x inside a cell. */
  quantile(p: number): number;
  /** The CDF F(ρ) (right-continuous), linear in x inside a cell. */
  cdfAt(rho: number): number;
  /** The grid in x: lower end, cell width, number of cells. */
  readonly grid: { readonly xLo: number; readonly h: number; readonly cells: number };
}

/** log cosh x up to the constant −log 2 (it cancels in differences), without overflow. */
function logCoshShifted(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a));
}

/** E[tanh X] for X uniform on [a, b], b > a: (log cosh b − log cosh a)/(b − a). */
export function cellMeanTanh(a: number, b: number): number {
  if (a >= 0) return 1 + (Math.log1p(Math.exp(-2 * b)) - Math.log1p(Math.exp(-2 * a))) / (b - a);
  if (b <= 0) return -1 + (Math.log1p(Math.exp(2 * b)) - Math.log1p(Math.exp(2 * a))) / (b - a);
  return (logCoshShifted(b) - logCoshShifted(a)) / (b - a);
}

/** Build the law from cell masses on the x-grid (xLo, h, masses.length cells) and two atoms. */
export function cellLaw(xLo: number, h: number, masses: Float64Array, atomLow: number, atomHigh: number): CorrelationLaw {
  const N = masses.length;
  const faces = new Float64Array(N + 1);
  const xFaces = new Float64Array(N + 1);
  for (let i = 0; i <= N; i++) {
    xFaces[i] = xLo + i * h;
    faces[i] = Math.tanh(xFaces[i]);
  }
  const rho = new Float64Array(N);
  const density = new Float64Array(N);
  const cdf = new Float64Array(N);
  const cellMean = new Float64Array(N);
  let cum = atomLow;
  let mass = atomLow + atomHigh;
  let first = atomLow * faces[0] + atomHigh * faces[N];
  for (let i = 0; i < N; i++) {
    const xc = xLo + (i + 0.5) * h;
    const ch = Math.cosh(xc);
    rho[i] = Math.tanh(xc);
    density[i] = (masses[i] / h) * ch * ch;
    cum += masses[i];
    cdf[i] = cum;
    mass += masses[i];
    cellMean[i] = cellMeanTanh(xFaces[i], xFaces[i + 1]);
    first += masses[i] * cellMean[i];
  }
  const mean = first / mass;
  let second = atomLow * (faces[0] - mean) ** 2 + atomHigh * (faces[N] - mean) ** 2;
  for (let i = 0; i < N; i++) {
    const s = 1 / Math.cosh(xLo + (i + 0.5) * h);
    const within = (s * s * s * s * h * h) / 12;
    second += masses[i] * ((cellMean[i] - mean) ** 2 + within);
  }
  const sd = Math.sqrt(Math.max(0, second / mass));
  // A monotone copy of the CDF for inversion (an implicit scheme may leave masses of −1e−17).
  const mono = new Float64Array(N);
  let run = atomLow;
  for (let i = 0; i < N; i++) {
    run = Math.max(run, cdf[i]);
    mono[i] = run;
  }

  const quantile = (p: number): number => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must lie in [0, 1] (got ${p})`);
    const target = p * mass;
    if (N === 0 || target <= atomLow) return faces[0];
    if (target > mono[N - 1]) return faces[N];
    let lo = 0;
    let hi = N - 1; // first i with mono[i] >= target
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mono[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    const below = lo === 0 ? atomLow : mono[lo - 1];
    const inCell = mono[lo] - below;
    const frac = inCell > 0 ? Math.min(1, Math.max(0, (target - below) / inCell)) : 1;
    return Math.tanh(xFaces[lo] + frac * h);
  };

  const cdfAt = (r: number): number => {
    if (N === 0) return r >= faces[0] ? 1 : 0;
    if (r < faces[0]) return 0;
    if (r >= faces[N]) return 1;
    const x = Math.atanh(r);
    const i = Math.min(N - 1, Math.max(0, Math.floor((x - xLo) / h)));
    const below = i === 0 ? atomLow : mono[i - 1];
    const frac = Math.min(1, Math.max(0, (x - xFaces[i]) / h));
    return (below + frac * (mono[i] - below)) / mass;
  };

  return { rho, density, cdf, faces, cellMass: masses, atomLow, atomHigh, mean, sd, mass, quantile, cdfAt, grid: { xLo, h, cells: N } };
}

/** The law concentrated at one end point ρ = ±1 (a fixed point of the SDE). */
export function pointMassLaw(rhoEnd: 1 | -1): CorrelationLaw {
  const x = rhoEnd * 20;
  return cellLaw(x, 0, new Float64Array(0), rhoEnd < 0 ? 1 : 0, rhoEnd > 0 ? 1 : 0);
}
