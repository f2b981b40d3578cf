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
 * One network, stepped: `state[p]` is S_i(x_p) after `step` calls (i = 0 at construction).
 * `net` is the network index in the Philox key.
 */
export class CresnetStepper {
  readonly state: Float64Array[];
  private readonly phiS: Float64Array[];
  private readonly next: Float64Array[];
  private readonly incs: Float64Array[];
  private readonly A: Float64Array;
  private readonly b: Float64Array;
  private readonly fields: NormalStream;
  private readonly biases: NormalStream;
  private readonly scaleA: number;
  private readonly scaleB: number;
  private readonly d: number;
  /** Steps taken so far (the layer index of `state`). */
  i = 0;

  constructor(
    paths: readonly Path[],
    private readonly c: CresnetConfig,
    private readonly net: number,
  ) {
    const { n, L } = c;
    this.d = paths[0].d;
    this.incs = paths.map((x) => uniformIncrements(x, L));
    this.fields = new NormalStream(c.seed, Domain.cdeField);
    this.biases = new NormalStream(c.seed, Domain.cdeBias);
    const z = new Float64Array(n);
    new NormalStream(c.seed, Domain.cdeInit).row(net, 0, 0, n, z);
    const s0 = Math.sqrt(c.s02);
    this.state = paths.map(() => Float64Array.from(z, (v) => s0 * v));
    this.phiS = paths.map(() => new Float64Array(n));
    this.next = paths.map(() => new Float64Array(n));
    const dt = 1 / L;
    this.scaleA = c.share ? Math.sqrt(c.sa2 / n) : Math.sqrt(c.sa2 / (n * dt));
    this.scaleB = c.share ? Math.sqrt(c.sb2) : Math.sqrt(c.sb2 / dt);
    this.A = new Float64Array(this.d * n * n);
    this.b = new Float64Array(this.d * n);
    if (c.share) this.drawWeights(0);
  }

  private drawWeights(step: number): void {
    const { n } = this.c;
    for (let k = 0; k < this.d; k++) {
      const layer = this.c.share ? k : step * this.d + k;
      for (let r = 0; r < n; r++) this.fields.row(this.net, layer, r, n, this.A, (k * n + r) * n);
      if (this.c.sb2 > 0) this.biases.row(this.net, layer, 0, n, this.b, k * n);
    }
  }

  /** One Euler step S_i → S_{i+1} for every path. */
  step(): void {
    const { n } = this.c;
    const { d, A, b, scaleA, scaleB, state, phiS, next, incs } = this;
    const i = this.i;
    if (!this.c.share) this.drawWeights(i);
    const phi = this.c.act.phi;
    const P = state.length;
    for (let p = 0; p < P; p++) {
      const src = state[p];
      const v = phiS[p];
      for (let r = 0; r < n; r++) v[r] = phi(src[r]);
      next[p].set(src);
    }
    const withBias = this.c.sb2 > 0;
    for (let k = 0; k < d; k++) {
      for (let r = 0; r < n; r++) {
        const row = (k * n + r) * n;
        for (let p = 0; p < P; p++) {
          const dxk = incs[p][i * d + k];
          if (dxk === 0) continue;
          const v = phiS[p];
          let acc = 0;
          for (let col = 0; col < n; col++) acc += A[row + col] * v[col];
          next[p][r] += (scaleA * acc + (withBias ? scaleB * b[k * n + r] : 0)) * dxk;
        }
      }
    }
    for (let p = 0; p < P; p++) state[p].set(next[p]);
    this.i++;
  }

  /** The empirical Gram S_i(x_a)·S_i(x_b)/n (P×P, row-major). */
  gram(): Float64Array {
    const { n } = this.c;
    const P = this.state.length;
    const G = new Float64Array(P * P);
    for (let a = 0; a < P; a++) {
      for (let bb = a; bb < P; bb++) {
        let s = 0;
        const Sa = this.state[a];
        const Sb = this.state[bb];
        for (let r = 0; r < n; r++) s += Sa[r] * Sb[r];
        G[a * P + bb] = G[bb * P + a] = s / n;
      }
    }
    return G;
  }
}

/** One network's empirical Gram at every step: out[i][a·P + b] = S_i(x_a)·S_i(x_b)/n, i = 0..L. */
export function cresnetGramPath(paths: readonly Path[], c: CresnetConfig, net: number): Float64Array[] {
  const net0 = new CresnetStepper(paths, c, net);
  const out: Float64Array[] = [net0.gram()];
  for (let i = 0; i < c.L; i++) {
    net0.step();
    out.push(net0.gram());
  }
  return out;
}

/** Per-network final Grams (P×P each, row-major) for nets first..first+M−1. */
export function cresnetFinalGrams(paths: readonly Path[], c: CresnetConfig, M: number, first = 0): Float64Array[] {
  const out: Float64Array[] = [];
  for (let m = 0; m < M; m++) {
    const net = new CresnetStepper(paths, c, first + m);
    for (let i = 0; i < c.L; i++) net.step();
    out.push(net.gram());
  }
  return out;
}
