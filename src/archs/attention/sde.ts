/**
 * Paths of the limiting covariance SDE of shaped attention ((S1)–(S3), coefficients.ts) by the
 * factored scheme of docs/shaped-transformer.md §4.3, which keeps V = F Fᵀ positive semi-definite
 * (plain Euler–Maruyama leaves the PSD cone near the lab's rank-2 start and diverges):
 *
 *   S = F Ξ' Fᵀ,   E = (γ²/(m τ₀)) √dt · S H,
 *   K = ½ c₁ I + (γ²/(m τ₀²)) d uᵀ,   c₁ = (γ² − γ⁴) tr(VHVH)/(m² τ₀²),
 *   F' = (I + E + K dt) F (a I + b √dt Ξ),   b = √(γ²(2 − γ²)/2),   a² = 1 − m b² dt,
 *
 * with Ξ, Ξ' m×m iid N(0, 1). Then E[V' − V] = b(V) dt + O(dt²) and Cov[V' − V] = Σ(V) dt + O(dt²):
 * the inner factor gives the value-weight noise γ²(2 − γ²)Σ_lin (a² + m b² dt = 1 keeps the mean),
 * E V + V Eᵀ the attention noise (S4), E V Eᵀ adds γ⁴ tr(VHVH) V/(m²τ₀²) dt to the mean (hence
 * γ² − γ⁴ in c₁), K V + V Kᵀ the rest of b(V). Weak order 1.
 *
 * Step-size check: each path is run at dt and at 2dt on the same Brownian path (the coarse
 * increment is (Ξ₁ + Ξ₂)/√2 of the two fine ones); fine − coarse estimates the bias of the fine run
 * and the result reports it beside the Monte Carlo SE.
 *
 * Stopping (§4.4): the drift is cubic in the scale of V, and a small fraction of paths explodes in
 * finite time (the paper's convergence is local, up to the exit from compact sets). Every path is
 * therefore stopped when max_a V_aa first reaches R (checked at the coarse steps), and ρ is read at
 * min(T, τ_R) — the finite networks are stopped the same way (runner.ts).
 *
 * Philox keys: domain sdeNoise, net = path, layer = fine step, row 0 (Ξ) and 1 (Ξ'), col = entry.
 */
import { inputGram } from '../../core/inputs.ts';
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { tokenCorrelation } from './model.ts';

export interface TokenSdeParams {
  readonly m: number;
  readonly gamma2: number;
  readonly tau0: number;
  readonly q1: number;
  readonly q2: number;
  readonly rho0: number;
  /** Horizon T = L/n. */
  readonly T: number;
  /** Fine step (T/dt and T/(2dt) must be integers). */
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

export interface TokenSdeResult {
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

export function tokenPairs(m: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) out.push([a, b]);
  return out;
}

/**
 * One factored step F ← (I + E + K h) F (a I + b √h Ξ) with the given Ξ, Ξ' (in place); `w` is six
 * m×m work arrays. Exported for the shaped Transformer block's SDE (archs/shapedtx/sde.ts).
 */
export function factoredStep(F: Float64Array, m: number, g2: number, tau0: number, h: number, xi: Float64Array, xiP: Float64Array, w: Float64Array[]): void {
  const [V, S, T1, T2, M] = w;
  const mm = m * m;
  const sq = Math.sqrt(h);
  // V = F Fᵀ
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * F[j * m + p];
    V[i * m + j] = s;
  }
  // S = F Ξ' Fᵀ
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * xiP[p * m + j];
    T1[i * m + j] = s;
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += T1[i * m + p] * F[j * m + p];
    S[i * m + j] = s;
  }
  // S H: subtract row means.
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < m; j++) r += S[i * m + j];
    r /= m;
    for (let j = 0; j < m; j++) S[i * m + j] -= r;
  }
  // u of (S2) and tr(VHVH) = Σ_ab V_ab² − (2/m) Σ_a r_a² + (Σ_ab V_ab)²/m², r_a = Σ_b V_ab
  // (coefficients.ts has the same quantities written out; allocation-free here: the hot loop).
  const u = w[5];
  let all = 0, tr = 0, sq2 = 0, rr = 0;
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < m; j++) {
      const x = V[i * m + j];
      r += x;
      sq2 += x * x;
    }
    u[i] = r; // row sum, for now
    rr += r * r;
    all += r;
    tr += V[i * m + i];
  }
  for (let i = 0; i < m; i++) u[i] = V[i * m + i] / 2 - u[i] / m + all / (m * m) - tr / (2 * m);
  const trVHVH = sq2 - (2 / m) * rr + (all * all) / (m * m);
  const c1 = ((g2 - g2 * g2) * trVHVH) / (m * m * tau0 * tau0);
  const eScale = (g2 / (m * tau0)) * sq;
  const kScale = g2 / (m * tau0 * tau0);
  // M = I + E + K h
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    M[i * m + j] = (i === j ? 1 + 0.5 * c1 * h : 0) + eScale * S[i * m + j] + kScale * h * V[i * m + i] * u[j];
  }
  // Inner factor N = a I + b √h Ξ (into T1), then F' = M F N.
  const b = Math.sqrt((g2 * (2 - g2)) / 2);
  const a = Math.sqrt(1 - m * b * b * h);
  for (let e = 0; e < mm; e++) T1[e] = b * sq * xi[e];
  for (let i = 0; i < m; i++) T1[i * m + i] += a;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * T1[p * m + j];
    T2[i * m + j] = s;
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += M[i * m + p] * T2[p * m + j];
    F[i * m + j] = s;
  }
}

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

