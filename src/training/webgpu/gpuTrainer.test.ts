/**
 * CPU/WebGPU parity of one training step (issue 17 acceptance): the same initial network (the CPU
 * engine's weights, rounded to f32), the same batch, one full-batch SGD step on each; the gradients,
 * the outputs and the updated weights agree to f32 rounding.
 *
 * Tolerance: every quantity here is a sum of at most n = 64 products (then a few layers deep); a
 * sum of m f32 products has error ≤ γ_m Σ|terms| ≈ m·2^{−24} Σ|terms| (Higham 2002, ch. 3), i.e.
 * ≤ 4e−6 relative to the largest entry for m = 64, and tanh in f32 adds ~1e−7; the inputs and
 * weights were rounded to f32 (6e−8). We allow 2e−5 of the largest |entry| per array: above the
 * worst-case bound, far below any real error (a wrong multiplier or a missing φ' is O(1)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activation } from '../../core/activations.ts';
import { createNodeGpu } from '../../backends/webgpu/node.ts';
import { TrainNetwork } from '../network.ts';
import { Optimizer } from '../optimizer.ts';
import { depthMuP, presetExponents, type ParamName } from '../parametrisation.ts';
import { makeDataset } from '../tasks.ts';
import { GpuTrainer, isSoftwareAdapter } from './gpuTrainer.ts';

let device: GPUDevice;
let adapterInfo: GPUAdapterInfo;
// Held for the whole file: if Dawn's GPU object is garbage-collected, its devices go with it.
let gpu: GPU | undefined;
beforeAll(async () => {
  gpu = (await createNodeGpu()).gpu;
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter (Dawn found none, and SwiftShader is not installed)');
  adapterInfo = adapter.info;
  device = await adapter.requestDevice();
});
afterAll(() => {
  device?.destroy();
  gpu = undefined;
});

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function expectClose(gpu: ArrayLike<number>, cpu: ArrayLike<number>, what: string): void {
  expect(gpu.length).toBeGreaterThanOrEqual(cpu.length);
  const scale = maxAbs(cpu);
  expect(scale, `${what}: the CPU values are not all zero`).toBeGreaterThan(0);
  let worst = 0;
  for (let i = 0; i < cpu.length; i++) worst = Math.max(worst, Math.abs(gpu[i] - cpu[i]));
  expect(worst / scale, `${what}: max |gpu − cpu| / max |cpu|`).toBeLessThan(2e-5);
}

interface SgdCase {
  readonly arch: 'mlp' | 'resnet';
  readonly param: ParamName;
  readonly n?: number;
  readonly batch?: number;
  /** Force the row-block split (GpuTrainerOptions.maxBufferBytes). */
  readonly maxBufferBytes?: number;
  /** GpuTrainerOptions.tiled (here default true: the tiled kernels are what a GPU runs). */
  readonly tiled?: boolean;
}

