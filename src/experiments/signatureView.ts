/**
 * View "signature" (issue 16 §4): controlled ResNets driven by paths against their limits.
 *   - the paths (their knots, first two channels; d = 1: x against t);
 *   - K̂ of paths 1 and 2 against the width n (at depth L, the chosen weight sharing): MC mean and
 *     sd over M nets, the width-∞ kernel at this L and the L → ∞ limit (PDE or ODE);
 *   - K̂ of paths 1 and 2 against the depth L (at width n), shared and unshared side by side: each
 *     with its width-∞ kernel at that L, and the two limits — the PDE (shared) and the ODE (unshared);
 *   - the Gram matrix over every path: the limit (PDE or ODE), the width-∞ kernel at L, the MC mean.
 * Networks: CresnetStepper (network.ts), net m = 0..M−1 of spec.seed for every width and depth
 * (a width-n network is the top-left block of the width-2n one: coupled sweeps). The controlled
 * ResNet itself lives in archs/cresnet.
 */
import type { SimSize } from '../core/cost.ts';
import type { Spec } from '../core/spec.ts';
import type { Progress } from './monteCarlo.ts';
import { inhomogeneousGram, sharedDiscreteGram, unsharedDiscreteGram } from '../archs/cresnet/discrete.ts';
import { archOf } from '../archs/index.ts';
import { cresnetResolve, equivalentLayers } from '../archs/cresnet/index.ts';
import { CresnetStepper, type CresnetConfig } from '../archs/cresnet/network.ts';
import { pdeGram } from '../archs/cresnet/pde.ts';

// The view's block in the result document (experiments/result.ts ViewBlocks).
declare module './result.ts' {
  interface ViewBlocks {
    readonly signatureView: SignatureViewBlock;
  }
}

export interface SweepPoint {
  /** Mean, sd and standard error of K̂ of paths 1 and 2 over the M networks. */
  readonly mean: number;
  readonly sd: number;
  readonly se: number;
  /** The width-∞ kernel at this depth (discrete.ts). */
  readonly widthLimit: number;
}

export interface SignatureViewBlock {
  readonly M: number;
  /** Knots of each path: t and the first two channels (one when d = 1). */
  readonly paths: { readonly token: string; readonly t: number[]; readonly x: number[][] }[];
  /** The L → ∞ limits of K^{12}(1, 1): PDE (shared weights) and ODE (unshared), with error estimates. */
  readonly limits: { readonly pde: number; readonly pdeError: number; readonly ode: number; readonly odeError: number };
  /** K̂_12 against n at depth spec.L with spec.share. */
  readonly width: { readonly n: number[]; readonly points: SweepPoint[] };
  /** K̂_12 against L at width spec.n, shared and unshared. */
  readonly depth: { readonly L: number[]; readonly shared: SweepPoint[]; readonly unshared: SweepPoint[] };
  /** Gram matrices over every path at (n, L) and spec.share: the limit, the width-∞ kernel at L, the MC mean. */
  readonly gram: { readonly limit: number[][]; readonly widthLimit: number[][]; readonly mean: number[][] };
}

/** Powers of two from lo to hi (both ends included when they are not powers of two). */
export function doublings(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let v = lo; v < hi; v *= 2) out.push(v);
  out.push(hi);
  return out;
}

export function signatureWidths(spec: Spec): number[] {
  return doublings(spec.nmin, spec.nmax);
}

export function signatureDepths(spec: Spec): number[] {
  return doublings(spec.Lmin, spec.Lmax);
}

/** Its simulations for the cost planner: per width, and per depth shared and unshared (archs/cresnet equivalentLayers). */
export function signaturePlan(spec: Spec): SimSize[] {
  const k = spec.k;
  const size = (n: number, L: number, share: boolean): SimSize => ({ method: 'explicit', n, L: equivalentLayers(L, spec.pdim, k, share), k, M: spec.M, recorded: 1 });
  return [...signatureWidths(spec).map((n) => size(n, spec.L, spec.share)), ...signatureDepths(spec).flatMap((L) => [size(spec.n, L, true), size(spec.n, L, false)])];
}

