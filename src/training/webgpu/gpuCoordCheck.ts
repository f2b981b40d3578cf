/**
 * The coord check (coordCheck.ts) with every network trained on WebGPU (GpuTrainer, f32): the same
 * networks (seed s = the lab's network index s at every width, drawn on the GPU from the lab's keys),
 * the same batch, the same statistics, slopes and theory, so widths the CPU cannot reach in seconds
 * (n = 4096 and beyond) get the same table. The network, the recording and the summary are
 * coordCheck.ts's own functions; gpuCoordCheck.test.ts checks the two agree width by width.
 *
 * f32 floor: Δh is the difference of two f32 forward passes. A hidden pre-activation is a sum of n
 * products whose partial sums are O(1), so each pass carries a rounding error of about
 * √n·2^{−24}·O(1) (≈ 1e−6 at n = 4096), independent between the two passes once the change exceeds
 * an ulp. mean|Δh + e| overstates mean|Δh| by about E[e²]/(2|Δh|): the learning rate must keep every
 * recorded Δh well above √n·2^{−24} at the largest width (NTK's h² at n = 4096 and η = 10⁻⁴ is
 * ~1e−6: too small; at η = 10⁻³ it is ~1e−5, a bias below 1 %). docs/training.md §9.
 */
import { coordCheckCells, coordCheckIssue, coordCheckLayers, coordCheckNetwork, coordCheckParam, recordCoords, type CoordCheckOptions, type CoordCheckParam, type CoordCheckResult } from '../coordCheck.ts';
import { resolveLayers } from '../network.ts';
import { GpuTrainer } from './gpuTrainer.ts';

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
  return { widths, layers: coordCheckLayers(L), steps, seeds, params };
}
