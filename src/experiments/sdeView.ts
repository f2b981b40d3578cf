/**
 * The proportional-limit view (view=sde, issue 6) for arch=shaped: the law of ρ_T of the neural
 * covariance SDE (Li, Nica & Roy 2022) as a density, sample paths of finite networks next to SDE
 * paths, and "convergence in law": the distance of the finite-n law of ρ̂_L (L = T·n) to the SDE
 * law, against n at fixed T.
 */
import type { SimBackend } from '../backends/types.ts';
import type { Spec } from '../core/spec.ts';
import { correlationLaw, firstLayerCorrelation } from '../theory/covarianceSde/fokkerPlanck.ts';
import { kolmogorovSmirnovToLaw, wasserstein1ToLaw } from '../theory/covarianceSde/distance.ts';
import { simulateCorrelationPaths } from '../theory/covarianceSde/paths.ts';
import { logLogSlope } from './fit.ts';
import { runNetworks, type Progress } from './monteCarlo.ts';

export interface SdeViewBlock {
  readonly T: number;
  /** Density of ρ_T on a grid in ρ, plus the probability atoms at ρ = ±1. */
  readonly law: { readonly rho: number[]; readonly density: number[]; readonly atomLow: number; readonly atomHigh: number; readonly mean: number; readonly sd: number };
  /** Sample paths against t = l/n: finite shaped networks (layers 1..L) and the SDE (hybrid Euler–Maruyama). */
  readonly netPaths: { readonly t: number[]; readonly rho: number[][] };
  readonly sdePaths: { readonly t: number[]; readonly rho: number[][] };
  /** Distances of the finite-n law of ρ̂ to the SDE law at the same T, and the fitted log-log slopes. */
  readonly convergence: { readonly n: number[]; readonly L: number[]; readonly w1: number[]; readonly ks: number[]; readonly slopeW1: number; readonly slopeKs: number };
  /**
   * Widths at which every network died (q̂ = 0, ρ̂ undefined: shaped ReLU nets at n = 1, or with
   * c₋ ≪ 0): no distance to the law there (NaN, null in the JSON), and one fault each (issue 20).
   */
  readonly faults?: { quantity: string; layer: number; cause: 'empty'; message: string }[];
}

export const SDE_PATHS = 24;

/** Widths of the convergence panel: powers of two from max(nmin, 8) to min(nmax, n), each with L = round(T·n) ≥ 1. */
export function convergenceWidths(spec: Spec): number[] {
  const out: number[] = [];
  for (let n = Math.max(spec.nmin, 8); n <= Math.min(spec.nmax, spec.n); n *= 2) out.push(n);
  return out.length >= 2 ? out : [Math.max(1, spec.n >> 1), spec.n];
}

function downsample(xs: ArrayLike<number>, ys: ArrayLike<number>, points: number): { x: number[]; y: number[] } {
  const step = Math.max(1, Math.floor(xs.length / points));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < xs.length; i += step) {
    x.push(xs[i]);
    y.push(ys[i]);
  }
  return { x, y };
}

export async function runSdeView(
  spec: Spec,
  options: { backend: SimBackend; signal?: AbortSignal; onPartial?: (block: SdeViewBlock, progress: Progress) => void },
): Promise<SdeViewBlock> {
  const T = spec.L / spec.n;
  const rho0 = firstLayerCorrelation(spec);
  const law = correlationLaw({ cp: spec.cp, cm: spec.cm, rho0, T });
  const density = downsample(law.rho, law.density, 240);

  // A few finite networks, every layer: their ρ̂ paths against t = l/n.
  const layers = Array.from({ length: spec.L }, (_, i) => i + 1);
  const few = { ...spec, M: Math.min(SDE_PATHS, spec.M) };
  const { acc } = await runNetworks(few, layers, { backend: options.backend, signal: options.signal });
  const netRho: number[][] = Array.from({ length: few.M }, () => []);
  for (let r = 0; r < layers.length; r++) {
    const s = acc.samples(r).rho;
    for (let m = 0; m < few.M; m++) netRho[m].push(s[m]);
  }
  const sde = simulateCorrelationPaths({ cp: spec.cp, cm: spec.cm, rho0, T, paths: SDE_PATHS, dt: T / 400, seed: spec.seed, variant: 'hybrid', record: 101 });
  const sdeRho: number[][] = [];
  const pointsPerPath = sde.t.length;
  for (let p = 0; p < SDE_PATHS; p++) sdeRho.push(Array.from(sde.rho.subarray(p * pointsPerPath, (p + 1) * pointsPerPath)));

  const block: SdeViewBlock = {
    T,
    law: { rho: density.x, density: density.y, atomLow: law.atomLow, atomHigh: law.atomHigh, mean: law.mean, sd: law.sd },
    netPaths: { t: layers.map((l) => l / spec.n), rho: netRho },
    sdePaths: { t: Array.from(sde.t), rho: sdeRho },
    convergence: { n: [], L: [], w1: [], ks: [], slopeW1: NaN, slopeKs: NaN },
  };

  // Convergence in law at fixed T: each width against the SDE law at its own T_n = L/n.
  const widths = convergenceWidths(spec);
  for (let w = 0; w < widths.length; w++) {
    const n = widths[w];
    const L = Math.max(1, Math.round(T * n));
    const sized: Spec = { ...spec, n, L };
    const { acc: a } = await runNetworks(sized, [L], { backend: options.backend, signal: options.signal });
    const lawN = correlationLaw({ cp: spec.cp, cm: spec.cm, rho0, T: L / n });
    const samples = a.samples(0).rho.filter(Number.isFinite);
    const c = block.convergence;
    c.n.push(n);
    c.L.push(L);
    if (samples.length === 0) {
      const faults = ((block as { faults?: SdeViewBlock['faults'] }).faults ??= []);
      faults.push({
        quantity: 'convergence',
        layer: L,
        cause: 'empty',
        message: `convergence in law at n = ${n}: all ${sized.M} networks are dead by layer ${L} (q̂ = 0, ρ̂ undefined), so there is no law to compare`,
      });
    }
    c.w1.push(samples.length > 0 ? wasserstein1ToLaw(samples, lawN) : NaN);
    c.ks.push(samples.length > 0 ? kolmogorovSmirnovToLaw(samples, lawN) : NaN);
    const fitted = c.n.map((_, i) => i).filter((i) => Number.isFinite(c.w1[i]));
    if (fitted.length >= 2) {
      (c as { slopeW1: number }).slopeW1 = logLogSlope(fitted.map((i) => c.n[i]), fitted.map((i) => c.w1[i]));
      (c as { slopeKs: number }).slopeKs = logLogSlope(fitted.map((i) => c.n[i]), fitted.map((i) => c.ks[i]));
    }
    options.onPartial?.(block, { done: w + 1, total: widths.length });
  }
  return block;
}
