/**
 * Paths of the shaped Transformer block's covariance SDE (docs/shaped-transformer.md §3, (B3)):
 *
 *   dV = [ b(V) + γ₂² b_mlp(V) ] dt + [ Σ(V) + 2γ₂² Σ_lin(V) ]^{1/2} dB,
 *   b_mlp(V)_αβ = ν(ρ_αβ) √(V_αα V_ββ),  ν(ρ) = (c₊ − c₋)²/(2π) (√(1 − ρ²) − ρ arccos ρ),
 *
 * with b, Σ of the attention sublayer ((S2), (S3) at γ = γ₁). One step of size h is the two
 * sublayers in turn (a Lie splitting, weak order 1 like each factor):
 *   1. attention: shapedattn's factored step (archs/attention/sde.ts `factoredStep`, γ₁², τ₀):
 *      E[ΔV] = b(V) h, Cov[ΔV] = Σ(V) h, V stays PSD;
 *   2. MLP: F ← F (a₂ I + γ₂ √h Ξ₂), a₂² = 1 − m γ₂² h — mean-preserving, covariance 2γ₂² Σ_lin h
 *      (the inner factor of §4.3 with b² = γ₂²); then V ← F Fᵀ + γ₂² b_mlp(V) h with b_mlp at the
 *      V before this sublayer, and F ← a Cholesky factor of V (core/linalg.ts psdCholesky).
 * Step 2's drift needs no V⁻¹: b_mlp is added to V, not to F. It pushes a singular V (the lab's
 * rank-2 start for m ≥ 3) into the interior: for Vw = 0, wᵀ b_mlp w ≥ 0 (the limit of
 * wᵀ c E[φ_s(h)φ_s(h)ᵀ] w ≥ 0), so V stays PSD up to rounding (psdCholesky drops pivots below its
 * tolerance).
 *
 * As for shaped attention (§4.4) the attention drift is cubic and a few paths explode: every path is
 * stopped when max_a V_aa first reaches R (checked every double step) and ρ is read at min(T, τ_R).
 * Step-size check: each path also runs at 2h on the same Brownian path (increments (Ξ₁ + Ξ₂)/√2).
 *
 * Philox keys: domain sdeNoise, net = path, layer = fine step, rows 0 (Ξ), 1 (Ξ') as shapedattn's
 * SDE, row 2 (Ξ₂, the MLP noise).
 */
import { inputGram } from '../../core/inputs.ts';
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { shapingDrift, shapingStrength } from '../../theory/covarianceSde/coefficients.ts';
import { tokenCorrelation } from '../attention/model.ts';
import { factoredStep, maxDiagonal, tokenPairs } from '../attention/sde.ts';

export interface BlockSdeParams {
  readonly m: number;
  /** γ₁² (attention sublayer), τ₀, γ₂² (MLP sublayer), c±. */
  readonly gamma2: number;
  readonly tau0: number;
  readonly gamma2m: number;
  readonly cp: number;
  readonly cm: number;
  readonly q1: number;
  readonly q2: number;
  readonly rho0: number;
  readonly T: number;
  /** Fine step (T/dt an even integer). */
  readonly dt: number;
  readonly paths: number;
  readonly seed: number;
  readonly stopAt: number;
  /** Also run 2dt on the same Brownian paths (default true). */
  readonly coarse?: boolean;
  /** Also return log(V₀₀/V₀₀(0)) at min(T, τ_R). */
  readonly logV00?: boolean;
  /** Also return the stopped ρ₀₁ of every path after these numbers of double steps (time 2·i·dt). */
  readonly recordAt?: readonly number[];
  /** Also return the ρ₀₁ paths of the first `samplePaths` paths, every `sampleEvery` double steps. */
  readonly samplePaths?: number;
  readonly sampleEvery?: number;
}

