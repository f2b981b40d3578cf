/**
 * Collects per-network empirical kernels as chunks arrive and summarises them per layer
 * (DESIGN.md §3: mean, sd, p05…p95 of ρ̂, q̂11, q̂12, q̂22; log-moments of the diagonal over live
 * networks). Networks arrive in index order, so a partial summary covers networks 0..count−1 and
 * the final one is independent of the chunking.
 */
import { pairIndex, type KernelBlock } from '../backends/types.ts';
import { faultMessage, type Fault } from './faults.ts';
import type { McBlock, Quantiles } from './result.ts';
import { logMoments, summarise } from '../core/stats.ts';

export interface LayerSamples {
  readonly layer: number;
  readonly q11: Float64Array;
  readonly q12: Float64Array;
  readonly q22: Float64Array;
  readonly rho: Float64Array;
}

function emptyQuantiles(): Quantiles {
  return { mean: [], sd: [], p05: [], p25: [], p50: [], p75: [], p95: [] };
}

/** Values that are finite (ρ̂ is undefined on a dead network, where q̂ = 0). */
function finite(values: Float64Array): Float64Array {
  let all = true;
  for (const v of values) if (!Number.isFinite(v)) all = false;
  return all ? values : values.filter(Number.isFinite);
}

/**
 * How far rounding can push a computed ρ̂ = K̂12/(√K̂11·√K̂22) beyond ±1 (Cauchy–Schwarz holds for
 * the exact sums): each K̂ is a sum of n products, whose relative error is at most γ_n ≈ n·u
 * (Higham 2002, §4.2), so |ρ̂| ≤ 1 + (n + 2)·u. f64 blocks: u = 2^−53 and n ≤ 65536 (MAX_WIDTH)
 * give 1.5e−11; f32 blocks (the GPU) state their own bound (KernelBlock.roundoff). Only excesses
 * within the bound are clamped to ±1; a larger one is kept as it is (it would be a bug to see).
 */
export const F64_RHO_ROUNDOFF = 2 ** 17 * 2 ** -53;

/** ρ̂ of one network: the product of roots (K̂11·K̂22 overflows at 1.3e154), clamped only within rounding. */
export function empiricalCorrelation(q11: number, q12: number, q22: number, roundoff: number): number {
  const r = q12 / (Math.sqrt(q11) * Math.sqrt(q22));
  return Math.abs(r) > 1 && Math.abs(r) <= 1 + roundoff ? Math.sign(r) : r;
}

/** Below this a network's q̂ is at the bottom of its float's range: a next-layer 0 is an underflow. */
const TINY = { f64: 1e-290, f32: 1e-30 } as const;
/** Above this it is at the top (recorded layers may be geometrically spaced): a next-layer 0 or ∞ is an overflow. */
const HUGE = { f64: 1e250, f32: 1e30 } as const;

export class McAccumulator {
  /** Largest ρ̂ rounding bound of the blocks so far (F64_RHO_ROUNDOFF unless a block says more). */
  private roundoff = F64_RHO_ROUNDOFF;
  /** 'f32' once a block came from a single-precision backend. */
  private format: 'f64' | 'f32' = 'f64';
  /** Networks that ended (no live q̂): the recorded-layer index where, and why (classify). */
  private readonly fates = new Map<number, { r: number; cause: 'overflow' | 'underflow' | 'dead' }>();
  /** [layerIndex][net] for each statistic (layer-major: summaries read contiguous memory). */
  private readonly q11: Float64Array;
  private readonly q12: Float64Array;
  private readonly q22: Float64Array;
  private readonly phi11?: Float64Array;
  private readonly phi22?: Float64Array;
  count = 0;

  constructor(
    readonly M: number,
    readonly layers: readonly number[],
    readonly k: number,
    withPhi = false,
  ) {
    const size = M * layers.length;
    this.q11 = new Float64Array(size);
    this.q12 = new Float64Array(size);
    this.q22 = new Float64Array(size);
    if (withPhi) {
      this.phi11 = new Float64Array(size);
      this.phi22 = new Float64Array(size);
    }
  }

  add(block: KernelBlock): void {
    if (block.netStart !== this.count) throw new Error(`chunk starts at network ${block.netStart}, expected ${this.count}`);
    const R = this.layers.length;
    const P = (this.k * (this.k + 1)) / 2;
    const i11 = pairIndex(this.k, 0, 0);
    const i12 = pairIndex(this.k, 0, 1);
    const i22 = pairIndex(this.k, 1, 1);
    for (let m = 0; m < block.netCount; m++) {
      const net = block.netStart + m;
      for (let r = 0; r < R; r++) {
        const src = (m * R + r) * P;
        const dst = r * this.M + net;
        this.q11[dst] = block.z[src + i11];
        this.q12[dst] = block.z[src + i12];
        this.q22[dst] = block.z[src + i22];
        if (this.phi11 && block.phi) {
          this.phi11[dst] = block.phi[src + i11];
          this.phi22![dst] = block.phi[src + i22];
        }
      }
    }
    if (block.roundoff !== undefined) this.roundoff = Math.max(this.roundoff, block.roundoff);
    if (block.format === 'f32') this.format = 'f32';
    for (let m = 0; m < block.netCount; m++) this.classify(block.netStart + m, block.format ?? 'f64');
    this.count += block.netCount;
  }

