/**
 * CPU/WebGPU parity of the explicit shaped Transformer block (Node + Dawn; SwiftShader without a GPU):
 * the same seed gives the same networks — every layer's token covariance network by network to f32 —
 * and the lab on the WebGPU backend gives the CPU backend's Monte Carlo block.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDevice, testGpu } from '../../../test/backends/testGpu.ts';
import { createWebGpuBackend } from '../../backends/webgpu/backend.ts';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import { runLab } from '../../experiments/runLab.ts';
import { decodeSpec } from '../../url/codec.ts';
import { runExplicitBlock } from './explicit.ts';
import { runBlockGpu } from './gpu.ts';
import type { BlockModel } from './model.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});

describe('shaped Transformer block: CPU and WebGPU on the same seed', () => {
  it('every layer’s token covariance agrees network by network (f32: within 2e-5 of the scale)', async () => {
    const model: BlockModel = { attention: { kind: 'shapedattn', m: 3, n: 48, nk: 40, L: 6, gamma2: 0.5, tau0: 1, q1: 1, q2: 1.5, rho0: 0.2, seed: 4243 }, gamma2m: 0.4, cp: 1, cm: -2 };
    const nets = 3;
    const gpu = await runBlockGpu(device, model, nets, 5);
    for (let i = 0; i < nets; i++) {
      const cpu: Float64Array[] = [];
      runExplicitBlock(model, 5 + i, (_, V) => cpu.push(Float64Array.from(V)));
      expect(gpu[i]).toHaveLength(model.attention.L + 1);
      for (let l = 0; l <= model.attention.L; l++) {
        const scale = Math.max(...Array.from(cpu[l]).map(Math.abs));
        for (let e = 0; e < 9; e++) expect(Math.abs(gpu[i][l][e] - cpu[l][e])).toBeLessThan(2e-5 * scale);
      }
      if (i > 0) expect(Math.abs(gpu[i][model.attention.L][1] - gpu[0][model.attention.L][1])).toBeGreaterThan(1e-3);
    }
  });

  it('the lab on the WebGPU backend: the same Monte Carlo block as the CPU backend (to f32); gram runs on the CPU', async () => {
    const { gpu } = await testGpu();
    const webgpu = await createWebGpuBackend(gpu, { label: 'shaped block parity' });
    try {
      const spec = { ...decodeSpec('arch=shapedtx&k=3&rho0=0.2&n=32&L=4&M=6&method=explicit').spec, backend: 'webgpu' as const };
      expect(webgpu.supports({ spec, netStart: 0, netCount: 6, recordLayers: [0, 4] })).toBeUndefined();
      const onGpu = (await runLab(spec, { backend: webgpu })).result;
      const onCpu = (await runLab({ ...spec, backend: 'cpu' }, { backend: createCpuBackend() })).result;
      expect(onGpu.backend.name).toBe('webgpu');
      const a = onGpu.mc!.rho.mean;
      const b = onCpu.mc!.rho.mean;
      expect(a).toHaveLength(b.length);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
      const gram = { ...spec, method: 'gram' as const };
      expect(webgpu.supports({ spec: gram, netStart: 0, netCount: 6, recordLayers: [4] })).toMatch(/method=gram.*run on the CPU/);
    } finally {
      webgpu.dispose();
    }
  });
});