async function sgdParity({ arch, param, n = 64, batch = 8, maxBufferBytes, tiled = true }: SgdCase): Promise<void> {
  device.pushErrorScope('validation');
  const data = makeDataset({ task: 'teacher', N: batch, d: 8, seed: 2 });
  // ResNet: Depth-µP branches (L^{−1/2}), 3 blocks.
  const config = { arch, act: activation('tanh'), n, L: arch === 'mlp' ? 2 : 3, d: 8, sw2: 1.5, exponents: presetExponents(param), depth: depthMuP('sgd'), eta: 0.05, seed: 9, net: 3 };
  const cpu = new TrainNetwork(config);
  // The GPU starts from the CPU's weights rounded to f32; give the CPU the same rounded start.
  for (const w of cpu.weights) for (let j = 0; j < w.length; j++) w[j] = Math.fround(w[j]);
  const gpu = await GpuTrainer.create(device, cpu, data.N, { maxBufferBytes, tiled });
  if (maxBufferBytes !== undefined) expect(gpu.blocks[1].starts.length, 'the hidden matrix is split into row blocks').toBeGreaterThan(2);
  const w0 = cpu.weights.map((w) => w.slice());
  cpu.forward(data.x, data.N);
  const out0 = cpu.out.slice();
  const pre0 = cpu.pre.map((p) => p.slice());
  cpu.backward(data.x, data.y, 'mse');
  new Optimizer(cpu, 'sgd').step();
  gpu.step(data.x, data.y);
  expectClose(await gpu.read(gpu.outBuffer), out0, `${param} f`);
  for (let l = 0; l < pre0.length; l++) expectClose(await gpu.read(gpu.preBuffers[l]), pre0[l], `${param} h${l + 1}`);
  for (let k = 0; k < cpu.weights.length; k++) {
    expectClose(await gpu.readLayer('grads', k), cpu.grads[k], `${param} ∂ℓ/∂W${k + 1}`);
    const w1 = await gpu.readLayer('weights', k);
    // The update itself, ΔW = W₁ − W₀, to f32 rounding of W₁ (|W|·2^{−24}) plus that of lr·g.
    const dGpu = Array.from(cpu.weights[k], (_, j) => w1[j] - w0[k][j]);
    const dCpu = Array.from(cpu.weights[k], (v, j) => v - w0[k][j]);
    const slack = maxAbs(w0[k]) * 2 ** -23;
    let worst = 0;
    for (let j = 0; j < dCpu.length; j++) worst = Math.max(worst, Math.abs(dGpu[j] - dCpu[j]));
    expect(worst, `${param} ΔW${k + 1}`).toBeLessThan(2e-5 * maxAbs(dCpu) + slack);
  }
  // The forward pass alone, after the update, equals the CPU's forward of the updated network.
  gpu.forward(data.x);
  cpu.forward(data.x, data.N);
  expectClose(await gpu.read(gpu.outBuffer), cpu.out, `${param} f after the step`);
  for (let l = 0; l < cpu.pre.length; l++) expectClose(await gpu.read(gpu.preBuffers[l]), cpu.pre[l], `${param} h${l + 1} after the step`);
  gpu.dispose();
  expect(await device.popErrorScope()).toBeNull();
}

describe('one SGD step, WebGPU (f32) vs CPU (f64), same seed', () => {
  it.each([
    ['mlp', 'sp'],
    ['mlp', 'ntk'],
    ['mlp', 'mup'],
    ['mlp', 'mf'],
    ['resnet', 'mup'],
    ['resnet', 'ntk'],
  ] as ['mlp' | 'resnet', ParamName][])('%s %s (tiled): gradients, outputs and updated weights agree to f32 rounding', async (arch, param) => {
    await sgdParity({ arch, param });
  });
  // Sizes that are not multiples of the 16 × 16 tiles (n = 50, a batch of 20 spans two batch
  // tiles), and the row-block split of matrices larger than one binding, forced at small n: 3000
  // bytes hold 11 rows of 64 floats, so the hidden matrices are 6 blocks (the last one of 9 rows)
  // and the input gradient accumulates over them.
  it.each([
    { arch: 'mlp', param: 'mup', n: 50, batch: 20, maxBufferBytes: undefined, tiled: true },
    { arch: 'resnet', param: 'ntk', n: 50, batch: 20, maxBufferBytes: undefined, tiled: true },
    { arch: 'mlp', param: 'sp', n: 64, batch: 8, maxBufferBytes: 3000, tiled: true },
    { arch: 'resnet', param: 'mup', n: 64, batch: 20, maxBufferBytes: 3000, tiled: true },
    // The untiled twins (software adapters), with and without the split.
    { arch: 'mlp', param: 'ntk', n: 50, batch: 20, maxBufferBytes: undefined, tiled: false },
    { arch: 'resnet', param: 'mup', n: 64, batch: 20, maxBufferBytes: 3000, tiled: false },
  ] as SgdCase[])('$arch $param n = $n, B = $batch, buffers ≤ $maxBufferBytes bytes, tiled $tiled: agree to f32 rounding', async (c) => {
    await sgdParity(c);
  });
});

