/**
 * Sample paths of the neural covariance SDE (coefficients.ts (1)) by Euler–Maruyama on the CPU, in
 * the SDE's time t = l/n. Noise: NormalStream(seed, Domain.sdeNoise), the draw of step k of path p
 * at counter (net = p, layer = ⌊k/4⌋, row, col = k mod 4) — four consecutive steps share one
 * Philox block; row 0 drives the correlation, row 1 the diagonal log V_aa. Both correlation variants
 * read the same draws, so their difference at equal dt is a coupled (low-noise) comparison.
 *
 * Variants:
 *  - 'atanh': EM for x = atanh ρ, dx = β dt + dW (unit diffusion, no clipping). Where |β| dt > 0.05
 *    (the wall near ρ = −1 when c₊ ≠ c₋) the drift part of the step is sub-cycled by explicit Euler
 *    steps of size 0.05/|β| (x ↦ flow_dt(x) + √dt ξ), for stability only. ρ₀ = ±1 is handled
 *    exactly: ρ₀ = 1 stays at x = +∞; ρ₀ = −1 stays at −∞ when c₊ = c₋, and otherwise starts at
 *    x = atanh(−1 + 2⁻⁵³) ≈ −18.7, which the flow from −∞ reaches after 2⁻⁵³/ν(−1), below any dt.
 *    Caveat (measured, paths.test.ts): near ρ = −1 with c₊ ≠ c₋ the x-drift is an exponential wall
 *    (β′ ≈ −2β), so the O(dt) weak error has a large constant there: from ρ₀ = −0.99, T = 0.02 the
 *    mean is off by 3.4e−4 at dt = 0.002 (the 'rho-clipped' scheme: < 3e−5).
 *  - 'rho-clipped': EM for ρ itself, ρ ← clip(ρ + μ(ρ) dt + (1 − ρ²) √dt ξ, −1, 1). Near ρ = 1 a
 *    step multiplies 1 − ρ by about 1 − 2√dt ξ, so with probability ≈ Φ(−1/(2√dt)) per step it
 *    overshoots and is clipped; at ρ = 1 (σ = μ = 0) it then stays for ever, which the SDE never
 *    does. Measured against the Fokker–Planck law, its W₁ distance is O(dt) (≈ 0.2·dt from
 *    ρ₀ = 0.9, T = 1; paths.test.ts). DESIGN.md §1 asks to say so wherever it is used.
 *  - 'hybrid': EM in x, except where c₊ ≠ c₋ and ρ < −1/2, where the step is taken in ρ (whose
 *    coefficients stay bounded at the wall: the SDE enters from ρ = −1 like dε = ν(−1) dt + 2ε dW,
 *    ε = 1 + ρ). Each coordinate is used where it is well conditioned; ρ₀ = −1 needs no special
 *    start, and a ρ-step is clipped at −1 only if ξ < −1/(2√dt) or so (about −7 sd at dt = 0.005).
 */
import { Domain, NormalStream } from '../../core/philox.ts';
import { summarise, type Summary } from '../../core/stats.ts';
import { atanhDrift, correlationDrift, shapingStrength } from './coefficients.ts';

export type PathVariant = 'atanh' | 'rho-clipped' | 'hybrid';

export interface CorrelationPathParams {
  readonly cp: number;
  readonly cm: number;
  readonly rho0: number;
  /** Horizon T = L/n. */
  readonly T: number;
  readonly paths: number;
  /** Requested step; the step used is T/⌈T/dt⌉ (so that T is hit exactly). */
  readonly dt: number;
  readonly seed: number;
  readonly variant: PathVariant;
  /** Number of recorded time points, t = 0 and T included (default 2: start and end). */
  readonly record?: number;
}

