/**
 * The SimBackend interface: what every Monte Carlo backend (cpu, webgpu) implements and what the
 * conformance suite (conformance.ts) checks. A backend turns a SimJob into per-network empirical
 * kernels; statistics, theory and plotting happen elsewhere.
 *
 * The networks (DESIGN.md §1, L counts weight matrices, inputs x_a ∈ R^d with d = 1024, built by
 * core/inputs.ts so that x_a·x_b/d is the input Gram matrix):
 *   mlp:    z¹ = σw W¹x/√d + σb b¹,            z^{l+1} = σw W^{l+1} φ(z^l)/√n + σb b^{l+1}
 *   resnet: Y⁰ = W⁰x/√d,                        Y^l = Y^{l−1} + L^{−α}(σw W^l φ(Y^{l−1})/√n + σb b^l)
 *   shaped: z¹ as mlp,                          z^{l+1} = √(c/n) W^{l+1} φ_s(z^l), c = 2/(s₊² + s₋²)
 * explicit: every W entry is NormalStream(seed, Domain.weight).normal(net, l, row, col) (W⁰ of the
 *   resnet uses Domain.inputWeight; biases Domain.bias at col 0), never stored. Other weight laws:
 *   cpu/weightRows.ts (orthogonal weights are products of Householder reflectors of Gaussian
 *   vectors, applied without forming W; keyed by reflector index in the row slot).
 * gram: given layer l, the rows of the next pre-activation (mlp/shaped) or of the residual increment
 *   (resnet) are iid N(0, G), G = (σw²/n) φ(Z)ᵀφ(Z) + σb² (exact for fresh Gaussian weights);
 *   row i is C·ξ_i with C the lower Cholesky factor of G (zero columns where a pivot vanishes,
 *   which is exact for a PSD G of lower rank) and ξ_i[a] = NormalStream(seed, Domain.gramRow)
 *   .normal(net, l, 0, i·k + a): the layer's n·k draws are one flat stream, so every Philox call
 *   serves four draws (two rows when k = 2) and rows 0..n−1 are a prefix of rows 0..2n−1.
 *   Layer 1 of mlp/shaped uses G¹ = σw² X + σb², resnet Y⁰ uses G⁰ = X.
 */
import type { Spec } from '../core/spec.ts';

export interface SimJob {
  /** A validated spec: arch, act, n, L, sw2, sb2, alpha, q1, q2, rho0, k, seed, method, weights, cp, cm. */
  readonly spec: Spec;
  /** Networks [netStart, netStart + netCount) — the network index keys its randomness. */
  readonly netStart: number;
  readonly netCount: number;
  /** Layers to record, strictly increasing; mlp/shaped: 1..L, resnet: 0..L. */
  readonly recordLayers: readonly number[];
  /** Also record the post-activation kernel (1/n) φ(Z)ᵀφ(Z) at the same layers. */
  readonly recordPhi?: boolean;
}

/** Number of entries of the upper triangle of a k×k matrix: (0,0), (0,1), …, (0,k−1), (1,1), … */
export function pairCount(k: number): number {
  return (k * (k + 1)) / 2;
}

/** Index of entry (a, b), a ≤ b, in the packed upper triangle. */
export function pairIndex(k: number, a: number, b: number): number {
  return a * k - (a * (a - 1)) / 2 + (b - a);
}

export interface KernelBlock {
  readonly netStart: number;
  readonly netCount: number;
  readonly k: number;
  readonly recordLayers: readonly number[];
  /** K̂^l = (1/n) Σ_i z_i z_iᵀ per network and recorded layer: [net][layerIndex][pair]. */
  readonly z: Float64Array;
  /** (1/n) Σ_i φ(z_i)φ(z_i)ᵀ in the same layout, when the job asked for it. */
  readonly phi?: Float64Array;
  /**
   * Networks of this block per backend that ran them, when more than one did (the device-loss
   * fallback: the GPU's part, then the CPU's). Absent: all ran on the backend that returned it.
   */
  readonly networksOn?: NetworkCounts;
  /** The float format the kernels were computed in (default f64); f32 on the GPU. */
  readonly format?: 'f64' | 'f32';
  /** Bound on the rounding of ρ̂ beyond ±1 (mcAccumulator.ts F64_RHO_ROUNDOFF when absent). */
  readonly roundoff?: number;
}

/** Networks per backend name (issue 20 §4: a result says where its networks ran). */
export type NetworkCounts = Readonly<Partial<Record<BackendInfo['name'], number>>>;

export interface NormalRequest {
  readonly seed: number;
  readonly domain: number;
  readonly net: number;
  readonly layer: number;
  readonly rows: number;
  readonly cols: number;
}

export interface BackendInfo {
  readonly name: 'cpu' | 'webgpu';
  /** What actually ran: 'JavaScript (f64)', or the adapter's vendor/architecture/description. */
  readonly adapter: string;
  /** Why this backend was chosen, or why a preferred one was not (e.g. "no WebGPU adapter"). */
  readonly note?: string;
}

export interface SimBackend {
  readonly info: BackendInfo;
  /** Jobs it runs at once (a pool of CPU workers: one per worker); absent means 1. */
  readonly concurrency?: number;
  /** undefined when the backend can run this job, else the reason it cannot (the runner then uses the CPU and says why). */
  supports(job: SimJob): string | undefined;
  /** Simulate the job's networks. Rejects with an AbortError when `signal` aborts. */
  simulate(job: SimJob, signal?: AbortSignal): Promise<KernelBlock>;
  /** The raw N(0,1) draws at (seed, domain, net, layer, row 0..rows−1, col 0..cols−1), row-major. */
  normals(req: NormalRequest): Promise<Float64Array>;
  /** φ and φ' of an activation at the given points (checks the WGSL library against the registry). */
  activation(actId: string, xs: Float64Array): Promise<{ phi: Float64Array; dphi: Float64Array }>;
  dispose(): void;
}

export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError();
}
