/**
 * Adaptive explicit Runge–Kutta: Dormand & Prince (1980) 5(4) with FSAL, the embedded 4th-order
 * error estimate and PI step-size control (Hairer, Nørsett & Wanner, Solving ODEs I, §II.4 and
 * the DOPRI5 code: β = 0.04, safety 0.9, step ratio in [0.2, 10]). Steps are shortened to land
 * exactly on every output time, so no interpolation error enters the reported values.
 * Used by the ResNet covariance ODE (resnetOde.ts) and reusable by Fokker–Planck / SDE code.
 */

/** dy/dt = f(t, y), written into `dydt` (no allocation per call). */
export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

export interface OdeTolerance {
  /** Relative tolerance per component (default 1e−12). */
  readonly rtol?: number;
  /** Absolute tolerance per component (default 1e−12). */
  readonly atol?: number;
  /** Step limit before giving up (default 1e6). */
  readonly maxSteps?: number;
}

export interface OdeSolution {
  /** The output grid, as given. */
  readonly t: number[];
  /** y at each output time (y[0] is a copy of y0). */
  readonly y: Float64Array[];
  readonly steps: number;
  readonly rejected: number;
  /** Number of f evaluations. */
  readonly evaluations: number;
}

// Butcher tableau of DOPRI5 (c, a) and the error weights e = b₅ − b₄.
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

const SAFETY = 0.9;
const BETA = 0.04;
const EXPO1 = 0.2 - BETA * 0.75;
const FAC_MIN = 0.2; // the step shrinks by at most 5×
const FAC_MAX = 10; // and grows by at most 10×

/**
 * Integrate y' = f(t, y) from tGrid[0] (where y = y0) through every time of the increasing grid
 * tGrid, to the tolerance `tol` (a number sets rtol = atol). Throws an Error naming t and the
 * step when the step size underflows, f returns non-finite values, or maxSteps is exceeded.
 */
