/**
 * Finite controlled ResNets on the CPU, every weight drawn (Muça Cirone, Lemercier & Salvi 2023,
 * §2, eq. (3); the Euler scheme of the neural CDE dS = Σ_k (A_k φ(S) + b_k) dx^k):
 *
 *   S_0 = σ0 z,  S_{i+1} = S_i + Σ_{k=1}^d (A_k^{(i)} φ(S_i) + b_k^{(i)}) Δx_i^k,  i = 0..L−1,
 *
 * on the uniform partition t_i = i/L of [0, 1] (Δx_i = x(t_{i+1}) − x(t_i)), width n, z ~ N(0, I_n)
 * (one draw per network, shared by every input path). Weights:
 *   shared (homogeneous): A_k^{(i)} = A_k, entries N(0, σA²/n); b_k^{(i)} = b_k, entries N(0, σb²);
 *   unshared (inhomogeneous): fresh per step, entries N(0, σA²/(n Δt)) and N(0, σb²/Δt), Δt = 1/L
 *     (the paper's scaling for this case: without the 1/Δt the increments' variance vanishes
 *     like Σ|Δx_i|² → 0 for paths of bounded variation).
 * The empirical kernel of paths a, b is K̂_ab = S_L(x_a)·S_L(x_b)/n (the readout ⟨ψ, S_L⟩ with
 * ψ ~ N(0, I/n) has exactly this conditional covariance).
 *
 * Draws (DESIGN.md §4): z row (net, 0, 0); row r of A_k at (net, layer, r) with layer = k (shared)
 * or i·d + k (unshared), domain cdeField; b_k at (net, layer, 0), domain cdeBias. So a width-n
 * network is the top-left block of the width-2n one, and CPU and GPU may draw the same numbers.
 */
import type { Activation } from '../../core/activations.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { uniformIncrements, type Path } from '../../core/paths.ts';

export interface CresnetConfig {
  readonly n: number;
  readonly L: number;
  readonly s02: number;
  readonly sa2: number;
  readonly sb2: number;
  readonly share: boolean;
  readonly act: Activation;
  readonly seed: number;
}

/**
 * One network's empirical Gram at every step: out[i][a·P + b] = S_i(x_a)·S_i(x_b)/n, i = 0..L.
 * `net` is the network index in the Philox key.
 */
export function cresnetGramPath(paths: readonly Path[], c: CresnetConfig, net: number): Float64Array[] {
  const { n, L } = c;
  const P = paths.length;
  const d = paths[0].d;
  const incs = paths.map((x) => uniformIncrements(x, L));
  const fields = new NormalStream(c.seed, Domain.cdeField);
  const biases = new NormalStream(c.seed, Domain.cdeBias);
  const z = new Float64Array(n);
  new NormalStream(c.seed, Domain.cdeInit).row(net, 0, 0, n, z);
  const s0 = Math.sqrt(c.s02);
  const S = paths.map(() => Float64Array.from(z, (v) => s0 * v));
  const phiS = paths.map(() => new Float64Array(n));
  const next = paths.map(() => new Float64Array(n));
  const dt = 1 / L;
  const scaleA = c.share ? Math.sqrt(c.sa2 / n) : Math.sqrt(c.sa2 / (n * dt));
  const scaleB = c.share ? Math.sqrt(c.sb2) : Math.sqrt(c.sb2 / dt);
  const A = new Float64Array(d * n * n);
  const b = new Float64Array(d * n);
  const drawWeights = (step: number) => {
    for (let k = 0; k < d; k++) {
      const layer = c.share ? k : step * d + k;
      for (let r = 0; r < n; r++) fields.row(net, layer, r, n, A, (k * n + r) * n);
      if (c.sb2 > 0) biases.row(net, layer, 0, n, b, k * n);
    }
  };
  if (c.share) drawWeights(0);
  const gram = (): Float64Array => {
    const G = new Float64Array(P * P);
    for (let a = 0; a < P; a++) {
      for (let bb = a; bb < P; bb++) {
        let s = 0;
        const Sa = S[a];
        const Sb = S[bb];
        for (let r = 0; r < n; r++) s += Sa[r] * Sb[r];
        G[a * P + bb] = G[bb * P + a] = s / n;
      }
    }
    return G;
  };
  const out: Float64Array[] = [gram()];
  const phi = c.act.phi;
  for (let i = 0; i < L; i++) {
    if (!c.share) drawWeights(i);
    for (let p = 0; p < P; p++) {
      const src = S[p];
      const v = phiS[p];
      for (let r = 0; r < n; r++) v[r] = phi(src[r]);
      next[p].set(src);
    }
    for (let k = 0; k < d; k++) {
      for (let r = 0; r < n; r++) {
        const row = (k * n + r) * n;
        for (let p = 0; p < P; p++) {
          const dxk = incs[p][i * d + k];
          if (dxk === 0) continue;
          const v = phiS[p];
          let acc = 0;
          for (let col = 0; col < n; col++) acc += A[row + col] * v[col];
          next[p][r] += (scaleA * acc + (c.sb2 > 0 ? scaleB * b[k * n + r] : 0)) * dxk;
        }
      }
    }
    for (let p = 0; p < P; p++) S[p].set(next[p]);
    out.push(gram());
  }
  return out;
}

/** Per-network final Grams (P×P each, row-major) for nets first..first+M−1. */
export function cresnetFinalGrams(paths: readonly Path[], c: CresnetConfig, M: number, first = 0): Float64Array[] {
  const out: Float64Array[] = [];
  for (let m = 0; m < M; m++) {
    const series = cresnetGramPath(paths, c, first + m);
    out.push(series[series.length - 1]);
  }
  return out;
}
