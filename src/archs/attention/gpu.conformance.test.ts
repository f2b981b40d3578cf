/**
 * CPU/WebGPU parity of the explicit attention network (issue 15 §2): the WGSL kernel
 * (shaders/attention_layer.wgsl, gpu.ts) draws the same Philox weights as the CPU engine
 * (explicit.ts), so on the same seed the token covariances agree network by network up to f32
 * rounding. Node's WebGPU (Dawn; SwiftShader without a GPU), as the backends' conformance tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDevice, testGpu } from '../../../test/backends/testGpu.ts';
import { runExplicitAttention } from './explicit.ts';
import { runAttentionGpu } from './gpu.ts';
import type { AttentionKind, AttentionModel } from './model.ts';
import { createWebGpuBackend } from '../../backends/webgpu/backend.ts';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import { runLab } from '../../experiments/runLab.ts';
import { decodeSpec } from '../../url/codec.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});

describe.each(['attention', 'shapedattn'] as const)('%s: CPU and WebGPU on the same seed', (kind: AttentionKind) => {
  it('every layer’s token covariance agrees network by network (f32: within 2e-5 of the scale; measured ≈ 1e-7)', async () => {
    const model: AttentionModel = { kind, m: 3, n: 48, nk: 40, L: 6, gamma2: 0.5, tau0: 1, q1: 1, q2: 1.5, rho0: 0.2, seed: 4242 };
    const nets = 3;
    const gpu = await runAttentionGpu(device, model, nets, 5);
    for (let i = 0; i < nets; i++) {
      const cpu: Float64Array[] = [];
      runExplicitAttention(model, 5 + i, (_, V) => cpu.push(Float64Array.from(V)));
      expect(gpu[i]).toHaveLength(model.L + 1);
      for (let l = 0; l <= model.L; l++) {
        const scale = Math.max(...Array.from(cpu[l]).map(Math.abs));
        for (let e = 0; e < 9; e++) {
          expect(Math.abs(gpu[i][l][e] - cpu[l][e])).toBeLessThan(2e-5 * scale);
        }
      }
      // Different networks differ (the test is not comparing one network with itself).
      if (i > 0) expect(Math.abs(gpu[i][model.L][1] - gpu[0][model.L][1])).toBeGreaterThan(1e-3);
    }
  });
});

describe('the lab on the WebGPU backend runs explicit attention networks on the GPU', () => {
  it('same seed, same Monte Carlo block as the CPU backend (to f32), and gram still runs on the CPU', async () => {
    const { gpu } = await testGpu();
    const webgpu = await createWebGpuBackend(gpu, { label: 'attention parity' });
    try {
      const spec = { ...decodeSpec('arch=shapedattn&k=3&rho0=0.2&n=32&L=8&M=6&method=explicit').spec, backend: 'webgpu' as const };
      expect(webgpu.supports({ spec, netStart: 0, netCount: 6, recordLayers: [0, 8] })).toBeUndefined();
      const onGpu = (await runLab(spec, { backend: webgpu })).result;
      const onCpu = (await runLab({ ...spec, backend: 'cpu' }, { backend: createCpuBackend() })).result;
      expect(onGpu.backend.name).toBe('webgpu');
      const a = onGpu.mc!.rho.mean;
      const b = onCpu.mc!.rho.mean;
      expect(a).toHaveLength(b.length);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
      const gram = { ...spec, method: 'gram' as const };
      expect(webgpu.supports({ spec: gram, netStart: 0, netCount: 6, recordLayers: [8] })).toMatch(/method=gram.*run on the CPU/);
    } finally {
      webgpu.dispose();
    }
  });
});