export function integrateAdaptive(
  f: OdeRhs,
  y0: ArrayLike<number>,
  tGrid: readonly number[],
  tol: number | OdeTolerance = {},
): OdeSolution {
  const opts: OdeTolerance = typeof tol === 'number' ? { rtol: tol, atol: tol } : tol;
  const rtol = opts.rtol ?? 1e-12;
  const atol = opts.atol ?? 1e-12;
  const maxSteps = opts.maxSteps ?? 1_000_000;
  const n = y0.length;
  if (tGrid.length === 0) throw new RangeError('integrateAdaptive: the output grid is empty');
  for (let i = 1; i < tGrid.length; i++) {
    if (!(tGrid[i] > tGrid[i - 1])) {
      throw new RangeError(`integrateAdaptive: the output grid must increase strictly (t[${i}] = ${tGrid[i]} after ${tGrid[i - 1]})`);
    }
  }
  let y = Float64Array.from(y0);
  const out: Float64Array[] = [Float64Array.from(y)];
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n);
  const k4 = new Float64Array(n), k5 = new Float64Array(n), k6 = new Float64Array(n), k7 = new Float64Array(n);
  const ytmp = new Float64Array(n);
  let ynew = new Float64Array(n);
  let evaluations = 0;
  let steps = 0;
  let rejected = 0;
  const evalF = (t: number, yy: Float64Array, into: Float64Array) => {
    f(t, yy, into);
    evaluations++;
  };
  const scale = (a: number, b: number) => atol + rtol * Math.max(Math.abs(a), Math.abs(b));

  let t = tGrid[0];
  const tEnd = tGrid[tGrid.length - 1];
  if (tGrid.length === 1) return { t: [...tGrid], y: out, steps, rejected, evaluations };
  evalF(t, y, k1);
  let h = initialStep(t, y, k1, tEnd - t, rtol, atol, evalF);
  let errOld = 1e-4;
  let next = 1;
  while (next < tGrid.length) {
    if (steps + rejected >= maxSteps) {
      throw new Error(`integrateAdaptive: more than ${maxSteps} steps before t = ${tGrid[next]} (reached t = ${t}); loosen the tolerance or check f`);
    }
    const target = tGrid[next];
    // Land exactly on the next output time (stretch by ≤ 1% rather than leave a sliver).
    let hStep = h;
    let lands = false;
    if (t + hStep >= target - 0.01 * hStep) {
      hStep = target - t;
      lands = true;
    }
    if (!(hStep > Math.abs(t) * 1e-15)) {
      throw new Error(`integrateAdaptive: step size underflow (h = ${hStep}) at t = ${t}`);
    }
    for (let i = 0; i < n; i++) ytmp[i] = y[i] + hStep * A21 * k1[i];
    evalF(t + C2 * hStep, ytmp, k2);
    for (let i = 0; i < n; i++) ytmp[i] = y[i] + hStep * (A31 * k1[i] + A32 * k2[i]);
    evalF(t + C3 * hStep, ytmp, k3);
    for (let i = 0; i < n; i++) ytmp[i] = y[i] + hStep * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    evalF(t + C4 * hStep, ytmp, k4);
    for (let i = 0; i < n; i++) ytmp[i] = y[i] + hStep * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    evalF(t + C5 * hStep, ytmp, k5);
    for (let i = 0; i < n; i++) {
      ytmp[i] = y[i] + hStep * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    }
    const tNew = lands ? target : t + hStep;
    evalF(tNew, ytmp, k6);
    for (let i = 0; i < n; i++) {
      ynew[i] = y[i] + hStep * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    }
    evalF(tNew, ynew, k7);
    let err = 0;
    for (let i = 0; i < n; i++) {
      const e = hStep * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const r = e / scale(y[i], ynew[i]);
      err += r * r;
    }
    err = Math.sqrt(err / n);
    if (!Number.isFinite(err)) {
      throw new Error(`integrateAdaptive: f returned a non-finite value near t = ${t} (step ${hStep})`);
    }
    const fac11 = Math.pow(err, EXPO1);
    if (err <= 1) {
      // Accept (PI controller of DOPRI5).
      const fac = Math.max(1 / FAC_MAX, Math.min(1 / FAC_MIN, fac11 / Math.pow(errOld, BETA) / SAFETY));
      const hProposed = hStep / fac;
      errOld = Math.max(err, 1e-4);
      steps++;
      t = tNew;
      const swap = y;
      y = ynew;
      ynew = swap;
      k1.set(k7);
      // After a shortened landing step keep the controller's previous proposal if it is larger.
      h = lands ? Math.max(h, hProposed) : hProposed;
      if (lands) {
        out.push(Float64Array.from(y));
        next++;
      }
    } else {
      rejected++;
      h = hStep / Math.min(1 / FAC_MIN, fac11 / SAFETY);
    }
  }
  return { t: [...tGrid], y: out, steps, rejected, evaluations };
}

/** Starting step of Hairer's DOPRI5 (hinit): h ≈ (0.01/max(‖f‖, ‖f'‖))^{1/5}-type balance. */
function initialStep(
  t: number,
  y: Float64Array,
  f0: Float64Array,
  span: number,
  rtol: number,
  atol: number,
  evalAt: OdeRhs,
): number {
  const n = y.length;
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y[i]);
    dnf += (f0[i] / sk) ** 2;
    dny += (y[i] / sk) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, span);
  const y1 = new Float64Array(n);
  const f1 = new Float64Array(n);
  for (let i = 0; i < n; i++) y1[i] = y[i] + h * f0[i];
  evalAt(t + h, y1, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y[i]);
    der2 += ((f1[i] - f0[i]) / sk) ** 2;
  }
  der2 = Math.sqrt(der2) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, Math.abs(h) * 1e-3) : Math.pow(0.01 / der12, 1 / 5);
  return Math.min(100 * h, h1, span);
}
