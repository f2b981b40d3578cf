/**
 * CPU/WebGPU parity of the explicit attention network (issue 15 §2): the WGSL kernel
 * (shaders/attention_layer.wgsl, gpu.ts) draws the same Philox weights as the CPU engine
 * (explicit.ts), so on the same seed the token covariances agree network by network up to f32
 * rounding. Node's WebGPU (Dawn; SwiftShader without a GPU), as the backends' conformance tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu } from '../../../test/backends/testGpu.ts';
import { runExplicitAttention } from './explicit.ts';
import { runAttentionGpu } from './gpu.ts';
import type { AttentionKind, AttentionModel } from './model.ts';

let device: GPUDevice;
beforeAll(async () => {
  const { gpu } = await testGpu();
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter (Dawn/SwiftShader) for the parity test');
  device = await adapter.requestDevice();
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