export interface BlockSdeResult {
  readonly pairs: ReadonlyArray<readonly [number, number]>;
  /** rho[p][path]: ρ of pair p at min(T, τ_R), fine step. */
  readonly rho: Float64Array[];
  readonly rhoCoarse?: Float64Array[];
  readonly stopped: number;
  readonly paths: number;
  readonly logV00?: Float64Array;
  /** rho01At[j][path]: stopped ρ₀₁ after recordAt[j] double steps (when asked). */
  readonly rho01At?: Float64Array[];
  readonly sample?: { readonly t: number[]; readonly rho: number[][] };
}

/** Work arrays of `blockStep`. */
function blockWork(m: number): Float64Array[] {
  return Array.from({ length: 9 }, () => new Float64Array(m * m));
}

/** γ₂² b_mlp(V)_αβ = γ₂² ν(ρ_αβ) √(V_αα V_ββ) (zero on the diagonal: ν(1) = 0), into D. */
export function mlpDrift(V: Float64Array, m: number, gamma2m: number, kappa: number, D: Float64Array): Float64Array {
  for (let a = 0; a < m; a++) {
    D[a * m + a] = 0;
    for (let b = a + 1; b < m; b++) {
      const s = Math.sqrt(V[a * m + a] * V[b * m + b]);
      const v = s > 0 ? gamma2m * shapingDrift(V[a * m + b] / s, kappa) * s : 0;
      D[a * m + b] = v;
      D[b * m + a] = v;
    }
  }
  return D;
}

/** One block step of size h from F (in place): attention factored step, then the MLP sublayer. */
export function blockStep(F: Float64Array, p: Pick<BlockSdeParams, 'm' | 'gamma2' | 'tau0' | 'gamma2m'>, kappa: number, h: number, xi: Float64Array, xiP: Float64Array, xi2: Float64Array, w: Float64Array[]): void {
  const { m, gamma2m } = p;
  const mm = m * m;
  factoredStep(F, m, p.gamma2, p.tau0, h, xi, xiP, w);
  const [V, D, N, G] = w.slice(5);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += F[i * m + q] * F[j * m + q];
    V[i * m + j] = s;
  }
  mlpDrift(V, m, gamma2m, kappa, D);
  const b = Math.sqrt(gamma2m);
  const a = Math.sqrt(1 - m * gamma2m * h);
  const sq = Math.sqrt(h);
  for (let e = 0; e < mm; e++) N[e] = b * sq * xi2[e];
  for (let i = 0; i < m; i++) N[i * m + i] += a;
  // G = F N, V = G Gᵀ + D h.
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += F[i * m + q] * N[q * m + j];
    G[i * m + j] = s;
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += G[i * m + q] * G[j * m + q];
    V[i * m + j] = s + D[i * m + j] * h;
  }
  psdCholesky(V, m, F);
}

function correlationsOf(F: Float64Array, m: number, pairs: ReadonlyArray<readonly [number, number]>, out: Float64Array): void {
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += F[i * m + q] * F[j * m + q];
    V[i * m + j] = s;
  }
  pairs.forEach(([a, b], p) => (out[p] = tokenCorrelation(V, m, a, b)));
}

