/**
 * Jobs larger than the (imposed) device limits run in several chunks with exactly the same
 * results; jobs where one network cannot fit are refused with the estimate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Domain } from '../../core/philox.ts';
import { DEFAULT_SPEC, type Spec } from '../../core/spec.ts';
import type { SimJob } from '../types.ts';
import { createWebGpuBackend, type WebGpuBackend } from './backend.ts';
import { testGpu } from '../../../test/backends/testGpu.ts';

let roomy: WebGpuBackend;
let tight: WebGpuBackend;
let chunks = 0;

beforeAll(async () => {
  const { gpu } = await testGpu();
  roomy = await createWebGpuBackend(gpu, { label: 'default limits' });
  tight = await createWebGpuBackend(gpu, {
    label: 'small limits',
    // State of one network at n = 64, k = 2: 512 bytes, so at most 3 networks per chunk; 2-D grids
    // for the probes (at most 2 workgroups per dimension).
    limits: { maxStorageBufferBindingSize: 3 * 512, maxBufferSize: 4096, maxComputeWorkgroupsPerDimension: 2 },
    onChunk: () => chunks++,
  });
});
afterAll(() => {
  roomy?.dispose();
  tight?.dispose();
});

function job(changes: Partial<Spec>, netCount = 10): SimJob {
  const spec = { ...DEFAULT_SPEC, n: 64, L: 4, ...changes } as Spec;
  return { spec, netStart: 1, netCount, recordLayers: [1, 2, 4], recordPhi: true };
}

describe('chunking under device limits', () => {
  it.each(['gram', 'explicit'] as const)('a %s job over the limits runs in chunks with identical results', async (method) => {
    const j = job({ method, act: 'tanh' });
    const estimate = tight.estimateMemory(j);
    expect(estimate).toMatchObject({ chunkNetworks: 2 }); // 3 by the binding limit, 2 by the dispatch limit
    chunks = 0;
    const got = await tight.simulate(j);
    expect(chunks).toBeGreaterThanOrEqual(5);
    const want = await roomy.simulate(j);
    expect(got.z).toEqual(want.z);
    expect(got.phi).toEqual(want.phi);
  });

  it('normals and activations split over small bindings and 2-D grids give the same values', async () => {
    const req = { seed: 3, domain: Domain.weight, net: 2, layer: 5, rows: 37, cols: 29 };
    expect(await tight.normals(req)).toEqual(await roomy.normals(req));
    const xs = Float64Array.from({ length: 3000 }, (_, i) => -7 + i * 0.005);
    expect(await tight.activation('gelu', xs)).toEqual(await roomy.activation('gelu', xs));
  });

  it('refuses a network that cannot fit, saying which limit and how much', async () => {
    const j = job({ n: 256 }); // 2 KiB of state per network > the 1.5 KiB binding limit
    expect(tight.supports(j)).toMatch(/state needs 2\.0 KiB \(n=256, k=2, 3 recorded layers\), over the device's storage binding limit of 1\.5 KiB/);
    expect(tight.estimateMemory(j)).toHaveProperty('reason');
    await expect(tight.simulate(j)).rejects.toThrow(/cannot run this job: .*storage binding limit/);
    expect(roomy.supports(j)).toBeUndefined();
  });

  it('refuses orthogonal and low-rank weights (CPU-only) with the reason', () => {
    expect(roomy.supports(job({ method: 'explicit', weights: 'orthogonal' }))).toMatch(/Householder/);
    expect(roomy.supports(job({ method: 'explicit', weights: 'lowrank:4' }))).toMatch(/only the CPU/);
    expect(roomy.supports(job({ method: 'explicit', weights: 'sparse:0.5' }))).toBeUndefined();
  });
});
