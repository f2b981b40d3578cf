/**
 * Collects per-network empirical kernels as chunks arrive and summarises them per layer
 * (DESIGN.md §3: mean, sd, p05…p95 of ρ̂, q̂11, q̂12, q̂22; log-moments of the diagonal over live
 * networks). Networks arrive in index order, so a partial summary covers networks 0..count−1 and
 * the final one is independent of the chunking.
 */
import { pairIndex, type KernelBlock } from '../backends/types.ts';
import type { McBlock, Quantiles } from './result.ts';
import { logMoments, summarise } from './stats.ts';

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

export class McAccumulator {
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
    this.count += block.netCount;
  }

  /** The first `count` samples of one recorded layer. */
  samples(layerIndex: number): LayerSamples {
    const from = layerIndex * this.M;
    const to = from + this.count;
    const q11 = this.q11.slice(from, to);
    const q12 = this.q12.slice(from, to);
    const q22 = this.q22.slice(from, to);
    const rho = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) rho[i] = q12[i] / Math.sqrt(q11[i] * q22[i]);
    return { layer: this.layers[layerIndex], q11, q12, q22, rho };
  }

  /** Post-activation diagonal (1/n)|φ(z)|² of input a = 0 or 1 at one recorded layer. */
  phiSamples(layerIndex: number, input: 0 | 1): Float64Array {
    const src = input === 0 ? this.phi11 : this.phi22;
    if (!src) throw new Error('this accumulator was created without post-activation kernels');
    return src.slice(layerIndex * this.M, layerIndex * this.M + this.count);
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
