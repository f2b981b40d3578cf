/**
 * The path driver shared by the token-covariance SDEs of shaped attention (archs/attention/sde.ts)
 * and of the shaped Transformer block (archs/shapedtx/sde.ts): both evolve a factor F of the m×m
 * token covariance V = F Fᵀ by a step F ← step(F, h, Ξ) that needs a few m×m standard normal
 * matrices Ξ per step; everything else is the same and lives here:
 *
 * - the start F₀ = chol(K₀) of the lab's input Gram (q1, q2, ρ₀);
 * - the step-size check: each path also runs at 2dt on the same Brownian path (the coarse increment
 *   is (Ξ₁ + Ξ₂)/√2 of the two fine ones), and fine − coarse estimates the fine run's bias;
 * - stopping (docs/shaped-transformer.md §4.4): a path stops when max_a V_aa first reaches R
 *   (checked at the coarse steps) and ρ is read at min(T, τ_R);
 * - the records: ρ of every pair at the end, log(V₀₀/V₀₀(0)), ρ₀₁ and the mean token correlation at
 *   chosen times, sample paths of ρ₀₁.
 *
 * Philox keys: domain sdeNoise, net = path, layer = fine step, row r = the step's r-th noise matrix,
 * col = entry.
 */
import { inputGram } from '../../core/inputs.ts';
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { tokenCorrelation } from './model.ts';

/** What both SDEs take besides their own coefficients. */
export interface TokenPathParams {
  readonly m: number;
  readonly q1: number;
  readonly q2: number;
  readonly rho0: number;
  /** Horizon T = L/n. */
  readonly T: number;
  /** Fine step (T/dt an even integer: the coarse step is 2dt). */
  readonly dt: number;
  readonly paths: number;
  readonly seed: number;
  /** Stopping level R (> max(q1, q2)). */
  readonly stopAt: number;
  /** Also run the coarse step 2dt on the same Brownian paths (default true). */
  readonly coarse?: boolean;
  /** Also return log(V₀₀/V₀₀(0)) at min(T, τ_R) (fine step). */
  readonly logV00?: boolean;
  /**
   * Also return the stopped ρ₀₁ of every path after these numbers of double steps (time 2·i·dt, the
   * times where stopping is checked), e.g. the times T_n = L/n of a convergence panel.
   */
  readonly recordAt?: readonly number[];
  /**
   * Also return the stopped mean token correlation ρ̄ = mean over pairs a < b of ρ_ab of every path
   * after these numbers of double steps (the comparison view's depth profile, collapse.ts).
   */
  readonly meanPairsAt?: readonly number[];
  /** Also return the ρ₀₁ paths of the first `samplePaths` paths, every `sampleEvery` double steps. */
  readonly samplePaths?: number;
  readonly sampleEvery?: number;
}

export interface TokenPathResult {
  /** Pairs (a, b), a < b, in the order of the columns below. */
  readonly pairs: ReadonlyArray<readonly [number, number]>;
  /** rho[p][path]: ρ of pair p at min(T, τ_R), fine step. */
  readonly rho: Float64Array[];
  /** The same at the coarse step 2dt (absent when coarse = false). */
  readonly rhoCoarse?: Float64Array[];
  /** Paths stopped at R before T (fine step). */
  readonly stopped: number;
  readonly paths: number;
  /** log(V₀₀/V₀₀(0)) per path at min(T, τ_R) (when asked). */
  readonly logV00?: Float64Array;
  /** rho01At[j][path]: stopped ρ₀₁ after recordAt[j] double steps (when asked). */
  readonly rho01At?: Float64Array[];
  /** meanPairsAt[j][path]: stopped ρ̄ after meanPairsAt[j] double steps (when asked). */
  readonly meanPairsAt?: Float64Array[];
  /** Sample paths of ρ₀₁: times t and one array per path (when asked). */
  readonly sample?: { readonly t: number[]; readonly rho: number[][] };
}

/**
 * One step of size h from F (in place), given `noises` m×m standard normal matrices (row r of the
 * step's Philox keys is noise[r]).
 */
export type FactorStep = (F: Float64Array, h: number, noise: readonly Float64Array[]) => void;

export function tokenPairs(m: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) out.push([a, b]);
  return out;
}

/** max_a V_aa of V = F Fᵀ (+∞ when not finite). */
export function maxDiagonal(F: Float64Array, m: number): number {
  let mx = -Infinity;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * F[i * m + p];
    mx = Math.max(mx, s);
  }
  return Number.isFinite(mx) ? mx : Infinity;
}

function correlationsOf(F: Float64Array, m: number, pairs: ReadonlyArray<readonly [number, number]>, out: Float64Array): void {
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * F[j * m + p];
    V[i * m + j] = s;
  }
  pairs.forEach(([a, b], p) => (out[p] = tokenCorrelation(V, m, a, b)));
}

function checkTimes(name: string, times: readonly number[], steps: number): void {
  for (const it of times) if (!(Number.isInteger(it) && it >= 0 && 2 * it <= steps)) throw new RangeError(`${name}: ${it} double steps is outside 0..${steps / 2}`);
}

