/**
 * CPU/WebGPU parity of the controlled ResNet (issue 16): the WGSL kernel (shaders/cresnet_step.wgsl,
 * gpu.ts) draws the same Philox weights as the CPU engine (network.ts), so on the same seed the
 * empirical kernels K̂_i = S_i(x_a)·S_i(x_b)/n agree network by network and step by step up to f32
 * rounding. Node's WebGPU (Dawn; SwiftShader without a GPU), as the backends' conformance tests.
 *
 * Tolerance: 2e−5 of the largest |K̂| of that step. Each step adds d rows of n f32 products (relative
 * rounding ≤ n·2^−24 ≈ 4e−6 at n = 64 in the worst case, ~√n·2^−24 typically), the GPU's φ differs from
 * the CPU's by ≤ 1.5e−7 (erf: A&S 7.1.26; tanh: the driver's), and the Euler map is a Lipschitz map of
 * constant ≈ 1 + σA‖Δx‖ per step, so over L = 6 steps the errors stay near 1e−6 of the scale
 * (measured on SwiftShader: 3.1e−7 to 5.1e−7 over the four cases; the failure message prints it);
 * 2e−5, as the attention kernel's parity test, leaves room for other drivers' fused multiply-adds
 * and φ's. A wrong draw, key or increment moves K̂ by O(1) of the scale (first run of this test: 0.2–2.9).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDevice, testGpu } from '../../../test/backends/testGpu.ts';
import { activation } from '../../core/activations.ts';
import { buildPaths, type Path } from '../../core/paths.ts';
import { createWebGpuBackend } from '../../backends/webgpu/backend.ts';
import { withDeviceLossFallback } from '../../backends/webgpu/fallback.ts';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import { runLab } from '../../experiments/runLab.ts';
import { decodeSpec } from '../../url/codec.ts';
import { cresnetChunkNetworks, runCresnetGpu, type CresnetGpuModel } from './gpu.ts';
import { cresnetGramPath } from './network.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});

function paths(text: string, d: number): Path[] {
  const r = buildPaths(text, d);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** GPU run inside validation and internal error scopes: a WGSL or binding error fails the test. */
async function onGpu(model: CresnetGpuModel, nets: number, netBase: number, layers: readonly number[]): Promise<Float64Array> {
  device.pushErrorScope('validation');
  device.pushErrorScope('internal');
  const out = await runCresnetGpu(device, model, nets, netBase, layers);
  const internal = await device.popErrorScope();
  const validation = await device.popErrorScope();
  expect(internal?.message).toBeUndefined();
  expect(validation?.message).toBeUndefined();
  return out;
}

const CASES = [
  // 3 paths in R², erf, shared weights with a bias; identity with fresh weights; tanh with fresh weights and a bias.
  // n = 30: rows that end inside a Philox quad (30 = 7·4 + 2).
  { label: 'shared, erf, bias', act: 'erf', share: true, sb2: 0.3, text: 'sine:0.5,0,0.8_line:1,0.5_pl:0,0,0.5,-0.3,0.8,0.2', d: 2, n: 64 },
  { label: 'shared, identity, n = 30', act: 'identity', share: true, sb2: 0, text: 'line:1,0.5_pl:0,0,0.5,-0.3,0.8,0.2', d: 2, n: 30 },
  { label: 'fresh, identity', act: 'identity', share: false, sb2: 0, text: 'sine:0.5,0,0.8_line:1,0.5_pl:0,0,0.5,-0.3,0.8,0.2', d: 2, n: 64 },
  { label: 'fresh, tanh, bias, d = 3, n = 30', act: 'tanh', share: false, sb2: 0.2, text: 'line:1,0.5,-0.4_pl:0,0,0,0.5,-0.3,0.2,0.8,0.2,0.1', d: 3, n: 30 },
] as const;

describe.each(CASES)('controlled ResNet, $label: CPU and WebGPU on the same seed', (c) => {
  it('K̂ at every step agrees network by network (f32: within 2e−5 of the scale)', async () => {
    const P = paths(c.text, c.d);
    const K = P.length;
    const model: CresnetGpuModel = { paths: P, n: c.n, L: 6, s02: 1, sa2: 1.5, sb2: c.sb2, share: c.share, act: activation(c.act), seed: 4242 };
    const nets = 3;
    const netBase = 5;
    const layers = Array.from({ length: model.L + 1 }, (_, i) => i);
    const gpu = await onGpu(model, nets, netBase, layers);
    const pairs = (K * (K + 1)) / 2;
    expect(gpu).toHaveLength(nets * layers.length * pairs);
    let worst = 0;
    for (let i = 0; i < nets; i++) {
      const cpu = cresnetGramPath(P, { ...model }, netBase + i);
      for (const l of layers) {
        const scale = Math.max(...Array.from(cpu[l]).map(Math.abs));
        let p = 0;
        for (let a = 0; a < K; a++) {
          for (let b = a; b < K; b++) {
            const g = gpu[(i * layers.length + l) * pairs + p++];
            worst = Math.max(worst, Math.abs(g - cpu[l][a * K + b]) / scale);
          }
        }
      }
    }
    expect(worst, `largest |GPU − CPU| / scale = ${worst.toExponential(2)}`).toBeLessThan(2e-5);
    // The kernels moved away from S_0 (the steps did something), and networks differ from each other.
    const last = (i: number) => gpu[(i * layers.length + model.L) * pairs + 1];
    const first = gpu[1];
    expect(Math.abs(last(0) - first)).toBeGreaterThan(1e-2);
    expect(Math.abs(last(1) - last(0))).toBeGreaterThan(1e-3);
  });
});

