// The acceptance run of issue 17's GPU coord check: MLP, SGD, one step, widths 64…4096 on WebGPU
// (gpuCoordCheck.test.ts runs 64…512, what SwiftShader manages in a unit test). One command:
//   node bin/run-ts.mjs tools/training/gpuCoordCheck.ts [--widths=64,128,…] [--seeds=4] [--params=sp,ntk,mup,mf]
// Prints the adapter, then per parametrisation and layer the fitted slope ± its jackknife SE
// against the abc table (docs/training.md Table 2), and the seed means of mean|Δh| per width, as
// JSON. Learning rates as in the test: SP 1e−4, the others 1e−3 (the f32 floor, gpuCoordCheck.ts).
// On SwiftShader the untiled products run (isSoftwareAdapter) and n = 4096 takes minutes per network.
import { activation } from '../../src/core/activations.ts';
import { describeAdapter } from '../../src/backends/webgpu/device.ts';
import { createNodeGpu } from '../../src/backends/webgpu/node.ts';
import { PARAM_NAMES, type ParamName } from '../../src/training/parametrisation.ts';
import { makeDataset } from '../../src/training/tasks.ts';
import { runGpuCoordCheck } from '../../src/training/webgpu/gpuCoordCheck.ts';
import { isSoftwareAdapter } from '../../src/training/webgpu/gpuTrainer.ts';

const arg = (key: string) => process.argv.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3);
const widths = (arg('widths') ?? '64,128,256,512,1024,2048,4096').split(',').map(Number);
const seeds = Number(arg('seeds') ?? 4);
const params = (arg('params') ?? PARAM_NAMES.join(',')).split(',') as ParamName[];

const { gpu, note } = await createNodeGpu();
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) throw new Error('no WebGPU adapter');
const limits = adapter.limits;
const device = await adapter.requestDevice({
  requiredLimits: { maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize, maxBufferSize: limits.maxBufferSize },
});
const tiled = !isSoftwareAdapter(adapter.info);
console.log(JSON.stringify({ adapter: describeAdapter(adapter.info), note, tiled, widths, seeds }));
const data = makeDataset({ task: 'teacher', N: 8, d: 8, seed: 1, targetScale: 10 });
const t0 = performance.now();
for (const param of params) {
  const eta = param === 'sp' ? 1e-4 : 1e-3;
  const r = await runGpuCoordCheck(
    device,
    { params: [param], widths, L: 2, steps: 1, seeds, eta, optimizer: 'sgd', act: activation('tanh'), sw2: 1, seed: 1, data },
    (p) => { if (p.seed === seeds - 1) console.error(`${param} n = ${p.n} done at ${((performance.now() - t0) / 1000).toFixed(0)} s`); },
    { tiled },
  );
  const p = r.params[0];
  const theory = 'hidden' in p.theory ? [...p.theory.hidden, p.theory.output] : [];
  console.log(JSON.stringify({
    param,
    eta,
    slopes: Object.fromEntries(r.layers.map((l, i) => [l, { slope: +p.slopes[0][i].slope.toFixed(3), se: +p.slopes[0][i].se.toFixed(3), theory: theory[i], within01: Math.abs(p.slopes[0][i].slope - theory[i]) < 0.1 }])),
    meanAbsDh: Object.fromEntries(r.layers.map((l, i) => [l, p.dh.mean[0][i].map((v) => +v.toPrecision(4))])),
  }));
}
console.log(JSON.stringify({ seconds: Math.round((performance.now() - t0) / 1000) }));
void [gpu, adapter]; // alive to the end: Dawn's device dies with a garbage-collected GPU object
process.exit(0);