/** Runs `params.paths` paths of the SDE whose step is `step`, with `noises` normal matrices per step. */
export function simulateTokenPaths(params: TokenPathParams, noises: number, step: FactorStep): TokenPathResult {
  const { m, T, dt, paths, stopAt } = params;
  const steps = Math.round(T / dt);
  if (!(Math.abs(steps * dt - T) < 1e-9 * Math.max(1, T)) || steps % 2 !== 0) {
    throw new RangeError(`T/dt must be an even integer (the coarse step is 2dt); got T = ${T}, dt = ${dt}`);
  }
  const withCoarse = params.coarse !== false;
  const pairs = tokenPairs(m);
  const P = pairs.length;
  const mm = m * m;
  const K0 = inputGram({ q1: params.q1, q2: params.q2, rho0: params.rho0, k: m });
  const F0 = psdCholesky(K0, m, new Float64Array(mm));
  const stream = new NormalStream(params.seed, Domain.sdeNoise);
  const rho = Array.from({ length: P }, () => new Float64Array(paths));
  const rhoCoarse = withCoarse ? Array.from({ length: P }, () => new Float64Array(paths)) : undefined;
  const Ff = new Float64Array(mm);
  const Fc = new Float64Array(mm);
  const matrices = () => Array.from({ length: noises }, () => new Float64Array(mm));
  const [first, second, coarse] = [matrices(), matrices(), matrices()];
  const r = new Float64Array(P);
  const logV00 = params.logV00 ? new Float64Array(paths) : undefined;
  const recordAt = params.recordAt ?? [];
  checkTimes('recordAt', recordAt, steps);
  const rho01At = recordAt.length > 0 ? recordAt.map(() => new Float64Array(paths)) : undefined;
  const pairsAt = params.meanPairsAt ?? [];
  checkTimes('meanPairsAt', pairsAt, steps);
  const meanPairsAt = pairsAt.length > 0 ? pairsAt.map(() => new Float64Array(paths)) : undefined;
  const nSample = Math.min(params.samplePaths ?? 0, paths);
  const every = Math.max(1, params.sampleEvery ?? 1);
  const sampleT: number[] = [];
  for (let it = 0; 2 * it <= steps; it += every) sampleT.push(2 * it * dt);
  const sample = nSample > 0 ? { t: sampleT, rho: Array.from({ length: nSample }, () => [] as number[]) } : undefined;
  /** Whether anything is recorded along this path (else a stopped path ends at once). */
  const recordsAlong = (path: number) => (sample !== undefined && path < nSample) || rho01At !== undefined || meanPairsAt !== undefined;
  const observe = (path: number, it: number, F: Float64Array) => {
    const wantSample = sample !== undefined && path < nSample && it % every === 0;
    if (!wantSample && !recordAt.includes(it) && !pairsAt.includes(it)) return;
    correlationsOf(F, m, pairs, r);
    if (wantSample) sample.rho[path].push(r[0]);
    if (rho01At) recordAt.forEach((at, j) => { if (at === it) rho01At[j][path] = r[0]; });
    if (meanPairsAt) {
      let s = 0;
      for (let p = 0; p < P; p++) s += r[p];
      pairsAt.forEach((at, j) => { if (at === it) meanPairsAt[j][path] = s / P; });
    }
  };
  let stopped = 0;
  for (let path = 0; path < paths; path++) {
    Ff.set(F0);
    Fc.set(F0);
    let fineLive = maxDiagonal(Ff, m) < stopAt;
    let coarseLive = fineLive;
    observe(path, 0, Ff);
    for (let s = 0; s < steps; s += 2) {
      const it = s / 2 + 1;
      if (!fineLive && !(withCoarse && coarseLive)) {
        // Stopped: the state is frozen; only the records of the later times remain to be written.
        if (!recordsAlong(path)) break;
        observe(path, it, Ff);
        continue;
      }
      for (let q = 0; q < noises; q++) {
        stream.row(path, s, q, mm, first[q]);
        stream.row(path, s + 1, q, mm, second[q]);
      }
      if (fineLive) {
        step(Ff, dt, first);
        step(Ff, dt, second);
        if (!(maxDiagonal(Ff, m) < stopAt)) fineLive = false;
      }
      if (withCoarse && coarseLive) {
        for (let q = 0; q < noises; q++) {
          const [x1, x2, xc] = [first[q], second[q], coarse[q]];
          for (let e = 0; e < mm; e++) xc[e] = (x1[e] + x2[e]) / Math.SQRT2;
        }
        step(Fc, 2 * dt, coarse);
        if (!(maxDiagonal(Fc, m) < stopAt)) coarseLive = false;
      }
      observe(path, it, Ff);
    }
    if (!fineLive) stopped++;
    if (logV00) {
      let v = 0;
      for (let p = 0; p < m; p++) v += Ff[p] * Ff[p];
      logV00[path] = Math.log(v / K0[0]);
    }
    correlationsOf(Ff, m, pairs, r);
    for (let p = 0; p < P; p++) rho[p][path] = r[p];
    if (rhoCoarse) {
      correlationsOf(Fc, m, pairs, r);
      for (let p = 0; p < P; p++) rhoCoarse[p][path] = r[p];
    }
  }
  return { pairs, rho, rhoCoarse, stopped, paths, logV00, rho01At, meanPairsAt, sample };
}