describe('initial weights drawn on the GPU', () => {
  // The last two cases draw row blocks (buffers of ≤ 3840 bytes: 10 rows of 96 floats, 10 blocks): each block
  // is drawn from its own first row, so the joined matrix must equal the unsplit draws.
  it.each([
    ['mlp', 'ntk', undefined],
    ['mlp', 'mup', undefined],
    ['mlp', 'sp', 3840],
    ['resnet', 'mup', 3840],
  ] as ['mlp' | 'resnet', ParamName, number | undefined][])('%s %s (buffers ≤ %s bytes): every layer equals the CPU engine’s draws (|Δ| ≤ 1e−5·(1 + |ξ|)·n^{−b}: f32 log/sqrt/sin/cos in Box–Muller, as in the conformance suite)', async (arch, param, maxBufferBytes) => {
    device.pushErrorScope('validation');
    const cpu = new TrainNetwork({ arch, act: activation('tanh'), n: 96, L: 2, d: 7, sw2: 1, exponents: presetExponents(param), depth: depthMuP('sgd'), eta: 0.1, seed: 12, net: 4 });
    const gpu = await GpuTrainer.create(device, { config: cpu.config, layers: cpu.layers }, 4, { drawOnGpu: true, maxBufferBytes });
    if (maxBufferBytes !== undefined) expect(gpu.blocks[1].starts.length).toBe(10);
    for (let k = 0; k < cpu.weights.length; k++) {
      const got = await gpu.readLayer('weights', k);
      const s = cpu.layers[k].initStd;
      let worst = 0;
      for (let j = 0; j < cpu.weights[k].length; j++) {
        const want = cpu.weights[k][j];
        worst = Math.max(worst, Math.abs(got[j] - want) / (1e-5 * (s + Math.abs(want))));
      }
      expect(worst, `${param} W${k + 1}`).toBeLessThanOrEqual(1);
    }
    gpu.dispose();
    expect(await device.popErrorScope()).toBeNull();
  });
});

describe('one Adam step, WebGPU (f32) vs CPU (f64)', () => {
  const data = makeDataset({ task: 'teacher', N: 8, d: 8, seed: 2 });
  it.each(['mlp', 'resnet'] as const)('%s µP: moments and update agree, the update within the f32 error of g propagated through g/(|g| + ε)', async (arch) => {
    device.pushErrorScope('validation');
    const config = { arch, act: activation('tanh'), n: 64, L: 2, d: 8, sw2: 1.5, exponents: presetExponents('mup', 'adam'), depth: depthMuP('adam'), eta: 0.01, seed: 9, net: 3 };
    const cpu = new TrainNetwork(config);
    for (const w of cpu.weights) for (let j = 0; j < w.length; j++) w[j] = Math.fround(w[j]);
    const gpu = await GpuTrainer.create(device, cpu, data.N, { optimizer: 'adam', tiled: true });
    const w0 = cpu.weights.map((w) => w.slice());
    cpu.forward(data.x, data.N);
    cpu.backward(data.x, data.y, 'mse');
    new Optimizer(cpu, 'adam').step();
    gpu.step(data.x, data.y);
    for (let k = 0; k < cpu.weights.length; k++) {
      const g = cpu.grads[k];
      const gMax = maxAbs(g);
      // Gradient parity as in the SGD test, then the moments m = (1 − β₁)g, v = (1 − β₂)g².
      expectClose(await gpu.readLayer('grads', k), g, `${arch} ∂ℓ/∂W${k + 1}`);
      expectClose(await gpu.readLayer('m', k), g.map((x) => 0.1 * x), `${arch} m${k + 1}`);
      expectClose(await gpu.readLayer('v', k), g.map((x) => 0.001 * x * x), `${arch} v${k + 1}`);
      // Step 1 moves each weight by lr·g/(|g| + ε). An error E in g changes that by at most
      // lr·E·ε/((|g| + ε)(max(|g| − E, 0) + ε)) — large only where |g| ≲ E, i.e. where the sign of a
      // near-zero gradient is not determined in f32 — plus the f32 rounding of W₁.
      const E = 2e-5 * gMax;
      const lr = cpu.layers[k].lr;
      const w1 = await gpu.readLayer('weights', k);
      let bad = 0;
      for (let j = 0; j < g.length; j++) {
        const a = Math.abs(g[j]);
        const bound = (lr * E * 1e-8) / ((a + 1e-8) * (Math.max(a - E, 0) + 1e-8)) + lr * 1e-5 + Math.abs(w0[k][j]) * 2 ** -23;
        if (Math.abs((w1[j] - w0[k][j]) - (cpu.weights[k][j] - w0[k][j])) > Math.min(bound, 2 * lr + Math.abs(w0[k][j]) * 2 ** -23)) bad++;
      }
      expect(bad, `${arch} W${k + 1}: entries outside the bound`).toBe(0);
    }
    gpu.dispose();
    expect(await device.popErrorScope()).toBeNull();
  });
});

