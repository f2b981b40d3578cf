/**
 * Issue 18: the curve networks on WebGPU (geometry/curveGpu.ts) against the CPU samplers, with the
 * cost model's estimates next to the measured times (node bin/run-ts.mjs bench/curveGpu.ts [--full]).
 * For a GPU session: the curve kernel's throughput, and whether curvemethod=auto's choice
 * (experiments/plan.ts curveSampler) picks the faster sampler. Prints JSON; timings are only
 * comparable within one run (and meaningless on a loaded machine). Default sizes suit SwiftShader;
 * --full runs n up to 2048 and k up to 256 (a hardware GPU).
 */
import { createNodeGpu } from '../src/backends/webgpu/node.ts';
import { openDevice } from '../src/backends/webgpu/device.ts';
import { DEFAULT_SPEC, type Spec } from '../src/core/spec.ts';
import { Yielder } from '../src/backends/cpu/yielder.ts';
import { sampleCurves, sampleCurvesGpu } from '../src/geometry/curveMonteCarlo.ts';
import { curveSampler, estimateRun } from '../src/experiments/plan.ts';

const full = process.argv.includes('--full');
const { gpu, note } = await createNodeGpu();
const { device, description } = await openDevice(gpu, 'curve bench');
const sizes: [number, number, number, number][] = full
  ? [[512, 16, 16, 64], [2048, 16, 16, 32], [512, 128, 16, 16], [256, 256, 16, 16], [2048, 256, 8, 4]]
  : [[64, 8, 8, 8], [128, 32, 4, 4], [32, 128, 4, 4]];
const rows = [];
for (const [n, k, L, M] of sizes) {
  const spec: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2: 2.5, sb2: 0.05, n, L, M, curve: `circle:${k}` };
  const curve = { k, q: 1 };
  const time = async (f: () => unknown) => {
    const t0 = performance.now();
    await f();
    return (performance.now() - t0) / 1000;
  };
  const gpuSeconds = await time(() => sampleCurvesGpu(spec, curve, device, new Yielder()));
  const gramSeconds = await time(() => sampleCurves(spec, curve, { method: 'gram' }));
  const explicitSeconds = await time(() => sampleCurves(spec, curve, { method: 'explicit' }));
  const backend = { name: 'webgpu' as const, adapter: description };
  const part = (s: Spec, b: typeof backend | 'cpu') => estimateRun(s, b).parts.find((p) => p.keys.includes('curve'))!.seconds;
  rows.push({
    n, k, L, M,
    measured: { webgpuExplicit: gpuSeconds, cpuGram: gramSeconds, cpuExplicit: explicitSeconds },
    estimated: {
      webgpuExplicit: part({ ...spec, curvemethod: 'explicit' }, backend),
      cpuGram: part({ ...spec, curvemethod: 'gram' }, 'cpu'),
      cpuExplicit: part({ ...spec, curvemethod: 'explicit' }, 'cpu'),
    },
    autoOnThisBackend: curveSampler({ ...spec, curvemethod: 'auto' }, backend).method,
  });
}
device.destroy();
console.log(JSON.stringify({ adapter: description, note, rows }, null, 1));