export function simulateTokenSde(params: TokenSdeParams): TokenSdeResult {
  const { m, gamma2, tau0, T, dt, paths, stopAt } = params;
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
  const work = Array.from({ length: 6 }, () => new Float64Array(mm));
  const Ff = new Float64Array(mm);
  const Fc = new Float64Array(mm);
  const xi1 = new Float64Array(mm), xi2 = new Float64Array(mm), xp1 = new Float64Array(mm), xp2 = new Float64Array(mm);
  const xic = new Float64Array(mm), xpc = new Float64Array(mm);
  const r = new Float64Array(P);
  const logV00 = params.logV00 ? new Float64Array(paths) : undefined;
  const recordAt = params.recordAt ?? [];
  for (const it of recordAt) if (!(Number.isInteger(it) && it >= 0 && 2 * it <= steps)) throw new RangeError(`recordAt: ${it} double steps is outside 0..${steps / 2}`);
  const rho01At = recordAt.length > 0 ? recordAt.map(() => new Float64Array(paths)) : undefined;
  const pairsAt = params.meanPairsAt ?? [];
  for (const it of pairsAt) if (!(Number.isInteger(it) && it >= 0 && 2 * it <= steps)) throw new RangeError(`meanPairsAt: ${it} double steps is outside 0..${steps / 2}`);
  const meanPairsAt = pairsAt.length > 0 ? pairsAt.map(() => new Float64Array(paths)) : undefined;
  const nSample = Math.min(params.samplePaths ?? 0, paths);
  const every = Math.max(1, params.sampleEvery ?? 1);
  const sampleT: number[] = [];
  for (let it = 0; 2 * it <= steps; it += every) sampleT.push(2 * it * dt);
  const sample = nSample > 0 ? { t: sampleT, rho: Array.from({ length: nSample }, () => [] as number[]) } : undefined;
  const rho01 = (F: Float64Array) => {
    correlationsOf(F, m, pairs, r);
    return r[0];
  };
  const observe = (path: number, it: number, F: Float64Array) => {
    if (rho01At) recordAt.forEach((at, j) => { if (at === it) rho01At[j][path] = rho01(F); });
    if (sample && path < nSample && it % every === 0) sample.rho[path].push(rho01(F));
    if (meanPairsAt) {
      let first = true;
      pairsAt.forEach((at, j) => {
        if (at !== it) return;
        if (first) correlationsOf(F, m, pairs, r);
        first = false;
        let s = 0;
        for (let p = 0; p < P; p++) s += r[p];
        meanPairsAt[j][path] = s / P;
      });
    }
  };
  let stopped = 0;
  for (let path = 0; path < paths; path++) {
    Ff.set(F0);
    Fc.set(F0);
    let fineLive = maxDiagonal(Ff, m) < stopAt;
    let coarseLive = fineLive;
    observe(path, 0, Ff);
    let it = 0;
    for (let s = 0; s < steps && (fineLive || coarseLive || it < steps / 2); s += 2) {
      it = s / 2 + 1;
      if (!fineLive && !(withCoarse && coarseLive)) {
        // Stopped: the state is frozen; only the records of the later times remain to be written.
        observe(path, it, Ff);
        continue;
      }
      stream.row(path, s, 0, mm, xi1);
      stream.row(path, s, 1, mm, xp1);
      stream.row(path, s + 1, 0, mm, xi2);
      stream.row(path, s + 1, 1, mm, xp2);
      if (fineLive) {
        factoredStep(Ff, m, gamma2, tau0, dt, xi1, xp1, work);
        factoredStep(Ff, m, gamma2, tau0, dt, xi2, xp2, work);
        if (!(maxDiagonal(Ff, m) < stopAt)) fineLive = false;
      }
      if (withCoarse && coarseLive) {
        for (let e = 0; e < mm; e++) {
          xic[e] = (xi1[e] + xi2[e]) / Math.SQRT2;
          xpc[e] = (xp1[e] + xp2[e]) / Math.SQRT2;
        }
        factoredStep(Fc, m, gamma2, tau0, 2 * dt, xic, xpc, work);
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

/** ΔV = F'F'ᵀ − FFᵀ of one factored step from F with the given Ξ, Ξ' (for tests of the scheme). */
export function factoredStepForTest(F0: Float64Array, m: number, gamma2: number, tau0: number, h: number, xi: Float64Array, xiP: Float64Array): Float64Array {
  const F = Float64Array.from(F0);
  factoredStep(F, m, gamma2, tau0, h, xi, xiP, Array.from({ length: 6 }, () => new Float64Array(m * m)));
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * F[j * m + p] - F0[i * m + p] * F0[j * m + p];
    out[i * m + j] = s;
  }
  return out;
}