describe('tiled or untiled products', () => {
  it('software adapters are recognised by their adapter info', () => {
    const info = (vendor: string, architecture: string, description = '') => ({ vendor, architecture, device: '', description }) as GPUAdapterInfo;
    expect(isSoftwareAdapter(info('google', 'swiftshader'))).toBe(true);
    expect(isSoftwareAdapter(info('mesa', '', 'llvmpipe (LLVM 15.0.6, 256 bits)'))).toBe(true);
    expect(isSoftwareAdapter(info('nvidia', 'hopper', 'NVIDIA H100 80GB HBM3'))).toBe(false);
    expect(isSoftwareAdapter(undefined)).toBe(false);
  });
  it('by default the trainer takes the untiled twins exactly on a software adapter (this adapter’s own info)', async () => {
    const cpu = new TrainNetwork({ arch: 'mlp', act: activation('tanh'), n: 8, L: 1, d: 3, sw2: 1, exponents: presetExponents('mup'), eta: 0.1, seed: 1, net: 0 });
    const gpu = await GpuTrainer.create(device, cpu, 4);
    expect(gpu.tiled).toBe(!isSoftwareAdapter(adapterInfo));
    gpu.dispose();
  });
});

describe('bad input', () => {
  it('a batch of the wrong size is refused with the sizes the trainer takes', async () => {
    const cpu = new TrainNetwork({ arch: 'mlp', act: activation('tanh'), n: 8, L: 1, d: 3, sw2: 1, exponents: presetExponents('mup'), eta: 0.1, seed: 1, net: 0 });
    const gpu = await GpuTrainer.create(device, cpu, 4);
    expect(() => gpu.step(new Float64Array(9), new Float64Array(4))).toThrow(/x has 9 numbers and y 4; this trainer takes a batch of 4 × d = 3 \(12\) and 4 targets/);
    expect(() => gpu.forward(new Float64Array(5))).toThrow(/x has 5 numbers; this trainer takes a batch of 4 × d = 3 \(12\)$/);
    gpu.dispose();
  });
  it('a buffer limit outside the device’s, and a batch of activations larger than it, are refused with the numbers', async () => {
    const cpu = new TrainNetwork({ arch: 'mlp', act: activation('tanh'), n: 8, L: 1, d: 3, sw2: 1, exponents: presetExponents('mup'), eta: 0.1, seed: 1, net: 0 });
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    await expect(GpuTrainer.create(device, cpu, 4, { maxBufferBytes: 8 })).rejects.toThrow(/maxBufferBytes = 8: it must be in \[16, \d+\]/);
    await expect(GpuTrainer.create(device, cpu, 4, { maxBufferBytes: limit * 2 })).rejects.toThrow(/maxBufferBytes = \d+: it must be in \[16, \d+\]/);
    const B = 2 ** 25; // 4·B·8 bytes = 1 GiB of activations, refused before anything is allocated
    await expect(GpuTrainer.create(device, cpu, B)).rejects.toThrow(new RegExp(`batch = ${B}: a batch of activations \\(4·B·max\\(n, d\\) = ${32 * B} bytes\\) exceeds this device's buffer limit of ${limit} bytes; take a batch ≤ ${Math.floor(limit / 32)}`));
    await expect(GpuTrainer.create(device, cpu, 0)).rejects.toThrow(/batch = 0: it must be an integer ≥ 1/);
  });
});
