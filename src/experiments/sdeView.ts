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

// The block's type lives with the other result blocks (theory/blocks.ts): architectures build it too.
export type { SdeViewBlock } from '../theory/blocks.ts';
import type { SdeViewBlock } from '../theory/blocks.ts';

export const SDE_PATHS = 24;

/** A distance counts as above the noise when it exceeds this multiple of its noise floor. */
export const ABOVE_FLOOR = 2;

/**
 * Expected distances of the empirical law of M exact draws from `law` itself (large-M asymptotics):
 * W₁: E∫|F_M − F| dρ = ∫ √(2F(1 − F)/(πM)) dρ (F_M(ρ) − F(ρ) ≈ N(0, F(1 − F)/M), E|N(0, s²)| = s√(2/π));
 * KS: E sup|F_M − F| → √(π/2)·ln 2/√M ≈ 0.8687/√M (mean of the Kolmogorov distribution; an upper
 * value when the law has atoms).
 */
export function noiseFloors(law: { cdfAt(rho: number): number }, M: number): { w1: number; ks: number } {
  const steps = 2000;
  let w1 = 0;
  for (let i = 0; i < steps; i++) {
    const F = law.cdfAt(-1 + (2 * (i + 0.5)) / steps);
    w1 += Math.sqrt(Math.max(0, F * (1 - F)));
  }
  w1 *= (2 / steps) * Math.sqrt(2 / (Math.PI * M));
  return { w1, ks: (Math.sqrt(Math.PI / 2) * Math.LN2) / Math.sqrt(M) };
}

/** The log-log slope over the points above ABOVE_FLOOR × floor; NaN with fewer than two. */
export function slopeAboveFloor(n: readonly number[], d: readonly number[], floor: readonly number[]): number {
  const keep = n.map((_, i) => i).filter((i) => d[i] > ABOVE_FLOOR * floor[i]);
  return keep.length >= 2 ? logLogSlope(keep.map((i) => n[i]), keep.map((i) => d[i])) : NaN;
}

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
    convergence: { n: [], L: [], w1: [], ks: [], floorW1: [], floorKs: [], slopeW1: NaN, slopeKs: NaN },
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
    // No floor without samples (NaN): such a width never counts as above its floor.
    const floor = samples.length > 0 ? noiseFloors(lawN, samples.length) : { w1: NaN, ks: NaN };
    c.floorW1.push(floor.w1);
    c.floorKs.push(floor.ks);
    (c as { slopeW1: number }).slopeW1 = slopeAboveFloor(c.n, c.w1, c.floorW1);
    (c as { slopeKs: number }).slopeKs = slopeAboveFloor(c.n, c.ks, c.floorKs);
    options.onPartial?.(block, { done: w + 1, total: widths.length });
  }
  return block;
}
