/**
 * Width sweep (view=width): the law of ρ̂ and q̂11 at one layer for n = nmin, 2·nmin, …, ≤ nmax,
 * with coupled seeds — every width uses the same seed, so network m at width n shares its first n
 * rows of randomness with network m at width 2n (explicit: the top-left block of every weight
 * matrix; gram: the first n rows' draws). Convergence curves then carry little sampling noise
 * between widths: the bias of the mean falls like 1/n and the fluctuations like n^{−1/2}.
 */
import { archOf } from '../archs/index.ts';
import type { SimBackend } from '../backends/types.ts';
import type { Spec } from '../core/spec.ts';
import { theoryBlock } from '../archs/theory.ts';
import { runNetworks, type Progress } from './monteCarlo.ts';
import type { LogMoments, Quantiles } from './result.ts';
import { logMoments, summarise } from '../core/stats.ts';

export interface WidthSweepBlock {
  /** The layer at which the laws are compared (spec.layer, or L when 0). */
  readonly layer: number;
  readonly n: number[];
  readonly M: number;
  readonly rho: Quantiles;
  readonly q11: Quantiles;
  readonly logq11: LogMoments;
  /** The infinite-width values at this layer. */
  readonly limit: { readonly rho: number; readonly q11: number };
}

/** Powers of two from nmin up to nmax (nmin itself first, even if not a power of two). */
export function sweepWidths(nmin: number, nmax: number): number[] {
  const widths: number[] = [];
  for (let n = nmin; n <= nmax; n *= 2) widths.push(n);
  return widths;
}

export function sweepLayer(spec: Spec): number {
  return spec.layer === 0 ? spec.L : spec.layer;
}

export async function runWidthSweep(
  spec: Spec,
  options: { backend: SimBackend; signal?: AbortSignal; onPartial?: (block: WidthSweepBlock, progress: Progress) => void },
): Promise<WidthSweepBlock> {
  const layer = sweepLayer(spec);
  const widths = sweepWidths(spec.nmin, spec.nmax);
  const theory = theoryBlock(spec);
  const at = theory.layers.indexOf(layer);
  const block: WidthSweepBlock = {
    layer,
    n: [],
    M: spec.M,
    rho: { mean: [], sd: [], p05: [], p25: [], p50: [], p75: [], p95: [] },
    q11: { mean: [], sd: [], p05: [], p25: [], p50: [], p75: [], p95: [] },
    logq11: { mean: [], var: [] },
    limit: { rho: theory.rho[at], q11: theory.q11[at] },
  };
  for (let w = 0; w < widths.length; w++) {
    // The network is the same spec at width n, cut at the sweep layer (a depth-scaled network such
    // as the ResNet keeps its branch scale L^−α: only the recorded layer changes).
    const sized: Spec = archOf(spec).depthScaled ? { ...spec, n: widths[w] } : { ...spec, n: widths[w], L: layer };
    const { acc } = await runNetworks(sized, [layer], { backend: options.backend, signal: options.signal });
    const s = acc.samples(0);
    block.n.push(widths[w]);
    for (const key of ['rho', 'q11'] as const) {
      const summary = summarise(s[key].filter(Number.isFinite));
      const q = block[key] as unknown as Record<string, number[]>;
      for (const [name, value] of Object.entries(summary)) q[name].push(value);
    }
    const lm = logMoments(s.q11);
    block.logq11.mean.push(lm.mean);
    block.logq11.var.push(lm.var);
    options.onPartial?.(block, { done: w + 1, total: widths.length });
  }
  return block;
}