export function simulateBlockSde(params: BlockSdeParams): BlockSdeResult {
  const { m, T, dt, paths, stopAt } = params;
  const steps = Math.round(T / dt);
  if (!(Math.abs(steps * dt - T) < 1e-9 * Math.max(1, T)) || steps % 2 !== 0) {
    throw new RangeError(`T/dt must be an even integer (the coarse step is 2dt); got T = ${T}, dt = ${dt}`);
  }
  if (!(m * params.gamma2m * 2 * dt < 1)) throw new RangeError(`dt = ${dt} is too large for the MLP noise factor: need 2·m·γ₂²·dt < 1`);
  const kappa = shapingStrength(params.cp, params.cm);
  const withCoarse = params.coarse !== false;
  const pairs = tokenPairs(m);
  const P = pairs.length;
  const mm = m * m;
  const K0 = inputGram({ q1: params.q1, q2: params.q2, rho0: params.rho0, k: m });
  const F0 = psdCholesky(K0, m, new Float64Array(mm));
  const stream = new NormalStream(params.seed, Domain.sdeNoise);
  const rho = Array.from({ length: P }, () => new Float64Array(paths));
  const rhoCoarse = withCoarse ? Array.from({ length: P }, () => new Float64Array(paths)) : undefined;
  const work = blockWork(m);
  const Ff = new Float64Array(mm);
  const Fc = new Float64Array(mm);
  const z = Array.from({ length: 9 }, () => new Float64Array(mm));
  const [xi1, xp1, xq1, xi2, xp2, xq2, xic, xpc, xqc] = z;
  const r = new Float64Array(P);
  const logV00 = params.logV00 ? new Float64Array(paths) : undefined;
  const nSample = Math.min(params.samplePaths ?? 0, paths);
  const every = Math.max(1, params.sampleEvery ?? 1);
  const sampleT: number[] = [];
  for (let it = 0; 2 * it <= steps; it += every) sampleT.push(2 * it * dt);
  const sample = nSample > 0 ? { t: sampleT, rho: Array.from({ length: nSample }, () => [] as number[]) } : undefined;
  const recordAt = params.recordAt ?? [];
  for (const it of recordAt) if (!(Number.isInteger(it) && it >= 0 && 2 * it <= steps)) throw new RangeError(`recordAt: ${it} double steps is outside 0..${steps / 2}`);
  const rho01At = recordAt.length > 0 ? recordAt.map(() => new Float64Array(paths)) : undefined;
  const observe = (path: number, it: number, F: Float64Array) => {
    const wantSample = sample && path < nSample && it % every === 0;
    if (!wantSample && !(rho01At && recordAt.includes(it))) return;
    correlationsOf(F, m, pairs, r);
    if (wantSample) sample.rho[path].push(r[0]);
    if (rho01At) recordAt.forEach((at, j) => { if (at === it) rho01At[j][path] = r[0]; });
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
        // Stopped: the state is frozen; only the records of later times remain to be written.
        if ((!sample || path >= nSample) && !rho01At) break;
        observe(path, it, Ff);
        continue;
      }
      stream.row(path, s, 0, mm, xi1);
      stream.row(path, s, 1, mm, xp1);
      stream.row(path, s, 2, mm, xq1);
      stream.row(path, s + 1, 0, mm, xi2);
      stream.row(path, s + 1, 1, mm, xp2);
      stream.row(path, s + 1, 2, mm, xq2);
      if (fineLive) {
        blockStep(Ff, params, kappa, dt, xi1, xp1, xq1, work);
        blockStep(Ff, params, kappa, dt, xi2, xp2, xq2, work);
        if (!(maxDiagonal(Ff, m) < stopAt)) fineLive = false;
      }
      if (withCoarse && coarseLive) {
        for (let e = 0; e < mm; e++) {
          xic[e] = (xi1[e] + xi2[e]) / Math.SQRT2;
          xpc[e] = (xp1[e] + xp2[e]) / Math.SQRT2;
          xqc[e] = (xq1[e] + xq2[e]) / Math.SQRT2;
        }
        blockStep(Fc, params, kappa, 2 * dt, xic, xpc, xqc, work);
        if (!(maxDiagonal(Fc, m) < stopAt)) coarseLive = false;
      }
      observe(path, it, Ff);
    }
    if (!fineLive) stopped++;
    if (logV00) {
      let v = 0;
      for (let q = 0; q < m; q++) v += Ff[q] * Ff[q];
      logV00[path] = Math.log(v / K0[0]);
    }
    correlationsOf(Ff, m, pairs, r);
    for (let p = 0; p < P; p++) rho[p][path] = r[p];
    if (rhoCoarse) {
      correlationsOf(Fc, m, pairs, r);
      for (let p = 0; p < P; p++) rhoCoarse[p][path] = r[p];
    }
  }
  return { pairs, rho, rhoCoarse, stopped, paths, logV00, rho01At, sample };
}
