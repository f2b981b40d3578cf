/**
 * The commutation map (view=commute, issue 5): over a log grid of (n, L), the distance between the
 * finite-network law of ρ̂_L (or of log q̂_L, key obs) and the width-first limit at the same depth
 * (the infinite-width recursion, a point mass), for three architectures side by side:
 *   - the MLP (fluctuations of order √(L/n): the limits do not commute),
 *   - the ResNet with branch scale L^{−1/2} (fluctuations of order n^{−1/2} whatever L/n, and the
 *     width-first limit tends to the covariance ODE: the limits commute, Hayou & Yang 2023),
 *   - the unscaled ResNet, α = 0 (fluctuations set by L/n; its kernel explodes with depth).
 * Coupled seeds: every cell uses the same seed, so cell (n, L) shares randomness with (2n, L)
 * (rows 0..n−1) and, for the MLP, with every other depth (one run records all grid depths).
 */
import { archModule } from '../archs/index.ts';
import type { SimBackend } from '../backends/types.ts';
import type { Arch, CommuteStat, Observable, Spec } from '../core/spec.ts';
import { theoryBlock } from '../archs/theory.ts';
import type { LayerSamples } from './mcAccumulator.ts';
import { runNetworks, type Progress } from './monteCarlo.ts';
import { meanVar } from '../core/stats.ts';

export interface CommuteVariant {
  readonly id: 'mlp' | 'resnet-sqrt' | 'resnet-unscaled';
  readonly label: string;
  readonly arch: Arch;
  readonly alpha: number;
}

export const COMMUTE_VARIANTS: readonly CommuteVariant[] = [
  { id: 'mlp', label: 'MLP', arch: 'mlp', alpha: 0.5 },
  { id: 'resnet-sqrt', label: 'ResNet, branch L^−1/2', arch: 'resnet', alpha: 0.5 },
  { id: 'resnet-unscaled', label: 'ResNet, unscaled (α = 0)', arch: 'resnet', alpha: 0 },
];

export interface CommuteCells {
  /** [Lindex][nIndex]; NaN where the cell is not computed yet, or where every network exploded. */
  readonly value: number[][];
  /** Mean and sd of ρ̂_L per cell, and the width-first limit ρ^∞_L per depth. */
  readonly mean: number[][];
  readonly sd: number[][];
  readonly limit: number[];
  /** Networks whose kernel stayed finite (the unscaled ResNet overflows at large L). */
  readonly finite: number[][];
}

export interface CommuteBlock {
  readonly stat: CommuteStat;
  /** The observable compared: the correlation ρ̂_L or log q̂_L. */
  readonly obs: Observable;
  readonly statLabel: string;
  readonly n: number[];
  readonly L: number[];
  readonly M: number;
  readonly variants: { readonly id: string; readonly label: string; readonly arch: Arch; readonly alpha: number; readonly cells: CommuteCells }[];
}

export function commuteStatLabel(stat: CommuteStat, obs: Observable): string {
  const x = obs === 'rho' ? 'ρ̂_L' : 'log q̂_L';
  const lim = obs === 'rho' ? 'ρ^∞_L' : 'log q^∞_L';
  if (stat === 'w1') return `W₁(law of ${x}, δ at ${lim}) = E|${x} − ${lim}|`;
  if (stat === 'mean') return `|E ${x} − ${lim}| (bias of the mean)`;
  return `sd(${x}) (fluctuations)`;
}

/** The observable per network: ρ̂_L, or log q̂_L (−∞ for a dead network, dropped as non-finite). */
export function observe(obs: Observable, samples: LayerSamples): Float64Array {
  return obs === 'rho' ? samples.rho : samples.q11.map(Math.log);
}

/** Powers of two in [lo, hi], starting at lo. */
export function powerGrid(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let v = lo; v <= hi; v *= 2) out.push(v);
  return out;
}

/** The distance of one cell from its samples of ρ̂_L and the point-mass limit ρ∞. */
export function cellStatistic(stat: CommuteStat, samples: ArrayLike<number>, limit: number): { value: number; mean: number; sd: number; finite: number } {
  const finite: number[] = [];
  for (let i = 0; i < samples.length; i++) if (Number.isFinite(samples[i])) finite.push(samples[i]);
  const { mean, var: v } = meanVar(finite);
  const sd = Math.sqrt(v);
  let value: number;
  if (stat === 'mean') value = Math.abs(mean - limit);
  else if (stat === 'sd') value = sd;
  else {
    let s = 0;
    for (const x of finite) s += Math.abs(x - limit);
    value = finite.length > 0 ? s / finite.length : NaN;
  }
  return { value, mean, sd, finite: finite.length };
}

