/**
 * WebGPU training step timings (issue 17): one full-batch SGD step (forward, backward, update) of the
 * training MLP (L = 2 hidden layers, tanh, µP, d = 8, a batch of B = 64 teacher–student inputs) on
 * GpuTrainer, at n = 1024, 2048, 4096, 8192, on whatever adapter Dawn finds (named in the result).
 * Run alone: node bin/run-ts.mjs bench/trainingGpu.ts [--widths=1024,2048,4096,8192] [--both] [--batch=64]
 *
 * Products: tiled (workgroup-memory tiles) on a hardware GPU, untiled on a software adapter
 * (SwiftShader, where barriers cost a coroutine switch); --both times both. Flops per step (multiply–add
 * = 2): forward 2B(dn + n² + n), weight gradients the same, input gradients 2B(n² + n): ≈ 6Bn².
 * The hidden matrix at n = 8192 is 256 MiB: it runs as row blocks of at most the device's storage
 * binding size (`blocks` in the result). Each width: a pilot step, then up to 5 timed steps (median)
 * while the total stays under --max-seconds (default 60). No test asserts these timings.
 */
import { pathToFileURL } from 'node:url';
import { activation } from '../src/core/activations.ts';
import { openDevice } from '../src/backends/webgpu/device.ts';
import { createNodeGpu } from '../src/backends/webgpu/node.ts';
import { resolveLayers, type NetworkConfig } from '../src/training/network.ts';
import { presetExponents } from '../src/training/parametrisation.ts';
import { makeDataset } from '../src/training/tasks.ts';
import { GpuTrainer, isSoftwareAdapter } from '../src/training/webgpu/gpuTrainer.ts';

export interface TrainingGpuBenchOptions {
  readonly widths?: readonly number[];
  readonly batch?: number;
  /** Time the tiled and the untiled products (default: the adapter's own choice only). */
  readonly both?: boolean;
  readonly maxSeconds?: number;
}

export async function benchTrainingGpu(o: TrainingGpuBenchOptions = {}): Promise<object> {
  const widths = o.widths ?? [1024, 2048, 4096, 8192];
  const B = o.batch ?? 64;
  const maxSeconds = o.maxSeconds ?? 60;
  const { gpu, note } = await createNodeGpu();
  const { adapter, device, description } = await openDevice(gpu, 'training bench');
  const software = isSoftwareAdapter(adapter.info);
  const variants = o.both ? [true, false] : [!software];
  const data = makeDataset({ task: 'teacher', N: B, d: 8, seed: 1 });
  const runs: object[] = [];
  for (const tiled of variants) {
    for (const n of widths) {
      const config: NetworkConfig = { arch: 'mlp', act: activation('tanh'), n, L: 2, d: 8, sw2: 1, exponents: presetExponents('mup'), eta: 0.1, seed: 1, net: 0 };
      const trainer = await GpuTrainer.create(device, { config, layers: resolveLayers(config) }, B, { drawOnGpu: true, tiled });
      const step = async () => {
        const t0 = performance.now();
        trainer.step(data.x, data.y);
        await device.queue.onSubmittedWorkDone();
        return (performance.now() - t0) / 1000;
      };
      const pilot = await step();
      const times = [pilot];
      let total = pilot;
      while (times.length < 6 && total + pilot < maxSeconds) {
        const t = await step();
        times.push(t);
        total += t;
      }
      const timed = times.length > 1 ? times.slice(1) : times;
      timed.sort((a, b) => a - b);
      const seconds = timed[Math.floor(timed.length / 2)];
      const flops = 2 * B * (8 * n + n * n + n) * 2 + 2 * B * (n * n + n);
      runs.push({ n, tiled, batch: B, blocks: trainer.blocks.map((b) => b.starts.length), steps: timed.length, msPerStep: +(seconds * 1000).toFixed(2), gflops: +(flops / seconds / 1e9).toPrecision(3) });
      trainer.dispose();
      await device.queue.onSubmittedWorkDone();
      if (pilot > maxSeconds) break; // the next width is 4× the work
    }
  }
  device.destroy();
  void [gpu, adapter]; // alive to the end: Dawn's device dies with a garbage-collected GPU object
  return {
    adapter: description,
    note,
    software,
    limits: { maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize, maxBufferSize: device.limits.maxBufferSize },
    flopCount: 'per step 4B(dn + n² + n) + 2B(n² + n), multiply–add = 2',
    runs,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (key: string) => process.argv.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3);
  const widths = arg('widths')?.split(',').map(Number);
  const batch = arg('batch') ? Number(arg('batch')) : undefined;
  const maxSeconds = arg('max-seconds') ? Number(arg('max-seconds')) : undefined;
  console.log(JSON.stringify(await benchTrainingGpu({ widths, batch, maxSeconds, both: process.argv.includes('--both') }), null, 2));
  process.exit(0);
}
