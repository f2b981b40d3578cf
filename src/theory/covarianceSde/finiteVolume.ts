/**
 * Conservative finite volumes for the Fokker–Planck equation of x = atanh ρ (coefficients.ts (3)):
 *
 *   ∂p/∂t = −∂J/∂x,   J = β(x) p − D ∂p/∂x,   D = 1/2,
 *
 * on uniform cells of width h. The face flux is Scharfetter–Gummel (Scharfetter & Gummel 1969;
 * Il'in 1969): with the cell Péclet number P = β h/D at the face and B(z) = z/(eᶻ − 1),
 *
 *   J_{i+½} = (D/h) [B(−P) p_i − B(P) p_{i+1}],                                              (SG)
 *
 * which is the central (second-order) flux for |P| → 0 and the upwind flux for |P| → ∞, so the
 * exponentially strong wall drift near ρ = −1 neither oscillates nor needs a finer cell. The
 * outer faces are absorbing (p = 0 half a cell outside) and what crosses them is added to two
 * boundary atoms, so d/dt (Σ masses + atoms) = 0 exactly: probability is conserved to rounding
 * by any linear time scheme whose stages are (I − cA)⁻¹ and I + cA applied to the augmented state.
 *
 * Time: TR-BDF2 (Bank et al. 1985; Hosea & Shampine 1996), γ = 2 − √2: a trapezoidal stage to
 * t + γΔ then BDF2 to t + Δ; both stages solve with the same matrix I − (γ/2)Δ A. It is
 * second-order and L-stable (R(−∞) = 0), so the rough start (a point mass) is damped, unlike
 * Crank–Nicolson, whose R(−∞) = −1 keeps the grid-scale modes of a point mass ringing.
 */
import { atanhDrift } from './coefficients.ts';

const D = 0.5;
const GAMMA = 2 - Math.SQRT2;
const W = GAMMA / 2; // = 1 − 1/√2, the implicit weight of both stages
const C_TR = 1 / (GAMMA * (2 - GAMMA)); // BDF2 stage: m' = C_TR y − C_N m + WΔ A m'
const C_N = ((1 - GAMMA) * (1 - GAMMA)) / (GAMMA * (2 - GAMMA));

/** Bernoulli function B(z) = z/(eᶻ − 1), B(0) = 1, without cancellation (expm1). */
export function bernoulli(z: number): number {
  if (Math.abs(z) < 1e-12) return 1 - z / 2;
  return z / Math.expm1(z);
}

/**
 * The generator A on cell masses (dm/dt = A m): tridiagonal (sub, diag, sup) plus the leak of
 * cell 0 to the lower atom and of cell N−1 to the upper atom. Columns of the augmented
 * generator sum to zero (conservation).
 */
export interface FvGenerator {
  readonly sub: Float64Array; // A[i][i−1]
  readonly diag: Float64Array; // A[i][i]
  readonly sup: Float64Array; // A[i][i+1]
  readonly leakLow: number; // d(atomLow)/dt = leakLow · m_0
  readonly leakHigh: number; // d(atomHigh)/dt = leakHigh · m_{N−1}
}

export function fvGenerator(kappa: number, xLo: number, h: number, cells: number): FvGenerator {
  const N = cells;
  const sub = new Float64Array(N);
  const diag = new Float64Array(N);
  const sup = new Float64Array(N);
  // dm_i/dt = −(J_{i+½} − J_{i−½}) and, in masses m = h p, (SG) reads J = (D/h²)[B(−P) m_i − B(P) m_{i+1}].
  const r = D / (h * h);
  // Interior faces i+½, i = 0..N−2.
  for (let i = 0; i < N - 1; i++) {
    const P = (atanhDrift(xLo + (i + 1) * h, kappa) * h) / D;
    const out = r * bernoulli(-P); // from i to i+1, per unit m_i
    const back = r * bernoulli(P); // from i+1 to i, per unit m_{i+1}
    diag[i] -= out;
    sub[i + 1] += out;
    diag[i + 1] -= back;
    sup[i] += back;
  }
  // Outer faces: p = 0 at distance h/2 outside the last centre, so the face Péclet uses h/2 and
  // the flux is (2D/h)·B(∓P½)·p (outward).
  const rb = (2 * D) / (h * h);
  const Plo = (atanhDrift(xLo, kappa) * (h / 2)) / D;
  const Phi = (atanhDrift(xLo + N * h, kappa) * (h / 2)) / D;
  const leakLow = rb * bernoulli(Plo);
  const leakHigh = rb * bernoulli(-Phi);
  diag[0] -= leakLow;
  diag[N - 1] -= leakHigh;
  return { sub, diag, sup, leakLow, leakHigh };
}

/**
 * Evolve masses (and the two atoms) by TR-BDF2 over the given increasing times (times[0] is the
 * time of `masses`). Mutates `masses` and returns the atoms added to the given ones.
 */
export function evolveTrBdf2(
  A: FvGenerator,
  masses: Float64Array,
  atoms: { low: number; high: number },
  times: ArrayLike<number>,
): { low: number; high: number } {
  const N = masses.length;
  const { sub, diag, sup, leakLow, leakHigh } = A;
  const cPrime = new Float64Array(N);
  const denom = new Float64Array(N);
  const rhs = new Float64Array(N);
  const y = new Float64Array(N);
  let low = atoms.low;
  let high = atoms.high;

  // Solve (I − cA) u = f by the Thomas algorithm (no pivoting: the matrix is an M-matrix whose
  // columns are diagonally dominant, so elimination is stable). Factor once per step size.
  let factoredFor = NaN;
  const factor = (c: number) => {
    if (c === factoredFor) return;
    let prevC = 0;
    for (let i = 0; i < N; i++) {
      const a = i > 0 ? -c * sub[i] : 0;
      const b = 1 - c * diag[i];
      const d = b - a * prevC;
      denom[i] = d;
      prevC = i < N - 1 ? (-c * sup[i]) / d : 0;
      cPrime[i] = prevC;
    }
    factoredFor = c;
  };
  const solve = (c: number, f: Float64Array, u: Float64Array) => {
    let prev = 0;
    for (let i = 0; i < N; i++) {
      const a = i > 0 ? -c * sub[i] : 0;
      prev = (f[i] - a * prev) / denom[i];
      u[i] = prev;
    }
    for (let i = N - 2; i >= 0; i--) u[i] -= cPrime[i] * u[i + 1];
  };

  for (let s = 1; s < times.length; s++) {
    const dt = times[s] - times[s - 1];
    const c = W * dt;
    factor(c);
    // Stage 1 (trapezoidal to t + γΔ): (I − cA) y = (I + cA) m.
    for (let i = 0; i < N; i++) {
      let am = diag[i] * masses[i];
      if (i > 0) am += sub[i] * masses[i - 1];
      if (i < N - 1) am += sup[i] * masses[i + 1];
      rhs[i] = masses[i] + c * am;
    }
    solve(c, rhs, y);
    const yLow = low + c * leakLow * (masses[0] + y[0]);
    const yHigh = high + c * leakHigh * (masses[N - 1] + y[N - 1]);
    // Stage 2 (BDF2 to t + Δ): (I − cA) m' = C_TR y − C_N m.
    for (let i = 0; i < N; i++) rhs[i] = C_TR * y[i] - C_N * masses[i];
    solve(c, rhs, masses);
    low = C_TR * yLow - C_N * low + c * leakLow * masses[0];
    high = C_TR * yHigh - C_N * high + c * leakHigh * masses[N - 1];
  }
  return { low, high };
}
