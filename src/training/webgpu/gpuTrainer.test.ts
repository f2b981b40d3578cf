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
import { GpuTrainer } from './gpuTrainer.ts';

let device: GPUDevice;
// Held for the whole file: if Dawn's GPU object is garbage-collected, its devices go with it.
let gpu: GPU | undefined;
beforeAll(async () => {
  gpu = (await createNodeGpu()).gpu;
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter (Dawn found none, and SwiftShader is not installed)');
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

describe('one SGD step, WebGPU (f32) vs CPU (f64), same seed', () => {
  const data = makeDataset({ task: 'teacher', N: 8, d: 8, seed: 2 });
  it.each([
    ['mlp', 'sp'],
    ['mlp', 'ntk'],
    ['mlp', 'mup'],
    ['mlp', 'mf'],
    ['resnet', 'mup'],
    ['resnet', 'ntk'],
  ] as ['mlp' | 'resnet', ParamName][])('%s %s: gradients, outputs and updated weights agree to f32 rounding', async (arch, param) => {
    device.pushErrorScope('validation');
    // ResNet: Depth-µP branches (L^{−1/2}), 3 blocks.
    const config = { arch, act: activation('tanh'), n: 64, L: arch === 'mlp' ? 2 : 3, d: 8, sw2: 1.5, exponents: presetExponents(param), depth: depthMuP('sgd'), eta: 0.05, seed: 9, net: 3 };
    const cpu = new TrainNetwork(config);
    // The GPU starts from the CPU's weights rounded to f32; give the CPU the same rounded start.
    for (const w of cpu.weights) for (let j = 0; j < w.length; j++) w[j] = Math.fround(w[j]);
    const gpu = await GpuTrainer.create(device, cpu, data.N);
    const w0 = cpu.weights.map((w) => w.slice());
    cpu.forward(data.x, data.N);
    const out0 = cpu.out.slice();
    cpu.backward(data.x, data.y, 'mse');
    new Optimizer(cpu, 'sgd').step();
    gpu.step(data.x, data.y);
    expectClose(await gpu.read(gpu.outBuffer), out0, `${param} f`);
    for (let k = 0; k < cpu.weights.length; k++) {
      expectClose(await gpu.read(gpu.gradBuffers[k]), cpu.grads[k], `${param} ∂ℓ/∂W${k + 1}`);
      const w1 = await gpu.read(gpu.weightBuffers[k]);
      // The update itself, ΔW = W₁ − W₀, to f32 rounding of W₁ (|W|·2^{−24}) plus that of lr·g.
      const dGpu = Array.from(cpu.weights[k], (_, j) => w1[j] - w0[k][j]);
      const dCpu = Array.from(cpu.weights[k], (v, j) => v - w0[k][j]);
      const slack = maxAbs(w0[k]) * 2 ** -23;
      let worst = 0;
      for (let j = 0; j < dCpu.length; j++) worst = Math.max(worst, Math.abs(dGpu[j] - dCpu[j]));
      expect(worst, `${param} ΔW${k + 1}`).toBeLessThan(2e-5 * maxAbs(dCpu) + slack);
    }
    gpu.dispose();
    expect(await device.popErrorScope()).toBeNull();
  });
});

describe('initial weights drawn on the GPU', () => {
  it.each(['ntk', 'mup'] as ParamName[])('%s: every layer equals the CPU engine’s draws (|Δ| ≤ 1e−5·(1 + |ξ|)·n^{−b}: f32 log/sqrt/sin/cos in Box–Muller, as in the conformance suite)', async (param) => {
    device.pushErrorScope('validation');
    const cpu = new TrainNetwork({ arch: 'mlp', act: activation('tanh'), n: 96, L: 2, d: 7, sw2: 1, exponents: presetExponents(param), eta: 0.1, seed: 12, net: 4 });
    const gpu = await GpuTrainer.create(device, cpu, 4, { drawOnGpu: true });
    for (let k = 0; k < cpu.weights.length; k++) {
      const got = await gpu.read(gpu.weightBuffers[k]);
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
    const gpu = await GpuTrainer.create(device, cpu, data.N, { optimizer: 'adam' });
    const w0 = cpu.weights.map((w) => w.slice());
    cpu.forward(data.x, data.N);
    cpu.backward(data.x, data.y, 'mse');
    new Optimizer(cpu, 'adam').step();
    gpu.step(data.x, data.y);
    for (let k = 0; k < cpu.weights.length; k++) {
      const g = cpu.grads[k];
      const gMax = maxAbs(g);
      // Gradient parity as in the SGD test, then the moments m = (1 − β₁)g, v = (1 − β₂)g².
      expectClose(await gpu.read(gpu.gradBuffers[k]), g, `${arch} ∂ℓ/∂W${k + 1}`);
      expectClose(await gpu.read(gpu.momentBuffers[k][0]), g.map((x) => 0.1 * x), `${arch} m${k + 1}`);
      expectClose(await gpu.read(gpu.momentBuffers[k][1]), g.map((x) => 0.001 * x * x), `${arch} v${k + 1}`);
      // Step 1 moves each weight by lr·g/(|g| + ε). An error E in g changes that by at most
      // lr·E·ε/((|g| + ε)(max(|g| − E, 0) + ε)) — large only where |g| ≲ E, i.e. where the sign of a
      // near-zero gradient is not determined in f32 — plus the f32 rounding of W₁.
      const E = 2e-5 * gMax;
      const lr = cpu.layers[k].lr;
      const w1 = await gpu.read(gpu.weightBuffers[k]);
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

describe('bad input', () => {
  it('a batch of the wrong size is refused with the sizes the trainer takes', async () => {
    const cpu = new TrainNetwork({ arch: 'mlp', act: activation('tanh'), n: 8, L: 1, d: 3, sw2: 1, exponents: presetExponents('mup'), eta: 0.1, seed: 1, net: 0 });
    const gpu = await GpuTrainer.create(device, cpu, 4);
    expect(() => gpu.step(new Float64Array(9), new Float64Array(4))).toThrow(/x has 9 numbers and y 4; this trainer takes a batch of 4 × d = 3 \(12\) and 4 targets/);
    gpu.dispose();
  });
});
