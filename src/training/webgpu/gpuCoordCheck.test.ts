/**
 * The coord check on WebGPU (issue 17 acceptance: MLP, SGD, one step, fitted slopes within ±0.1 of
 * the abc table). SwiftShader (a CPU Vulkan) runs widths 64…512 here; the widths 64…4096 of the
 * acceptance are one command, `node bin/run-ts.mjs tools/training/gpuCoordCheck.ts`, whose figures
 * are in docs/training.md §9.
 *
 * Learning rates: SP at η = 10⁻⁴ (as the CPU test: its f grows like n, so a larger η leaves the
 * first-order regime at large n); NTK, µP, MF at η = 10⁻³, which keeps NTK's smallest change (h²,
 * ∝ n^{−1/2}) ≳ 3e−5 at n = 512 and ~1e−5 at 4096, above the f32 floor of a difference of two
 * forward passes (≈ √n·2^{−24}, gpuCoordCheck.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activation } from '../../core/activations.ts';
import { createNodeGpu } from '../../backends/webgpu/node.ts';
import { runCoordCheck, type CoordCheckOptions, type CoordCheckResult } from '../coordCheck.ts';
import type { ParamName } from '../parametrisation.ts';
import { makeDataset } from '../tasks.ts';
import { runGpuCoordCheck } from './gpuCoordCheck.ts';
import { isSoftwareAdapter } from './gpuTrainer.ts';

let device: GPUDevice;
let gpu: GPU | undefined;
/** Tiled products on a hardware GPU; the untiled twins on SwiftShader (gpuTrainer.ts isSoftwareAdapter). */
let tiled = true;
beforeAll(async () => {
  gpu = (await createNodeGpu()).gpu;
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter (Dawn found none, and SwiftShader is not installed)');
  tiled = !isSoftwareAdapter(adapter.info);
  device = await adapter.requestDevice();
});
afterAll(() => {
  device?.destroy();
  gpu = undefined;
});

const data = makeDataset({ task: 'teacher', N: 8, d: 8, seed: 1, targetScale: 10 });
const base = { widths: [64, 128, 256, 512], L: 2, steps: 1, seeds: 4, optimizer: 'sgd', act: activation('tanh'), sw2: 1, seed: 1, data } as const;
const runs: { params: ParamName[]; eta: number }[] = [
  { params: ['sp'], eta: 1e-4 },
  { params: ['ntk', 'mup', 'mf'], eta: 1e-3 },
];

describe('coord check on WebGPU, MLP, SGD, one step, widths 64…512', () => {
  const results: { gpu: CoordCheckResult; cpu: CoordCheckResult }[] = [];
  beforeAll(async () => {
    for (const r of runs) {
      const o: CoordCheckOptions = { ...base, ...r };
      results.push({ gpu: await runGpuCoordCheck(device, o, undefined, { tiled }), cpu: runCoordCheck(o) });
    }
  }, 120_000);
  const find = (param: ParamName) => {
    for (const r of results) {
      const g = r.gpu.params.find((p) => p.param === param);
      const c = r.cpu.params.find((p) => p.param === param);
      if (g && c) return { g, c, layers: r.gpu.layers };
    }
    throw new Error(`no run for ${param}`);
  };
  it.each(['sp', 'ntk', 'mup', 'mf'] as ParamName[])('%s: fitted slopes = the abc table ± 0.1, and every width’s mean|Δh| = the f64 CPU run’s on the same networks within 1 %', (param) => {
    const { g, c, layers } = find(param);
    if (!('hidden' in g.theory)) throw new Error(g.theory.reason);
    const theory = [...g.theory.hidden, g.theory.output];
    expect(layers).toEqual(['h1', 'h2', 'f']);
    theory.forEach((e, l) => {
      const fit = g.slopes[0][l];
      // Tolerance as coordCheck.test.ts: jackknife SE ≈ 0.02–0.03 over 4 seeds plus a finite-width
      // bias ≈ 0.03; a wrong exponent (gaps of ½) is off by > 10 SE.
      expect(fit.se).toBeLessThan(0.04);
      expect(Math.abs(fit.slope - e), `${param} ${layers[l]}: GPU slope ${fit.slope.toFixed(3)} ± ${fit.se.toFixed(3)} vs ${e}`).toBeLessThan(0.1);
    });
    // Same networks (the GPU draws equal the CPU's to 1e−5 relative), so the seed means agree to
    // the f32 floor: per coordinate |e|/|Δh| ≲ √(2n)·2^{−24}·O(1)/|Δh| ≤ 0.02 here, averaged over
    // B·n = 512…4096 coordinates (random signs) and a bias E[e²]/(2Δh²) ≤ 2e−4: well under 1 %;
    // a wrong multiplier, learning rate or missing φ' is O(1).
    g.dh.mean[0].forEach((byW, l) =>
      byW.forEach((v, w) => {
        const want = c.dh.mean[0][l][w];
        expect(Math.abs(v - want) / want, `${param} ${layers[l]} n = ${base.widths[w]}: GPU ${v} vs CPU ${want}`).toBeLessThan(0.01);
      }),
    );
    expect(Math.max(...g.dh.mean[0].slice(0, 2).flat())).toBeLessThan(0.2);
  });
  it('a classification task (logistic loss) is refused: the GPU trainer takes mse', async () => {
    const spirals = makeDataset({ task: 'spirals', N: 8, seed: 1 });
    await expect(runGpuCoordCheck(device, { ...base, params: ['mup'], eta: 1e-3, data: spirals })).rejects.toThrow(/loss = logistic: the GPU trainer takes the mse loss only/);
  });
});