export interface CorrelationPaths {
  /** Recorded times (record values from 0 to T). */
  readonly t: number[];
  /** ρ at the recorded times, path-major: rho[p·record + j] (f32: for drawing). */
  readonly rho: Float32Array;
  /** ρ_T of every path in f64 (for statistics). */
  readonly terminal: Float64Array;
  /** Mean, sd, quantiles of ρ_T (core/stats.ts conventions). */
  readonly summary: Summary;
  readonly steps: number;
  readonly dt: number;
}

/** Row of the Philox counter for each noise (see the file comment). */
export const NOISE_ROW = { correlation: 0, logVariance: 1 } as const;

const SUBCYCLE = 0.05;
/** atanh(−1 + 2⁻⁵³): the start of an entrance from ρ₀ = −1 (see the file comment). */
const ENTRANCE_X = Math.atanh(-1 + 2 ** -53);
/** Where the 'hybrid' scheme steps in ρ (for c₊ ≠ c₋): ρ < HYBRID_SWITCH. */
export const HYBRID_SWITCH = -0.5;
const ATANH_SWITCH = Math.atanh(HYBRID_SWITCH);

function checkPathParams(p: CorrelationPathParams): number {
  const fail = (key: string, value: unknown, allowed: string) => {
    throw new RangeError(`simulateCorrelationPaths: ${key} = ${String(value)} is not allowed (${allowed})`);
  };
  if (!Number.isFinite(p.cp)) fail('cp', p.cp, 'a finite number');
  if (!Number.isFinite(p.cm)) fail('cm', p.cm, 'a finite number');
  if (!(p.rho0 >= -1 && p.rho0 <= 1)) fail('rho0', p.rho0, 'ρ₀ ∈ [−1, 1]');
  if (!(p.T > 0 && Number.isFinite(p.T))) fail('T', p.T, 'T > 0');
  if (!(p.dt > 0 && p.dt <= p.T)) fail('dt', p.dt, '0 < dt ≤ T');
  if (!(Number.isInteger(p.paths) && p.paths >= 1)) fail('paths', p.paths, 'an integer ≥ 1');
  if (!(Number.isInteger(p.seed) && p.seed >= 0 && p.seed <= 0xffffffff)) fail('seed', p.seed, 'an integer in [0, 2³²)');
  if (!['atanh', 'rho-clipped', 'hybrid'].includes(p.variant)) fail('variant', p.variant, "'atanh', 'rho-clipped' or 'hybrid'");
  const record = p.record ?? 2;
  if (!(Number.isInteger(record) && record >= 2)) fail('record', record, 'an integer ≥ 2');
  return record;
}

/** The steps at which the `record` time points fall (0 and `steps` included). */
function recordSteps(steps: number, record: number): Int32Array {
  const at = new Int32Array(record);
  for (let j = 0; j < record; j++) at[j] = Math.round((j * steps) / (record - 1));
  return at;
}

/** x + β(x) dt, with the drift sub-cycled in steps of SUBCYCLE/|β| where |β| dt > SUBCYCLE. */
function atanhDriftStep(x: number, kappa: number, dt: number): number {
  let b = atanhDrift(x, kappa);
  if (Math.abs(b) * dt <= SUBCYCLE) return x + b * dt;
  let rem = dt;
  while (rem > 0) {
    const h = Math.min(rem, SUBCYCLE / Math.abs(b));
    x += b * h;
    rem = h >= rem ? 0 : rem - h;
    b = atanhDrift(x, kappa);
  }
  return x;
}

/** One EM step of ρ itself, clipped to [−1, 1]. */
function rhoStep(rho: number, kappa: number, dt: number, dW: number): number {
  const next = rho + correlationDrift(rho, kappa) * dt + (1 - rho * rho) * dW;
  return next > 1 ? 1 : next < -1 ? -1 : next;
}

