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
import { presetExponents, type ParamName, type RoleExponents } from './parametrisation.ts';
import { jackknifeSlope, type SlopeFit } from './powerLaw.ts';
import { sweepIssue, type WidthSweepOptions } from './sweepOptions.ts';
import type { Dataset } from './tasks.ts';

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

export function runCoordCheck(o: CoordCheckOptions): CoordCheckResult {
  const issue = coordCheckIssue(o);
  if (issue) throw new RangeError(`coord check: ${issue}`);
  const { widths, L, steps, seeds, data } = o;
  const params = o.params.map((param): CoordCheckParam => {
    const exps = presetExponents(param, o.optimizer);
    const cells = coordCheckCells(o);
    widths.forEach((n, w) => {
      for (let s = 0; s < seeds; s++) {
        const net = new TrainNetwork(coordCheckNetwork(o, param, n, s));
        const opt = new Optimizer(net, o.optimizer);
        net.forward(data.x, data.N);
        const h0 = net.pre.map((p) => p.slice());
        const f0 = net.out.slice();
        const layersNow = () => [...net.pre.slice(0, L), net.out];
        recordCoords(cells, 0, w, s, layersNow(), [...h0, f0]);
        for (let t = 1; t <= steps; t++) {
          net.backward(data.x, data.y, data.loss);
          opt.step();
          net.forward(data.x, data.N);
          recordCoords(cells, t, w, s, layersNow(), [...h0, f0]);
        }
      }
    });
    return coordCheckParam(o, param, exps, cells);
  });
  return { widths, layers: coordCheckLayers(L), steps, seeds, params };
}

/** The network of seed s at width n (seed s is the lab's network index s: coupled widths). */
export function coordCheckNetwork(o: CoordCheckOptions, param: ParamName, n: number, s: number): NetworkConfig {
  return { arch: 'mlp', act: o.act, n, L: o.L, d: o.data.d, sw2: o.sw2, exponents: presetExponents(param, o.optimizer), eta: o.eta, seed: o.seed, net: s };
}

export function coordCheckLayers(L: number): string[] {
  return [...Array.from({ length: L }, (_, l) => `h${l + 1}`), 'f'];
}

/** Per-network statistics of one parametrisation, [t][layer][width][seed]. */
export interface CoordCells {
  readonly dh: Float64Array[][][];
  readonly h: Float64Array[][][];
}

export function coordCheckCells(o: CoordCheckOptions): CoordCells {
  const cells = (T: number) =>
    Array.from({ length: T }, () => Array.from({ length: o.L + 1 }, () => o.widths.map(() => new Float64Array(o.seeds))));
  return { dh: cells(o.steps), h: cells(o.steps + 1) };
}

/** Record mean|h_t| and (t ≥ 1) mean|h_t − h_0| per layer (h¹..h^L, f) of network (w, s) after step t. */
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

/** Seed means, standard errors, jackknife slopes against width and the theory's exponents. */
export function coordCheckParam(o: CoordCheckOptions, param: ParamName, exps: RoleExponents, cells: CoordCells): CoordCheckParam {
  const slopes = cells.dh.map((byL) => byL.map((byW) => jackknifeSlope(o.widths, byW)));
  const th = coordCheckExponents(exps, o.L, o.optimizer);
  return { param, dh: seedStat(cells.dh), h: seedStat(cells.h), slopes, theory: th.ok ? th.value : { reason: th.reason } };
}

function mean(a: Float64Array): number {
  let m = 0;
  for (const v of a) m += v / a.length;
  return m;
}

/** Mean over seeds and its standard error (sample sd/√S; NaN for one seed). */
function seedStat(all: Float64Array[][][]): SeedStat {
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
