/**
 * Depth first at fixed width (view=regime, issue 5): the ResNet with branch scale L^{−1/2} at
 * width n is exactly the Euler–Maruyama scheme, step 1/L, of the SDE
 *     dY_t = σw n^{−1/2} |φ(Y_t)| dB_t,  t ∈ [0, 1]   (Hayou 2022; Y_t ∈ R^n, B an n-dim. BM),
 * so a large L samples the depth-first limit. By Itô, S_t = |φ(Y_t)|² satisfies, for ReLU,
 *     d log S = σw² (|A_t| − 2)/n dt + 2σw n^{−1/2} dW,  A_t = {i : Y_t,i > 0},
 * and for the identity d log|Y|² = σw²(1 − 2/n) dt + 2σw n^{−1/2} dW exactly, so
 * log(|Y_1|²/|Y_0|²) ~ N(σw²(1 − 2/n), 4σw²/n). For ReLU the drift changes sign between n = 3 and
 * n = 4 (Hayou 2022, §4): this module measures E log(|φ(Y_1)|²/|φ(Y_0)|²) against n.
 */
import type { SimBackend } from '../backends/types.ts';
import type { Spec } from '../core/spec.ts';
import { runNetworks, type Progress } from './monteCarlo.ts';
import { meanVar } from '../core/stats.ts';

export interface RegimeBlock {
  /** Widths n and the number of Euler steps L (t = l/L). */
  readonly n: number[];
  readonly L: number;
  readonly M: number;
  /** E log(|φ(Y_1)|²/|φ(Y_0)|²) over networks alive at t = 0 and t = 1, its standard error, variance. */
  readonly mean: number[];
  readonly se: number[];
  readonly var: number[];
  /** Fraction of networks alive (φ(Y) ≠ 0) at both ends. */
  readonly alive: number[];
  /**
   * The identity-activation law N(σw²(1 − 2/n), 4σw²/n) at the same widths, for reference. Empty
   * when σb² > 0: the bias adds σb² dB′ to dY, and log|Y₁|² is then no longer Gaussian (its drift
   * depends on |Y_t|), so no closed form is drawn.
   */
  readonly identityMean: number[];
  readonly identityVar: number[];
  /** Sample paths of log(|φ(Y_t)|²/|φ(Y_0)|²) against t = l/L at n = 3 and n = 4 (live networks). */
  readonly paths: { readonly t: number[]; readonly byWidth: { readonly n: number; readonly logRatio: number[][] }[] };
}

export const REGIME_PATH_WIDTHS = [3, 4];
export const REGIME_PATHS = 12;

/** A few paths of the fixed-width SDE (the network is its Euler scheme): log |φ(Y_t)|²/|φ(Y_0)|². */
export async function regimePaths(spec: Spec, options: { backend: SimBackend; signal?: AbortSignal }): Promise<RegimeBlock['paths']> {
  const layers = Array.from({ length: spec.L + 1 }, (_, l) => l);
  const byWidth: { n: number; logRatio: number[][] }[] = [];
  for (const n of REGIME_PATH_WIDTHS) {
    const few: Spec = { ...spec, arch: 'resnet', alpha: 0.5, n, M: REGIME_PATHS * 2 };
    const { acc } = await runNetworks(few, layers, { backend: options.backend, signal: options.signal, recordPhi: true });
    const start = acc.phiSamples(0, 0);
    const logRatio: number[][] = [];
    for (let m = 0; m < few.M && logRatio.length < REGIME_PATHS; m++) {
      if (!(start[m] > 0)) continue;
      const path = layers.map((_, r) => Math.log(acc.phiSamples(r, 0)[m] / start[m]));
      if (path.every(Number.isFinite)) logRatio.push(path);
    }
    byWidth.push({ n, logRatio });
  }
  return { t: layers.map((l) => l / spec.L), byWidth };
}

export const REGIME_WIDTHS = [2, 3, 4, 5, 6, 8, 16, 32];

/**
 * The identity law N(σw²(1 − 2/n), 4σw²/n) holds without bias only: with σb² > 0,
 * d|Y|² = (σw²|Y|² + nσb²) dt + 2|Y| (σw²|Y|²/n + σb²)^{1/2} dW, whose log is not Gaussian.
 */
export function identityLawApplies(spec: Pick<Spec, 'sb2'>): boolean {
  return spec.sb2 === 0;
}

/** log(|φ(Y_L)|²/|φ(Y_0)|²) per network alive at both ends (input 0), from post-activation kernels. */
export async function logNormRatios(spec: Spec, options: { backend: SimBackend; signal?: AbortSignal }): Promise<{ ratios: Float64Array; alive: number }> {
  const resnet: Spec = { ...spec, arch: 'resnet', alpha: 0.5, method: spec.method };
  const { acc } = await runNetworks(resnet, [0, resnet.L], { backend: options.backend, signal: options.signal, recordPhi: true });
  const s0 = acc.phiSamples(0, 0);
  const s1 = acc.phiSamples(1, 0);
  const out: number[] = [];
  for (let m = 0; m < s0.length; m++) if (s0[m] > 0 && s1[m] > 0) out.push(Math.log(s1[m] / s0[m]));
  return { ratios: Float64Array.from(out), alive: out.length / Math.max(s0.length, 1) };
}

export async function runRegime(
  spec: Spec,
  options: { backend: SimBackend; signal?: AbortSignal; widths?: number[]; onPartial?: (block: RegimeBlock, progress: Progress) => void },
): Promise<RegimeBlock> {
  const widths = options.widths ?? REGIME_WIDTHS;
  const block: RegimeBlock = {
    n: [],
    L: spec.L,
    M: spec.M,
    mean: [],
    se: [],
    var: [],
    alive: [],
    identityMean: [],
    identityVar: [],
    paths: await regimePaths(spec, options),
  };
  for (let w = 0; w < widths.length; w++) {
    const { ratios, alive } = await logNormRatios({ ...spec, n: widths[w] }, options);
    const mv = meanVar(ratios);
    block.n.push(widths[w]);
    block.mean.push(mv.mean);
    block.var.push(mv.var);
    block.se.push(Math.sqrt(mv.var / mv.count));
    block.alive.push(alive);
    if (identityLawApplies(spec)) {
      block.identityMean.push(spec.sw2 * (1 - 2 / widths[w]));
      block.identityVar.push((4 * spec.sw2) / widths[w]);
    }
    options.onPartial?.(block, { done: w + 1, total: widths.length });
  }
  return block;
}