function nanGrid(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(NaN));
}

/** Cell order: cheapest first (n·L), so the map fills from the small corner outwards. */
function cellOrder(ns: number[], Ls: number[]): [number, number][] {
  const cells: [number, number][] = [];
  for (let j = 0; j < Ls.length; j++) for (let i = 0; i < ns.length; i++) cells.push([j, i]);
  return cells.sort((a, b) => ns[a[1]] * Ls[a[0]] - ns[b[1]] * Ls[b[0]]);
}

export async function runCommuteMap(
  spec: Spec,
  options: { backend: SimBackend; signal?: AbortSignal; onPartial?: (block: CommuteBlock, progress: Progress) => void },
): Promise<CommuteBlock> {
  const ns = powerGrid(spec.nmin, spec.nmax);
  const Ls = powerGrid(spec.Lmin, spec.Lmax);
  const block: CommuteBlock = {
    stat: spec.stat,
    obs: spec.obs,
    statLabel: commuteStatLabel(spec.stat, spec.obs),
    n: ns,
    L: Ls,
    M: spec.M,
    variants: COMMUTE_VARIANTS.map((v) => ({
      id: v.id,
      label: v.label,
      arch: v.arch,
      alpha: v.alpha,
      cells: { value: nanGrid(Ls.length, ns.length), mean: nanGrid(Ls.length, ns.length), sd: nanGrid(Ls.length, ns.length), limit: [], finite: nanGrid(Ls.length, ns.length) },
    })),
  };
  // Width-first limits: the infinite-width recursion at each depth of the grid.
  const limitOf = (th: { rho: number[]; q11: number[] }, i: number) => (spec.obs === 'rho' ? th.rho[i] : Math.log(th.q11[i]));
  for (const v of block.variants) {
    if (!archModule(v.arch).depthScaled) {
      // Layer ℓ of a depth-L network is the depth-ℓ network: one profile to the deepest L serves every cell.
      const th = theoryBlock({ ...spec, arch: v.arch, L: Ls[Ls.length - 1] });
      for (const L of Ls) v.cells.limit.push(limitOf(th, th.layers.indexOf(L)));
    } else {
      for (const L of Ls) {
        const th = theoryBlock({ ...spec, arch: 'resnet', alpha: v.alpha, L });
        v.cells.limit.push(limitOf(th, th.rho.length - 1));
      }
    }
  }
  const total = COMMUTE_VARIANTS.length * ns.length * Ls.length;
  let done = 0;
  const store = (v: CommuteBlock['variants'][number], j: number, i: number, samples: LayerSamples) => {
    const c = cellStatistic(spec.stat, observe(spec.obs, samples), v.cells.limit[j]);
    v.cells.value[j][i] = c.value;
    v.cells.mean[j][i] = c.mean;
    v.cells.sd[j][i] = c.sd;
    v.cells.finite[j][i] = c.finite;
    done++;
  };

  // The MLP: one run per width records every grid depth (coupled across depths, and cheaper).
  const mlp = block.variants[0];
  for (let i = 0; i < ns.length; i++) {
    const sized: Spec = { ...spec, arch: 'mlp', n: ns[i], L: Ls[Ls.length - 1] };
    const { acc } = await runNetworks(sized, Ls, { backend: options.backend, signal: options.signal });
    for (let j = 0; j < Ls.length; j++) store(mlp, j, i, acc.samples(j));
    options.onPartial?.(block, { done, total });
  }
  // The ResNets: the branch scale depends on L, so every cell is its own network.
  for (const [j, i] of cellOrder(ns, Ls)) {
    for (const v of block.variants.slice(1)) {
      const sized: Spec = { ...spec, arch: 'resnet', alpha: v.alpha, n: ns[i], L: Ls[j] };
      const { acc } = await runNetworks(sized, [Ls[j]], { backend: options.backend, signal: options.signal });
      store(v, j, i, acc.samples(0));
    }
    options.onPartial?.(block, { done, total });
  }
  return block;
}
