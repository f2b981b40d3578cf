/**
 * The ResNet coord check across depth (issue 17, Depth-µP): ResNets of growing depth L at a fixed
 * width, one fixed batch, t steps; per recorded quantity the mean |change| per coordinate, and its
 * log-log slope against L, next to the exponents of exponents.ts `depthCoordExponents`
 * (docs/training.md §3b). Recorded: the embedding Y⁰, the sum of the branches R = Y^L − Y⁰, the
 * stream at the top Y^L, and the output f.
 *
 * Depths are coupled like widths in the width coord check: seed s is the lab's network index s at
 * every depth, and block l's weights are keyed by l, so the L-block network's W^l are the 2L-block
 * network's first L (only the multiplier L^{−α} differs).
 *
 * mode 'branches' trains the blocks alone (the embedding's and the readout's gradients are set to
 * zero before each step): the branches' own depth scaling, free of the Θ(1) change the embedding
 * adds, which otherwise hides it until L is in the thousands (docs/training.md §3b).
 */
import { depthCoordExponents, type DepthCoordExponents, type DepthCoordMode } from './exponents.ts';
import type { Activation } from '../core/activations.ts';
import { NETWORK_LIMITS, TrainNetwork } from './network.ts';
import { Optimizer } from './optimizer.ts';
import { PARAM_NAMES, presetExponents, type DepthScaling, type OptimizerName, type ParamName } from './parametrisation.ts';
import { jackknifeSlope, type SlopeFit } from './powerLaw.ts';
import { SWEEP_LIMITS } from './sweepOptions.ts';
import type { Dataset } from './tasks.ts';

export interface DepthCoordCheckOptions {
  /** Numbers of residual blocks, strictly increasing. */
  readonly depths: readonly number[];
  readonly n: number;
  /** Width parametrisation of every layer (µP keeps the width dependence out). */
  readonly param: ParamName;
  readonly depth: DepthScaling;
  readonly mode: DepthCoordMode;
  readonly steps: number;
  readonly seeds: number;
  readonly eta: number;
  readonly optimizer: OptimizerName;
  readonly act: Activation;
  readonly sw2: number;
  readonly seed: number;
  readonly data: Dataset;
}

export const DEPTH_QUANTITIES = ['Y0', 'R', 'YL', 'f'] as const;

export interface DepthCoordCheckResult {
  readonly depths: readonly number[];
  readonly quantities: typeof DEPTH_QUANTITIES;
  /** mean|Δ| per coordinate, seed mean and standard error, [t][quantity][depth]. */
  readonly mean: number[][][];
  readonly se: number[][][];
  /** Log-log slope against L per [t][quantity] (jackknife over seeds); null where nothing changes (Y⁰ in mode 'branches'). */
  readonly slopes: (SlopeFit | null)[][];
  readonly theory: DepthCoordExponents | { readonly reason: string };
}

export function depthCoordCheckIssue(o: DepthCoordCheckOptions): string | undefined {
  if (o.depths.length < 2) return `depths = ${o.depths.join(',')}: a slope needs at least two depths`;
  const [lo, hi] = NETWORK_LIMITS.L;
  for (let i = 0; i < o.depths.length; i++) {
    const L = o.depths[i];
    if (!(Number.isInteger(L) && L >= lo && L <= hi)) return `depths contains ${String(L)}: every depth must be an integer in [${lo}, ${hi}]`;
    if (i > 0 && !(L > o.depths[i - 1])) return `depths = ${o.depths.join(',')}: they must be strictly increasing`;
  }
  if (!PARAM_NAMES.includes(o.param)) return `param = ${String(o.param)}: it must be one of ${PARAM_NAMES.join(', ')}`;
  if (o.mode !== 'all' && o.mode !== 'branches') return `mode = ${String(o.mode)}: it must be all or branches`;
  for (const key of ['steps', 'seeds'] as const) {
    const v = o[key];
    const [a, b] = SWEEP_LIMITS[key];
    if (!(Number.isInteger(v) && v >= a && v <= b)) return `${key} = ${String(v)}: it must be an integer in [${a}, ${b}]`;
  }
  return undefined;
}

export function runDepthCoordCheck(o: DepthCoordCheckOptions): DepthCoordCheckResult {
  const issue = depthCoordCheckIssue(o);
  if (issue) throw new RangeError(`depth coord check: ${issue}`);
  const { depths, steps, seeds, data } = o;
  const Q = DEPTH_QUANTITIES.length;
  // [t][quantity][depth][seed]
  const all = Array.from({ length: steps }, () => Array.from({ length: Q }, () => depths.map(() => new Float64Array(seeds))));
  depths.forEach((L, di) => {
    for (let s = 0; s < seeds; s++) {
      // TrainNetwork validates the rest (n, sw2, eta, seed, alpha, gamma) with its own messages.
      const net = new TrainNetwork({ arch: 'resnet', act: o.act, n: o.n, L, d: data.d, sw2: o.sw2, exponents: presetExponents(o.param, o.optimizer), depth: o.depth, eta: o.eta, seed: o.seed, net: s });
      const opt = new Optimizer(net, o.optimizer);
      net.forward(data.x, data.N);
      const y0 = net.pre[0].slice();
      const yL = net.pre[L].slice();
      const f0 = net.out.slice();
      for (let t = 0; t < steps; t++) {
        net.backward(data.x, data.y, data.loss);
        if (o.mode === 'branches') {
          net.grads[0].fill(0);
          net.grads[L + 1].fill(0);
        }
        opt.step();
        net.forward(data.x, data.N);
        const e = net.pre[0];
        const top = net.pre[L];
        let dY0 = 0;
        let dR = 0;
        let dYL = 0;
        for (let j = 0; j < e.length; j++) {
          dY0 += Math.abs(e[j] - y0[j]);
          dR += Math.abs(top[j] - yL[j] - (e[j] - y0[j]));
          dYL += Math.abs(top[j] - yL[j]);
        }
        let df = 0;
        for (let b = 0; b < f0.length; b++) df += Math.abs(net.out[b] - f0[b]);
        const row = [dY0 / e.length, dR / e.length, dYL / e.length, df / f0.length];
        row.forEach((v, q) => (all[t][q][di][s] = v));
      }
    }
  });
  const mean = all.map((byQ) => byQ.map((byL) => byL.map((a) => a.reduce((x, y) => x + y, 0) / a.length)));
  const se = all.map((byQ, t) => byQ.map((byL, q) => byL.map((a, di) => {
    if (a.length < 2) return Number.NaN;
    const m = mean[t][q][di];
    return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1) / a.length);
  })));
  const slopes = all.map((byQ) => byQ.map((byL, q) => (q === 0 && o.mode === 'branches' ? null : jackknifeSlope(depths as number[], byL))));
  const th = depthCoordExponents(o.depth, o.optimizer, o.mode);
  return { depths, quantities: DEPTH_QUANTITIES, mean, se, slopes, theory: th.ok ? th.value : { reason: th.reason } };
}