describe('controlled ResNet on WebGPU: chunks and recorded layers', () => {
  it('a run split into chunks of networks and a subset of recorded steps gives the same numbers', async () => {
    const P = paths('sine:0.5,0,0.8_line:1,0.5', 2);
    const model: CresnetGpuModel = { paths: P, n: 16, L: 5, s02: 1, sa2: 2, sb2: 0.1, share: true, act: activation('tanh'), seed: 7 };
    const all = await onGpu(model, 5, 0, [0, 2, 5]);
    // 5 networks in chunks of 2 (as on a device whose binding size holds 2 networks' state).
    expect(cresnetChunkNetworks({ maxStorageBufferBindingSize: 2 * 16 * 2 * 4, maxComputeWorkgroupsPerDimension: 65535 }, 16, 2, 3)).toBe(2);
    expect(cresnetChunkNetworks({ maxStorageBufferBindingSize: 2 ** 27, maxComputeWorkgroupsPerDimension: 100 }, 16, 2, 3)).toBe(100);
    const chunked = await runCresnetGpu(device, model, 5, 0, [0, 2, 5], 2);
    expect(Array.from(chunked)).toEqual(Array.from(all));
    // Networks 3, 4 alone: the same numbers as in the run of 0..4 (networks keyed by index).
    const tail = await onGpu(model, 2, 3, [0, 2, 5]);
    expect(Array.from(tail)).toEqual(Array.from(all.slice(3 * 3 * 3)));
  });
});

describe('the lab on the WebGPU backend runs arch=cresnet on the GPU', () => {
  it('same seed, same Monte Carlo block as the CPU backend (to f32); either method key', async () => {
    const { gpu } = await testGpu();
    const webgpu = await createWebGpuBackend(gpu, { label: 'cresnet parity' });
    try {
      for (const method of ['gram', 'explicit'] as const) {
        const spec = { ...decodeSpec(`arch=cresnet&act=erf&share=0&n=32&L=6&M=4&sb2=0.1&method=${method}&paths=sine:0.5,0,0.8_line:1,0.5`).spec, backend: 'webgpu' as const };
        expect(webgpu.supports({ spec, netStart: 0, netCount: 4, recordLayers: [0, 6] })).toBeUndefined();
        const onGpuRun = (await runLab(spec, { backend: webgpu })).result;
        const onCpuRun = (await runLab({ ...spec, backend: 'cpu' }, { backend: createCpuBackend() })).result;
        expect(onGpuRun.backend.name).toBe('webgpu');
        const a = onGpuRun.mc!.rho.mean;
        const b = onCpuRun.mc!.rho.mean;
        expect(a).toHaveLength(b.length);
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
        const q = onGpuRun.mc!.q12.mean;
        const r = onCpuRun.mc!.q12.mean;
        for (let i = 0; i < q.length; i++) expect(Math.abs(q[i] - r[i])).toBeLessThan(2e-5 * Math.max(1, Math.abs(r[i])));
      }
    } finally {
      webgpu.dispose();
    }
  });
});

describe('controlled ResNet on WebGPU: a lost device', () => {
  it('the job fails as a GPU run (GpuRunError) and the fallback runs its networks on the CPU, the same numbers', async () => {
    const { gpu } = await testGpu();
    const webgpu = await createWebGpuBackend(gpu, { label: 'cresnet lost' });
    const backend = withDeviceLossFallback(webgpu, createCpuBackend);
    const spec = { ...decodeSpec('arch=cresnet&act=tanh&n=16&L=4&M=3&paths=sine:0.5,0,0.8_line:1,0.5').spec, backend: 'webgpu' as const };
    const job = { spec, netStart: 2, netCount: 3, recordLayers: [0, 4] };
    webgpu.device.destroy();
    const got = await backend.simulate(job);
    const want = await createCpuBackend().simulate(job);
    expect(got.networksOn).toEqual({ webgpu: 0, cpu: 3 });
    expect(Array.from(got.z)).toEqual(Array.from(want.z));
    expect(backend.info.note).toMatch(/device lost/);
    backend.dispose();
  });
});
