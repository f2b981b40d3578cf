// One SGD step at a large width on WebGPU against the f64 CPU engine (issue 17: widths up to 8192),
// with the weight matrices split into row blocks of at most 128 MiB (WebGPU's default
// maxStorageBufferBindingSize; an 8192 × 8192 f32 matrix is 256 MiB, so 2 blocks). Minutes on
// SwiftShader; not a unit test (gpuTrainer.test.ts checks the split at small n).
//   node bin/run-ts.mjs tools/training/gpuParityWide.ts [--n=8192] [--batch=8] [--max-buffer-mib=128] [--tiled=true|false]
// Prints per array max|gpu − cpu| / max|cpu| and the f32 bound it is held to.
import { activation } from '../../src/core/activations.ts';
import { openDevice } from '../../src/backends/webgpu/device.ts';
import { createNodeGpu } from '../../src/backends/webgpu/node.ts';
import { TrainNetwork } from '../../src/training/network.ts';
import { Optimizer } from '../../src/training/optimizer.ts';
import { presetExponents } from '../../src/training/parametrisation.ts';
import { makeDataset } from '../../src/training/tasks.ts';
import { GpuTrainer, isSoftwareAdapter } from '../../src/training/webgpu/gpuTrainer.ts';

const arg = (key: string) => process.argv.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3);
const n = Number(arg('n') ?? 8192);
const B = Number(arg('batch') ?? 8);
const maxMiB = Number(arg('max-buffer-mib') ?? 128);
const tiledArg = arg('tiled');
const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(0);
// All CPU work first (the f64 step at n = 8192 takes a while), then the device.
const data = makeDataset({ task: 'teacher', N: B, d: 8, seed: 2 });
const cpu = new TrainNetwork({ arch: 'mlp', act: activation('tanh'), n, L: 2, d: 8, sw2: 1.5, exponents: presetExponents('mup'), eta: 0.05, seed: 9, net: 3 });
for (const w of cpu.weights) for (let j = 0; j < w.length; j++) w[j] = Math.fround(w[j]);
const w0 = cpu.weights.map((w) => w.slice());
cpu.forward(data.x, B);
const out0 = cpu.out.slice();
cpu.backward(data.x, data.y, 'mse');
new Optimizer(cpu, 'sgd').step();
console.error(`CPU step at ${secs()} s`);
const { gpu } = await createNodeGpu();
const { adapter, device, description } = await openDevice(gpu, 'wide parity');
const maxBufferBytes = Math.min(maxMiB * 2 ** 20, device.limits.maxStorageBufferBindingSize);
const tiled = tiledArg === undefined ? !isSoftwareAdapter(adapter.info) : tiledArg === 'true';
const trainer = await GpuTrainer.create(device, { config: cpu.config, layers: cpu.layers, weights: w0 }, B, { maxBufferBytes, tiled });
console.error(`created at ${secs()} s; blocks per layer ${trainer.blocks.map((b) => b.starts.length).join(', ')}`);
trainer.step(data.x, data.y);
await device.queue.onSubmittedWorkDone();
console.error(`GPU step at ${secs()} s`);
const rel = (g: ArrayLike<number>, c: ArrayLike<number>) => {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < c.length; i++) {
    worst = Math.max(worst, Math.abs(g[i] - c[i]));
    scale = Math.max(scale, Math.abs(c[i]));
  }
  return worst / scale;
};
const report: Record<string, number> = { f: rel(await trainer.read(trainer.outBuffer), out0) };
for (let k = 0; k < cpu.weights.length; k++) report[`dW${k + 1}`] = rel(await trainer.readLayer('grads', k), cpu.grads[k]);
// Tolerance: a sum of m f32 products errs by ≤ m·2^{−24} of Σ|terms| (Higham 2002, ch. 3): n·2^{−24}.
console.log(JSON.stringify({ adapter: description, n, batch: B, tiled, maxBufferBytes, blocks: trainer.blocks.map((b) => b.starts.length), relError: report, bound: n * 2 ** -24, seconds: +secs() }));
// Keep Dawn's GPU and adapter objects alive to the end: when they were garbage-collected during the
// run the process died in Dawn (futex / mutex assertion / segfault, 5 runs of 5 at n = 1024).
void [gpu, adapter];
trainer.dispose();
device.destroy();
process.exit(0);