export function simulateCorrelationPaths(params: CorrelationPathParams): CorrelationPaths {
  const record = checkPathParams(params);
  const { T, paths, variant } = params;
  const kappa = shapingStrength(params.cp, params.cm);
  const steps = Math.max(1, Math.ceil(T / params.dt - 1e-9));
  const dt = T / steps;
  const sqrtDt = Math.sqrt(dt);
  const at = recordSteps(steps, record);
  const t = Array.from(at, (k) => (k / steps) * T);
  const rhoOut = new Float32Array(paths * record);
  const terminal = new Float64Array(paths);
  const noise = new NormalStream(params.seed, Domain.sdeNoise);
  const row = NOISE_ROW.correlation;

  // State: x = atanh ρ ('atanh', 'hybrid') or ρ ('rho-clipped').
  const x0 =
    params.rho0 === 1 ? Infinity
    : params.rho0 === -1 ? (kappa === 0 || variant === 'hybrid' ? -Infinity : ENTRANCE_X)
    : Math.atanh(params.rho0);
  const inRho = variant === 'rho-clipped';

  for (let p = 0; p < paths; p++) {
    let x = inRho ? params.rho0 : x0;
    let next = 0;
    for (let k = 0; ; k++) {
      if (k === at[next]) {
        const r = inRho ? x : Math.tanh(x);
        while (next < record && at[next] === k) rhoOut[p * record + next++] = r;
      }
      if (k === steps) break;
      const dW = sqrtDt * noise.normal(p, k >>> 2, row, k & 3);
      if (inRho) {
        x = rhoStep(x, kappa, dt, dW);
      } else if (x === Infinity || (x === -Infinity && kappa === 0)) {
        // ρ = ±1 is a fixed point (σ = 0 and, here, μ = 0).
      } else if (variant === 'hybrid' && kappa > 0 && x < ATANH_SWITCH) {
        x = Math.atanh(rhoStep(Math.tanh(x), kappa, dt, dW));
      } else {
        x = atanhDriftStep(x, kappa, dt) + dW;
      }
    }
    terminal[p] = inRho ? x : Math.tanh(x);
  }
  return { t, rho: rhoOut, terminal, summary: summarise(terminal), steps, dt };
}

/**
 * Paths of log(V_aa(t)/V_aa(0)) for the diagonal of the covariance SDE: d log V = −dt + √2 dB
 * (Li, Nica & Roy 2022; each Wishart step multiplies V_aa by χ²_n/n). The coefficients are
 * constant, so Euler–Maruyama is exact here: log V at the recorded times is a Gaussian random walk
 * with the law N(−t, 2t) at every t, whatever dt. Noise row 1 (independent of the correlation's).
 */
export function simulateLogVariancePaths(params: { T: number; paths: number; dt: number; seed: number; record?: number }): {
  t: number[];
  logV: Float32Array;
  terminal: Float64Array;
} {
  const record = params.record ?? 2;
  if (!(params.T > 0 && params.dt > 0 && params.dt <= params.T)) {
    throw new RangeError(`simulateLogVariancePaths: need T > 0 and 0 < dt ≤ T (got T = ${params.T}, dt = ${params.dt})`);
  }
  if (!(Number.isInteger(params.paths) && params.paths >= 1 && Number.isInteger(record) && record >= 2)) {
    throw new RangeError(`simulateLogVariancePaths: paths (${params.paths}) and record (${record}) must be integers ≥ 1 and ≥ 2`);
  }
  const steps = Math.max(1, Math.ceil(params.T / params.dt - 1e-9));
  const dt = params.T / steps;
  const sd = Math.sqrt(2 * dt);
  const at = recordSteps(steps, record);
  const noise = new NormalStream(params.seed, Domain.sdeNoise);
  const logV = new Float32Array(params.paths * record);
  const terminal = new Float64Array(params.paths);
  for (let p = 0; p < params.paths; p++) {
    let v = 0;
    let next = 0;
    for (let k = 0; ; k++) {
      while (next < record && at[next] === k) logV[p * record + next++] = v;
      if (k === steps) break;
      v += -dt + sd * noise.normal(p, k >>> 2, NOISE_ROW.logVariance, k & 3);
    }
    terminal[p] = v;
  }
  return { t: Array.from(at, (k) => (k / steps) * params.T), logV, terminal };
}
