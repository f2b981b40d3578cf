/**
 * The coord check (coordCheck.ts) with every network trained on WebGPU (GpuTrainer, f32): the same
 * networks (seed s = the lab's network index s at every width, drawn on the GPU from the lab's keys),
 * the same batch, the same statistics, slopes and theory, so widths the CPU cannot reach in seconds
 * (n = 4096 and beyond) get the same table.
 *
 * f32 floor: Δh is the difference of two f32 forward passes. A hidden pre-activation is a sum of n
 * products whose partial sums are O(1), so each pass carries a rounding error of about
 * √n·2^{−24}·O(1) (≈ 1e−6 at n = 4096), independent between the two passes once the change exceeds
 * an ulp. mean|Δh + e| overstates mean|Δh| by about E[e²]/(2|Δh|): the learning rate must keep every
 * recorded Δh well above √n·2^{−24} at the largest width (NTK's h² at n = 4096 and η = 10⁻⁴ is
 * ~1e−6: too small; at η = 10⁻³ it is ~1e−5, a bias below 1 %). docs/training.md §9.
 */
import { coordCheckIssue, seedStat, type CoordCheckOptions, type CoordCheckParam, type CoordCheckResult } from '../coordCheck.ts';
import { coordCheckExponents } from '../exponents.ts';
import { resolveLayers, type NetworkConfig } from '../network.ts';
import { presetExponents, type ParamName } from '../parametrisation.ts';
import { jackknifeSlope } from '../powerLaw.ts';
import { GpuTrainer } from './gpuTrainer.ts';

// The network, the recording and the summary below are runCoordCheck's (coordCheck.ts), written
// out here so that the two stay separate files while runCoordCheck is being reshaped (issue 17's
// streamed sweeps); gpuCoordCheck.test.ts checks the two agree width by width.

/** The network of seed s at width n: the lab's network index s (coupled widths). */
function coordCheckNetwork(o: CoordCheckOptions, param: ParamName, n: number, s: number): NetworkConfig {
  return { arch: 'mlp', act: o.act, n, L: o.L, d: o.data.d, sw2: o.sw2, exponents: presetExponents(param, o.optimizer), eta: o.eta, seed: o.seed, net: s };
}

/** Per-network statistics of one parametrisation, [t][layer][width][seed]. */
interface CoordCells {
  readonly dh: Float64Array[][][];
  readonly h: Float64Array[][][];
}

function coordCheckCells(o: CoordCheckOptions): CoordCells {
  const cells = (T: number) => Array.from({ length: T }, () => Array.from({ length: o.L + 1 }, () => o.widths.map(() => new Float64Array(o.seeds))));
  return { dh: cells(o.steps), h: cells(o.steps + 1) };
}

/** mean|h_t| and (t ≥ 1) mean|h_t − h_0| per layer (h¹..h^L, f) of network (w, s). */
function recordCoords(cells: CoordCells, t: number, w: number, s: number, now: readonly ArrayLike<number>[], init: readonly ArrayLike<number>[]): void {
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

function coordCheckParam(o: CoordCheckOptions, param: ParamName, cells: CoordCells): CoordCheckParam {
  const slopes = cells.dh.map((byL) => byL.map((byW) => jackknifeSlope(o.widths, byW)));
  const th = coordCheckExponents(presetExponents(param, o.optimizer), o.L, o.optimizer);
  return { param, dh: seedStat(cells.dh), h: seedStat(cells.h), slopes, theory: th.ok ? th.value : { reason: th.reason } };
}

export interface GpuCoordCheckProgress {
  readonly param: string;
  readonly n: number;
  readonly seed: number;
}

export async function runGpuCoordCheck(
  device: GPUDevice,
  o: CoordCheckOptions,
  onNetwork?: (p: GpuCoordCheckProgress) => void,
  trainer: { readonly tiled?: boolean } = {},
): Promise<CoordCheckResult> {
  const issue = coordCheckIssue(o);
  if (issue) throw new RangeError(`GPU coord check: ${issue}`);
  if (o.data.loss !== 'mse') throw new RangeError(`GPU coord check: loss = ${o.data.loss}: the GPU trainer takes the mse loss only (a regression task, e.g. teacher)`);
  const { widths, L, steps, seeds, data } = o;
  const params: CoordCheckParam[] = [];
  for (const param of o.params) {
    const cells = coordCheckCells(o);
    for (let w = 0; w < widths.length; w++) {
      for (let s = 0; s < seeds; s++) {
        const config = coordCheckNetwork(o, param, widths[w], s);
        const gt = await GpuTrainer.create(device, { config, layers: resolveLayers(config) }, data.N, { drawOnGpu: true, optimizer: o.optimizer, tiled: trainer.tiled });
        try {
          const read = async () => [...(await Promise.all(gt.preBuffers.slice(0, L).map((b) => gt.read(b)))), await gt.read(gt.outBuffer)].map((a, l) => (l < L ? a.subarray(0, data.N * widths[w]) : a.subarray(0, data.N)));
          gt.forward(data.x);
          const init = await read();
          recordCoords(cells, 0, w, s, init, init);
          for (let t = 1; t <= steps; t++) {
            gt.step(data.x, data.y);
            gt.forward(data.x);
            recordCoords(cells, t, w, s, await read(), init);
          }
        } finally {
          gt.dispose();
        }
        onNetwork?.({ param, n: widths[w], seed: s });
      }
    }
    params.push(coordCheckParam(o, param, cells));
  }
  return { widths, layers: [...Array.from({ length: L }, (_, l) => `h${l + 1}`), 'f'], steps, seeds, params };
}
