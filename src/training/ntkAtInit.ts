/**
 * The empirical NTK at initialisation against width and depth (issue 17 §4, last view): its mean
 * against the analytic NTK (ntkRegime.ts `analyticKernels`, the lab's recursion) and its spread.
 * At finite width Θ̂ is random; for ReLU nets Hanin & Nica 2019 ("Finite depth and width corrections
 * to the neural tangent kernel") show E[Θ̂²]/E[Θ̂]² = exp(c·L/n)(1 + O(1/n)) on the diagonal:
 * the relative variance is ≈ c L/n while L/n is small — it falls like 1/n at fixed depth and grows
 * (at least) like L at fixed width. NTK parametrisation, η = 1 (the plain NTK Σ_l ⟨∂f/∂W^l, ·⟩).
 */
import type { Activation } from '../core/activations.ts';
import { TrainNetwork } from './network.ts';
import { analyticKernels } from './ntkRegime.ts';
import { presetExponents } from './parametrisation.ts';
import { jackknifeSlope, type SlopeFit } from './powerLaw.ts';
import type { Dataset } from './tasks.ts';
import { drain, drawWork, stepWork, type Sweep } from './work.ts';

export interface NtkAtInitCell {
  readonly n: number;
  readonly L: number;
  /** Mean over networks of Θ̂(x₀, x₀) and its standard error. */
  readonly mean: number;
  readonly se: number;
  /** Var Θ̂(x₀, x₀) / (E Θ̂)², over the networks. */
  readonly relVar: number;
  /** The infinite-width Θ(x₀, x₀). */
  readonly analytic: number;
  /** Per network Θ̂(x₀, x₀) (for the view's scatter and for jackknife fits). */
  readonly samples: number[];
}

export interface NtkAtInitOptions {
  readonly act: Activation;
  readonly sw2: number;
  /** (n, L) pairs to run. */
  readonly cells: readonly { readonly n: number; readonly L: number }[];
  readonly seeds: number;
  readonly seed: number;
  /** The first input of the dataset is x₀. */
  readonly data: Dataset;
}

/** Multiply–adds of all the cells (one input: a forward and an input-gradient pass ≈ a step on a batch of 1). */
export function ntkAtInitWork(o: NtkAtInitOptions): number {
  return o.cells.reduce((sum, { n, L }) => sum + o.seeds * (stepWork(n, L, o.data.d, 1) + drawWork(n, L, o.data.d)), 0);
}

/**
 * The cells as a sweep (work.ts): a tick per network, a partial result (the cells so far) per cell.
 * runNtkAtInit drains it.
 */
export function* ntkAtInitSweep(o: NtkAtInitOptions): Sweep<NtkAtInitCell[]> {
  if (!(Number.isInteger(o.seeds) && o.seeds >= 2 && o.seeds <= 100000)) throw new RangeError(`NTK at initialisation: seeds = ${String(o.seeds)}: it must be an integer in [2, 100000]`);
  const x0 = o.data.x.slice(0, o.data.d);
  const one: Dataset = { ...o.data, N: 1, x: x0, y: o.data.y.slice(0, 1) };
  const theta = new Float64Array(1);
  // One input: a forward and an input-gradient pass, ≈ the work of a step on a batch of 1.
  const work = (n: number, L: number) => stepWork(n, L, one.d, 1) + drawWork(n, L, one.d);
  const total = ntkAtInitWork(o);
  let done = 0;
  const cells: NtkAtInitCell[] = [];
  for (const { n, L } of o.cells) {
    const samples: number[] = [];
    for (let s = 0; s < o.seeds; s++) {
      const net = new TrainNetwork({ arch: 'mlp', act: o.act, n, L, d: one.d, sw2: o.sw2, exponents: presetExponents('ntk'), eta: 1, seed: o.seed, net: s });
      net.empiricalNtk(x0, 1, theta);
      samples.push(theta[0]);
      done += work(n, L);
      yield { done, total };
    }
    const S = samples.length;
    const mean = samples.reduce((a, b) => a + b, 0) / S;
    const v = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (S - 1);
    cells.push({ n, L, mean, se: Math.sqrt(v / S), relVar: v / (mean * mean), analytic: analyticKernels(o.act, o.sw2, L, one).theta[0], samples });
    yield { done, total, partial: () => [...cells] };
  }
  return cells;
}

export function runNtkAtInit(o: NtkAtInitOptions): NtkAtInitCell[] {
  return drain(ntkAtInitSweep(o));
}

/** Log-log slope of the relative variance across cells (n or L varying), jackknife SE over networks. */
export function relVarSlope(cells: readonly NtkAtInitCell[], along: 'n' | 'L'): SlopeFit {
  const xs = cells.map((c) => c[along]);
  // powerLaw.ts's jackknifeSlope fits means over networks; a relative variance is not a mean, so
  // the leave-one-network-out refits are done here on the statistic itself.
  const S = cells[0].samples.length;
  const rv = (vals: number[]) => {
    const m = vals.reduce((a, b) => a + b, 0) / vals.length;
    return vals.reduce((a, b) => a + (b - m) ** 2, 0) / (vals.length - 1) / (m * m);
  };
  const full = cells.map((c) => rv(c.samples));
  const fit = (ys: number[]) => {
    const lx = xs.map(Math.log);
    const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
    let sxx = 0;
    let sxy = 0;
    lx.forEach((x, i) => {
      sxx += (x - mx) ** 2;
      sxy += (x - mx) * Math.log(ys[i]);
    });
    return sxy / sxx;
  };
  const loo: number[] = [];
  for (let s = 0; s < S; s++) loo.push(fit(cells.map((c) => rv(c.samples.filter((_, k) => k !== s)))));
  const mu = loo.reduce((a, b) => a + b, 0) / S;
  return { slope: fit(full), se: Math.sqrt(((S - 1) / S) * loo.reduce((a, b) => a + (b - mu) ** 2, 0)) };
}
