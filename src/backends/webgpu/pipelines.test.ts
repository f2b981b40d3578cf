/**
 * Every kernel builds without a validation error for the override constants the backend uses
 * (each activation kind, weight family, and k from 2 to MAX_K = 16), inside an error scope so that
 * an error fails the test instead of printing a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WGSL_KIND } from '../../core/activations.ts';
import { DEFAULT_SPEC } from '../../core/spec.ts';
import { createCpuBackend } from '../cpu/cpuBackend.ts';
import { pairCount, pairIndex } from '../types.ts';
import { createWebGpuBackend, type WebGpuBackend } from './backend.ts';
import { EXPLICIT_ROWS_PER_WORKGROUP } from './chunkPlan.ts';
import { GRAM_PIVOT_TOLERANCE_F32 } from './gramRunner.ts';
import { KERNELS, reductionWorkgroupSize, type KernelName } from './kernels.ts';
import { PipelineCache } from './pipelines.ts';
import { testGpu } from '../../../test/backends/testGpu.ts';

let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await createWebGpuBackend((await testGpu()).gpu, { label: 'pipelines test' });
});
afterAll(() => backend?.dispose());

const act = (kind: number) => ({ ACT_KIND: kind, ACT_P0: 1, ACT_P1: 0.25 });
const cases: [KernelName, Record<string, number>][] = [
  ['normals', {}],
  ['matmul', {}],
  ...Object.values(WGSL_KIND).map((kind): [KernelName, Record<string, number>] => ['activationEval', act(kind)]),
];
for (const K of [2, 5, 16]) {
  for (const WEIGHT_KIND of [0, 1, 2]) cases.push(['explicitLayer', { K, WG: EXPLICIT_ROWS_PER_WORKGROUP, WEIGHT_KIND, ...act(0) }]);
  const RED_WG = reductionWorkgroupSize(K === 2 ? 100 : 4096, K);
  cases.push(['kernelReduce', { K, RED_WG, ...act(1) }]);
  cases.push(['gramLayers', { K, RED_WG, PIVOT_TOL: GRAM_PIVOT_TOLERANCE_F32, ...act(3) }]);
}

describe('WGSL kernels', () => {
  it.each(cases)('%s %j builds inside a validation error scope with no error', async (kernel, constants) => {
    const device = backend.device;
    device.pushErrorScope('validation');
    const pipeline = await backend.pipelines.get(kernel, constants);
    const error = await device.popErrorScope();
    expect(error?.message ?? null).toBeNull();
    expect(pipeline).toBeDefined();
  });

  it('sizes reduction workgroups from n and k: 64 to 256 threads, never fewer than the pairs', () => {
    expect(reductionWorkgroupSize(16, 2)).toBe(64);
    expect(reductionWorkgroupSize(512, 2)).toBe(128);
    expect(reductionWorkgroupSize(4096, 2)).toBe(256);
    expect(reductionWorkgroupSize(16, 11)).toBe(128); // 66 pairs
    expect(reductionWorkgroupSize(16, 16)).toBe(256); // 136 pairs
  });

  it('refuses an override constant the kernel does not declare', () => {
    expect(() => backend.pipelines.get('normals', { K: 2 })).toThrow(/no override constant K/);
  });

  it('rejects a kernel that fails to compile with the compiler message', async () => {
    const def = KERNELS.normals as { code: string };
    const saved = def.code;
    def.code = `${saved}\nfn broken() -> u32 { return 1.5; }`;
    try {
      const fresh = new PipelineCache(backend.device);
      await expect(fresh.get('normals', {})).rejects.toThrow(/kernel normals .*failed to build: \d+:\d+ cannot convert/);
    } finally {
      def.code = saved;
    }
  });

  it('simulates k = 16 = MAX_K like the CPU backend', async () => {
    // Explicit: every entry. Gram: the entries of inputs 0 and 1 (q11, q12, q22, the reported
    // statistics). The inputs are coplanar (core/inputs.ts), so for k ≥ 3 G¹ has rank 2 and later
    // G's have eigenvalues near f32 rounding: the f32 and f64 Cholesky factors then differ in those
    // columns, which changes the realised K̂ of inputs ≥ 2 per network (not their law: C Cᵀ = G
    // either way). Entries of inputs 0, 1 use only the first two, well-conditioned, columns.
    for (const method of ['gram', 'explicit'] as const) {
      const spec = { ...DEFAULT_SPEC, method, k: 16, n: 40, L: 3, act: 'silu' };
      const job = { spec, netStart: 2, netCount: 2, recordLayers: [1, 2, 3], recordPhi: true };
      const got = await backend.simulate(job);
      const want = await createCpuBackend().simulate(job);
      const P = pairCount(16);
      expect(got.z).toHaveLength(2 * 3 * P);
      const checked = method === 'explicit' ? Array.from({ length: P }, (_, p) => p) : [pairIndex(16, 0, 0), pairIndex(16, 0, 1), pairIndex(16, 1, 1)];
      for (let block = 0; block < 6; block++) {
        for (const p of checked) {
          // Entries are O(1) (q ≈ 1–3): an absolute f32 tolerance suffices here.
          expect(Math.abs(got.z[block * P + p] - want.z[block * P + p])).toBeLessThan(1e-5);
          expect(Math.abs(got.phi![block * P + p] - want.phi![block * P + p])).toBeLessThan(1e-5);
        }
      }
    }
  });
});