  /**
   * How network `net` ends (issue 20): its first recorded layer without a live q̂ (q̂11, q̂22 > 0
   * and finite), classified by what it had the recorded layer before: above 1e250 (f32: 1e30) or
   * not finite → overflow (a backend may also report a network that overflowed as 0); below
   * 1e−290 (f32: 1e−30) → underflow; otherwise → dead
   * (ReLU: every unit off, a true 0). After an overflow or underflow its numbers are not data: they
   * become NaN, so the statistics use the networks still live (and the fault says so).
   */
  private classify(net: number, fmt: 'f64' | 'f32'): void {
    const M = this.M;
    const R = this.layers.length;
    const lo = (r: number) => Math.min(this.q11[r * M + net], this.q22[r * M + net]);
    const hi = (r: number) => Math.max(this.q11[r * M + net], this.q22[r * M + net]);
    let r = 0;
    while (r < R && lo(r) > 0 && Number.isFinite(hi(r))) r++;
    if (r === R) return;
    const cause = !Number.isFinite(hi(r)) || (r > 0 && hi(r - 1) > HUGE[fmt]) ? 'overflow' : r > 0 && lo(r - 1) < TINY[fmt] ? 'underflow' : 'dead';
    this.fates.set(net, { r, cause });
    if (cause === 'dead') return;
    for (let k = r; k < R; k++) {
      this.q11[k * M + net] = NaN;
      this.q12[k * M + net] = NaN;
      this.q22[k * M + net] = NaN;
    }
  }

  /** The first `count` samples of one recorded layer. */
  samples(layerIndex: number): LayerSamples {
    const from = layerIndex * this.M;
    const to = from + this.count;
    const q11 = this.q11.slice(from, to);
    const q12 = this.q12.slice(from, to);
    const q22 = this.q22.slice(from, to);
    const rho = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) rho[i] = empiricalCorrelation(q11[i], q12[i], q22[i], this.roundoff);
    return { layer: this.layers[layerIndex], q11, q12, q22, rho };
  }

  /** Post-activation diagonal (1/n)|φ(z)|² of input a = 0 or 1 at one recorded layer. */
  phiSamples(layerIndex: number, input: 0 | 1): Float64Array {
    const src = input === 0 ? this.phi11 : this.phi22;
    if (!src) throw new Error('this accumulator was created without post-activation kernels');
    return src.slice(layerIndex * this.M, layerIndex * this.M + this.count);
  }

  /**
   * Where the networks leave the float format they ran in (issue 20; how each ends: classify).
   * Faults: the first layer where some network overflows (q11) and where some network underflows
   * (q11), and the layer where every network is gone (rho: ρ̂ undefined from there on), each with
   * its cause and counts.
   */
  faults(): Fault[] {
    const fmt = this.format;
    const n = this.count;
    const death = [...this.fates.values()];
    const out: Fault[] = [];
    for (const cause of ['overflow', 'underflow'] as const) {
      const these = death.filter((d) => d.cause === cause);
      if (these.length === 0) continue;
      const r = Math.min(...these.map((d) => d.r));
      const layer = this.layers[r];
      out.push({
        block: 'mc',
        quantity: 'q11',
        layer,
        cause,
        message: `${faultMessage(`q̂ of ${these.length} of ${n} networks`, `layer ${layer}`, cause, fmt)}; the statistics use the networks still live`,
      });
    }
    if (n > 0 && death.length === n) {
      const r = Math.max(...death.map((d) => d.r));
      const layer = this.layers[r];
      const causes = new Set(death.map((d) => d.cause));
      const cause = causes.size === 1 ? death[0].cause : 'dead';
      out.push({
        block: 'mc',
        quantity: 'rho',
        layer,
        cause,
        message:
          cause === 'dead'
            ? faultMessage('ρ̂', `layer ${layer}`, 'dead', fmt)
            : `every network's q̂ ${cause === 'overflow' ? 'overflows' : 'underflows'} ${fmt} by layer ${layer}: ρ̂ is undefined from there on`,
      });
    }
    return out;
  }

  summary(): McBlock {
    const out = {
      M: this.count,
      layers: [...this.layers],
      rho: emptyQuantiles(),
      q11: emptyQuantiles(),
      q12: emptyQuantiles(),
      q22: emptyQuantiles(),
      logq11: { mean: [] as number[], var: [] as number[] },
      logq22: { mean: [] as number[], var: [] as number[] },
      live: [] as number[],
    };
    for (let r = 0; r < this.layers.length; r++) {
      const s = this.samples(r);
      for (const key of ['rho', 'q11', 'q12', 'q22'] as const) {
        const summary = summarise(finite(s[key]));
        const q = out[key] as unknown as Record<string, number[]>;
        for (const [name, value] of Object.entries(summary)) q[name].push(value);
      }
      const l11 = logMoments(s.q11);
      const l22 = logMoments(s.q22);
      out.logq11.mean.push(l11.mean);
      out.logq11.var.push(l11.var);
      out.logq22.mean.push(l22.mean);
      out.logq22.var.push(l22.var);
      out.live.push(Math.min(l11.count, l22.count));
    }
    return out;
  }
}