export function signatureApplies(spec: Spec): string | undefined {
  return archOf(spec).views.includes('signature') ? undefined : 'the signature view shows controlled ResNets driven by paths: choose arch=cresnet';
}

interface Ctx {
  readonly signal?: AbortSignal;
  readonly onPartial?: (block: SignatureViewBlock, progress: Progress) => void;
}

function meanSd(values: number[]): { mean: number; sd: number; se: number } {
  const M = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / M;
  const sd = M > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (M - 1)) : 0;
  return { mean, sd, se: sd / Math.sqrt(M) };
}

export async function runSignatureView(spec: Spec, ctx: Ctx = {}): Promise<SignatureViewBlock> {
  const r = cresnetResolve(spec);
  const P = r.paths.length;
  const config = (n: number, L: number, share: boolean): CresnetConfig => ({ n, L, s02: spec.s02, sa2: spec.sw2, sb2: spec.sb2, share, act: r.act, seed: spec.seed });
  const yieldNow = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (ctx.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
  };
  /** Final Grams of the M networks (P×P each). */
  const grams = async (c: CresnetConfig): Promise<Float64Array[]> => {
    const out: Float64Array[] = [];
    for (let m = 0; m < spec.M; m++) {
      const net = new CresnetStepper(r.paths, c, m);
      for (let i = 0; i < c.L; i++) net.step();
      out.push(net.gram());
      await yieldNow();
    }
    return out;
  };
  const pde = pdeGram(r.paths, spec.refine, r.nsk);
  const ode = inhomogeneousGram(r.paths, spec.refine, r.nsk);
  const limits = { pde: pde[0][1].value, pdeError: pde[0][1].errorEstimate, ode: ode[0][1].value, odeError: ode[0][1].errorEstimate };
  const paths = r.paths.map((x) => ({
    token: x.token,
    t: Array.from(x.times),
    x: Array.from({ length: Math.min(2, x.d) }, (_, k) => Array.from({ length: x.times.length }, (_, i) => x.values[i * x.d + k])),
  }));
  const widths = signatureWidths(spec);
  const depths = signatureDepths(spec);
  const total = widths.length + 2 * depths.length;
  let done = 0;
  const widthPts: SweepPoint[] = [];
  const shared: SweepPoint[] = [];
  const unshared: SweepPoint[] = [];
  let gramMean: number[][] = [];
  const discrete = (L: number, share: boolean) => (share ? sharedDiscreteGram : unsharedDiscreteGram)(r.paths, L, r.nsk);
  const widthLimitAtL = discrete(spec.L, spec.share);
  const block = (): SignatureViewBlock => ({
    M: spec.M,
    paths,
    limits,
    width: { n: widths.slice(0, widthPts.length), points: widthPts.slice() },
    depth: { L: depths.slice(0, Math.min(shared.length, unshared.length)), shared: shared.slice(0, Math.min(shared.length, unshared.length)), unshared: unshared.slice(0, Math.min(shared.length, unshared.length)) },
    gram: { limit: (spec.share ? pde.map((row) => row.map((e) => e.value)) : ode.map((row) => row.map((e) => e.value))), widthLimit: widthLimitAtL, mean: gramMean },
  });
  const report = () => ctx.onPartial?.(block(), { done: ++done, total });
  for (const n of widths) {
    const G = await grams(config(n, spec.L, spec.share));
    widthPts.push({ ...meanSd(G.map((g) => g[1])), widthLimit: widthLimitAtL[0][1] });
    if (n === spec.n) gramMean = Array.from({ length: P }, (_, a) => Array.from({ length: P }, (_, b) => meanSd(G.map((g) => g[a * P + b])).mean));
    report();
  }
  if (gramMean.length === 0) {
    const G = await grams(config(spec.n, spec.L, spec.share));
    gramMean = Array.from({ length: P }, (_, a) => Array.from({ length: P }, (_, b) => meanSd(G.map((g) => g[a * P + b])).mean));
  }
  for (const L of depths) {
    for (const share of [true, false]) {
      const G = await grams(config(spec.n, L, share));
      (share ? shared : unshared).push({ ...meanSd(G.map((g) => g[1])), widthLimit: discrete(L, share)[0][1] });
      report();
    }
  }
  return block();
}
