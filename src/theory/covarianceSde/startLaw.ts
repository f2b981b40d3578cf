/**
 * Where the Fokker–Planck solve starts. The SDE starts from a point mass ρ₀; the grid needs either
 * that point mass inside a region where the drift is resolvable, or, where the start sits in the
 * stiff wall near ρ = −1 (c₊ ≠ c₋, coefficients.ts), a short deterministic-plus-Gaussian transit
 * out of the wall.
 *
 *  - pointMass: ρ₀ = 1, or ρ₀ = −1 with c₊ = c₋: ν and σ vanish there, ρ_t ≡ ρ₀ for all t.
 *  - delta:     the point mass x₀ = atanh ρ₀ at t₀ = 0, placed on a cell centre by the solver.
 *  - gaussian:  |β(x₀)| > βStart (or ρ₀ = −1 with c₊ ≠ c₋): until the first time t₀ at which the
 *               mean has left the wall (β(m) ≤ βStart), x_t is replaced by N(m_t, v_t) from the
 *               second-order moment closure of dx = β dt + dW. Itô gives d E[x] = E[β(x)] dt and
 *               d Var x = (2 E[(x − m) β(x)] + 1) dt; Taylor-expanding β about m and dropping
 *               cumulants of order ≥ 3 (a Gaussian closure; to first order it is the linear-noise
 *               approximation) gives
 *                  dm/dt = β(m) + ½ β''(m) v,   dv/dt = 2 β'(m) v + 1.                        (C)
 *               Its error is O(t₀²) in the moments; t₀ shrinks with the cell width (βStart ∝ 1/h),
 *               so it converges with the grid.
 *  - entrance (ρ₀ = −1, c₊ ≠ c₋): near ρ = −1, ε = 1 + ρ obeys dε ≈ ν(−1) dt + 2ε dW, so
 *               ε_t = ν(−1) t (1 + O(t)); in x the linearised (C) has β' ≈ −1/t along the mean,
 *               whose solution from v(0) = 0 is v = t/3. (C) is started there at t₁ with
 *               ν(−1) t₁ = 1e−8 (relative error O(t₁)).
 */
import { atanhDrift, atanhDriftDerivatives } from './coefficients.ts';
import { rk4Step } from './rk4.ts';

export type StartLaw =
  | { readonly kind: 'pointMass'; readonly rho: 1 | -1 }
  | { readonly kind: 'delta'; readonly t0: 0; readonly x0: number }
  | { readonly kind: 'gaussian'; readonly t0: number; readonly mean: number; readonly variance: number };

/** ε = 1 + ρ at which the entrance asymptotics hand over to the closure (C). */
const ENTRANCE_EPSILON = 1e-8;

/** Right-hand side of the moment closure (C) for y = (m, v). */
function closureRhs(kappa: number) {
  return (y: Float64Array, dy: Float64Array): void => {
    const m = y[0];
    const v = y[1];
    const { d1, d2 } = atanhDriftDerivatives(m, kappa);
    dy[0] = atanhDrift(m, kappa) + 0.5 * d2 * v;
    dy[1] = 2 * d1 * v + 1;
  };
}

/** RK4 steps move m by at most this and keep h·|β′| at most this (near the entrance h ≈ 0.02 t). */
const CLOSURE_STEP = 0.02;

/**
 * Integrate (C) from (t, m, v) until β(m) ≤ βStart or t = T, by RK4 with the step set by the local
 * scales: h = CLOSURE_STEP / max(|β|, |β′|) (the hand-over time only needs to be approximate).
 */
function closureUntilResolved(kappa: number, t: number, m: number, v: number, T: number, betaStart: number): StartLaw {
  const rhs = closureRhs(kappa);
  const y = Float64Array.of(m, v);
  let tNow = t;
  for (let guard = 0; guard < 1_000_000 && tNow < T; guard++) {
    const b = atanhDrift(y[0], kappa);
    if (b <= betaStart) break;
    const scale = Math.max(Math.abs(b), Math.abs(atanhDriftDerivatives(y[0], kappa).d1), 1e-300);
    const h = Math.min(T - tNow, CLOSURE_STEP / scale);
    rk4Step(rhs, y, h);
    tNow = h === T - tNow ? T : tNow + h;
  }
  return { kind: 'gaussian', t0: tNow, mean: y[0], variance: y[1] };
}

/**
 * The start of the solve for ρ₀ at t = 0, given κ (coefficients.ts), the horizon T and the
 * largest drift βStart the grid resolves at the start (the solver passes 1/(2h): cell Péclet 1).
 */
export function startLaw(kappa: number, rho0: number, T: number, betaStart: number): StartLaw {
  if (!(rho0 >= -1 && rho0 <= 1)) throw new RangeError(`rho0 must lie in [−1, 1] (got ${rho0})`);
  if (rho0 === 1) return { kind: 'pointMass', rho: 1 };
  if (rho0 === -1) {
    if (kappa === 0) return { kind: 'pointMass', rho: -1 };
    const nuMinus = kappa * Math.PI; // ν(−1)
    const t1 = Math.min(ENTRANCE_EPSILON / nuMinus, T);
    const eps = nuMinus * t1;
    const m = 0.5 * Math.log(eps / (2 - eps)); // atanh(−1 + ε)
    return closureUntilResolved(kappa, t1, m, t1 / 3, T, betaStart);
  }
  const x0 = Math.atanh(rho0);
  if (atanhDrift(x0, kappa) <= betaStart) return { kind: 'delta', t0: 0, x0 };
  return closureUntilResolved(kappa, 0, x0, 0, T, betaStart);
}
