/**
 * The coord check (Yang et al. 2021, Tensor Programs V, and microsoft/mup `mup/coord_check.py`): train networks
 * of growing width on one fixed batch ("fix_data") and record, per layer, the average size of a
 * coordinate. mup records l1 = mean|h_t| (mean over batch and coordinates, `FDICT['l1']`), averaged
 * over seeds; following issue 17 (and TP-V's plots of h_t − h_0) we also record the change
 * mean|h_t − h_0| after t = 1..T steps, which separates the update from the initial value.
 * Widths are coupled: the network of seed s is the lab's network index s at every width, so the
 * width-n initial weights are the top-left block of the width-2n ones (network.ts).
 */
import type { Activation } from '../core/activations.ts';
import { coordCheckExponents, type CoordExponents } from './exponents.ts';
import { isResidual, TrainNetwork, type NetworkConfig, type TrainArch } from './network.ts';
import { Optimizer } from './optimizer.ts';
import { presetExponents, type OptimizerName, type ParamName } from './parametrisation.ts';
import { jackknifeSlope, type SlopeFit } from './powerLaw.ts';
import { sweepIssue, type WidthSweepOptions } from './sweepOptions.ts';
import type { Dataset } from './tasks.ts';
import { drain, drawWork, stepWork, type Sweep } from './work.ts';

export interface CoordCheckOptions extends WidthSweepOptions {
  readonly arch?: TrainArch;
}

/** One statistic over seeds: [t][layer][width] means and standard errors of the mean. */
export interface SeedStat {
  readonly mean: number[][][];
  readonly se: number[][][];
}

export interface CoordCheckParam {
  readonly param: ParamName;
  /** mean|h_t − h_0| (layers h¹..h^L, then f), t = 1..steps (index t − 1). */
  readonly dh: SeedStat;
  /** mean|h_t| as in mup's `l1`, t = 0..steps (index t). */
  readonly h: SeedStat;
  /** Log-log slope of dh against width, per [t][layer]. */
  readonly slopes: SlopeFit[][];
  /** The abc theory's exponents (exponents.ts), or why it does not apply. */
  readonly theory: CoordExponents | { readonly reason: string };
}

export interface CoordCheckResult {
  readonly widths: readonly number[];
  /** 'h1'…'hL', 'f'. */
  readonly layers: readonly string[];
  readonly steps: number;
  readonly seeds: number;
  readonly params: CoordCheckParam[];
}

export function coordCheckIssue(o: CoordCheckOptions): string | undefined {
  const bad = sweepIssue(o);
  if (bad) return bad;
  if (isResidual(o.arch ?? 'mlp')) return `arch = ${String(o.arch)}: the coord check runs on the mlp (the exponent table is for the MLP)`;
  return undefined;
}

/** Multiply–adds of the whole coord check (its progress total; the cost model's count). */
export function coordCheckWork(o: CoordCheckOptions): number {
  return o.widths.reduce((sum, n) => sum + o.params.length * o.seeds * ((o.steps + 1) * stepWork(n, o.L, o.data.d, o.data.N) + drawWork(n, o.L, o.data.d)), 0);
}

/**
 * The coord check as a sweep (work.ts): widths outer, then parametrisations, then coupled seeds, a
 * tick after every optimiser step and a partial result after every width. Each network's numbers
 * do not depend on the order, so this is runCoordCheck's computation, streamed.
 */
/** The network of seed s at width n: the lab's network index s (coupled widths). Also the GPU coord check's. */
export function coordCheckNetwork(o: CoordCheckOptions, param: ParamName, n: number, s: number): NetworkConfig {
  return { arch: 'mlp', act: o.act, n, L: o.L, d: o.data.d, sw2: o.sw2, exponents: presetExponents(param, o.optimizer), eta: o.eta, seed: o.seed, net: s };
}

/** Per-network statistics of one parametrisation, [t][layer][width][seed]. */
export interface CoordCells {
  readonly dh: Float64Array[][][];
  readonly h: Float64Array[][][];
}

export function coordCheckCells(o: CoordCheckOptions): CoordCells {
  const cells = (T: number) => Array.from({ length: T }, () => Array.from({ length: o.L + 1 }, () => o.widths.map(() => new Float64Array(o.seeds))));
  return { dh: cells(o.steps), h: cells(o.steps + 1) };
}

