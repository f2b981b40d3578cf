/**
 * One classical Runge–Kutta (RK4) step for a small autonomous system y' = f(y), in place.
 * The callers choose the step from the local Jacobian (h·|β′| ≤ a few hundredths, far inside RK4's
 * stability interval |hλ| < 2.78), which is what the stiff wall near ρ = −1 needs: a general
 * error-controlled integrator (dormandPrince.ts) spends its steps discovering that scale instead.
 */
export type AutonomousRhs = (y: Float64Array, dy: Float64Array) => void;

export function rk4Step(f: AutonomousRhs, y: Float64Array, h: number): void {
  const n = y.length;
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  f(y, k1);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
  f(tmp, k2);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
  f(tmp, k3);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
  f(tmp, k4);
  for (let i = 0; i < n; i++) y[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}