/** mean|h_t| and (t ≥ 1) mean|h_t − h_0| per layer (h¹..h^L, f) of network (width w, seed s). */
export function recordCoords(cells: CoordCells, t: number, w: number, s: number, now: readonly ArrayLike<number>[], init: readonly ArrayLike<number>[]): void {
  now.forEach((cur, l) => {
    const i0 = init[l];
    let a = 0;
    let dlt = 0;
    for (let j = 0; j < cur.length; j++) {
      a += Math.abs(cur[j]);
      dlt += Math.abs(cur[j] - i0[j]);
    }
    cells.h[t][l][w][s] = a / cur.length;
    if (t > 0) cells.dh[t - 1][l][w][s] = dlt / cur.length;
  });
}

/** One parametrisation's table over the first k widths (slopes need two): seed means, slopes, theory. */
export function coordCheckParam(o: CoordCheckOptions, param: ParamName, cells: CoordCells, k = o.widths.length): CoordCheckParam {
  const first = (all: Float64Array[][][]) => all.map((byL) => byL.map((byW) => byW.slice(0, k)));
  const dh = first(cells.dh);
  const th = coordCheckExponents(presetExponents(param, o.optimizer), o.L, o.optimizer);
  return {
    param,
    dh: seedStat(dh),
    h: seedStat(first(cells.h)),
    slopes: k >= 2 ? dh.map((byL) => byL.map((byW) => jackknifeSlope(o.widths.slice(0, k), byW))) : dh.map((byL) => byL.map(() => ({ slope: Number.NaN, se: Number.NaN }))),
    theory: th.ok ? th.value : { reason: th.reason },
  };
}

/** The layer names of a coord check: h¹..h^L, then the output f. */
export function coordCheckLayers(L: number): string[] {
  return [...Array.from({ length: L }, (_, l) => `h${l + 1}`), 'f'];
}

/**
 * The coord check as a sweep (work.ts): widths outer, then parametrisations, then coupled seeds, a
 * tick after every optimiser step and a partial result after every width. Each network's numbers
 * do not depend on the order, so this is runCoordCheck's computation, streamed.
 */
export function* coordCheckSweep(o: CoordCheckOptions): Sweep<CoordCheckResult> {
  const issue = coordCheckIssue(o);
  if (issue) throw new RangeError(`coord check: ${issue}`);
  const { widths, L, steps, seeds, data } = o;
  const layers = coordCheckLayers(L);
  const per = o.params.map((param) => ({ param, cells: coordCheckCells(o) }));
  const work = (n: number) => stepWork(n, L, data.d, data.N);
  const total = coordCheckWork(o);
  let done = 0;
  // The result over the first k widths (slopes need two).
  const result = (k: number): CoordCheckResult => ({ widths: widths.slice(0, k), layers, steps, seeds, params: per.map(({ param, cells }) => coordCheckParam(o, param, cells, k)) });
  for (let w = 0; w < widths.length; w++) {
    const n = widths[w];
    for (const { param, cells } of per) {
      for (let s = 0; s < seeds; s++) {
        const net = new TrainNetwork(coordCheckNetwork(o, param, n, s));
        const opt = new Optimizer(net, o.optimizer);
        const coords = () => [...net.pre.slice(0, L), net.out];
        net.forward(data.x, data.N);
        const init = coords().map((a) => a.slice());
        recordCoords(cells, 0, w, s, init, init);
        done += work(n) + drawWork(n, L, data.d);
        yield { done, total };
        for (let t = 1; t <= steps; t++) {
          net.backward(data.x, data.y, data.loss);
          opt.step();
          net.forward(data.x, data.N);
          recordCoords(cells, t, w, s, coords(), init);
          done += work(n);
          yield { done, total };
        }
      }
    }
    const k = w + 1;
    yield { done, total, partial: () => result(k) };
  }
  return result(widths.length);
}

export function runCoordCheck(o: CoordCheckOptions): CoordCheckResult {
  return drain(coordCheckSweep(o));
}

function mean(a: Float64Array): number {
  let m = 0;
  for (const v of a) m += v / a.length;
  return m;
}

/** Mean over seeds and its standard error (sample sd/√S; NaN for one seed). Also the GPU coord check's. */
export function seedStat(all: Float64Array[][][]): SeedStat {
  const m = all.map((byL) => byL.map((byW) => byW.map(mean)));
  const se = all.map((byL) => byL.map((byW) => byW.map((a) => {
    const S = a.length;
    if (S < 2) return Number.NaN;
    const mu = mean(a);
    let v = 0;
    for (const x of a) v += (x - mu) ** 2;
    return Math.sqrt(v / (S - 1) / S);
  })));
  return { mean: m, se };
}
