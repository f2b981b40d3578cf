/**
 * Device loss: when the device goes away mid-job, the networks not yet finished run on the CPU,
 * the merged block equals the CPU's (keyed by network index), and info.note says what happened.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../../core/spec.ts';
import { kernelDifference } from '../../../test/backends/conformance.ts';
import { createCpuBackend } from '../cpu/cpuBackend.ts';
import { AbortError, pairCount, type KernelBlock, type SimBackend, type SimJob } from '../types.ts';
import { createWebGpuBackend } from './backend.ts';
import { GpuRunError } from './errors.ts';
import { concatBlocks, withDeviceLossFallback } from './fallback.ts';
import { testGpu } from '../../../test/backends/testGpu.ts';
import { runSpec } from '../../experiments/runSpec.ts';

function job(changes: Partial<Spec>, netStart: number, netCount: number): SimJob {
  const spec = { ...DEFAULT_SPEC, n: 64, L: 3, ...changes } as Spec;
  return { spec, netStart, netCount, recordLayers: [1, 2, 3], recordPhi: true };
}

/** Every network's K̂ agrees with the CPU's (relative 1e-4: the GPU part is f32). */
function expectSameAsCpu(got: KernelBlock, want: KernelBlock): void {
  expect(got.netStart).toBe(want.netStart);
  expect(got.netCount).toBe(want.netCount);
  const P = pairCount(want.k);
  for (let b = 0; b < want.z.length / P; b++) {
    expect(kernelDifference(got.z, want.z, want.k, b * P)).toBeLessThanOrEqual(1e-4);
    expect(kernelDifference(got.phi!, want.phi!, want.k, b * P)).toBeLessThanOrEqual(1e-4);
  }
}

describe('withDeviceLossFallback', () => {
  it.each(['explicit', 'gram'] as const)('finishes a %s job on the CPU when device.destroy() is called mid-run', async (method) => {
    let destroyed = false;
    const gpuBackend = await createWebGpuBackend((await testGpu()).gpu, {
      label: 'to be destroyed',
      // 64·2·4 bytes of state per network: at most 2 networks per chunk.
      limits: { maxStorageBufferBindingSize: 1024 },
      onChunk: ({ done }) => {
        if (done >= 2 && !destroyed) {
          destroyed = true;
          gpuBackend.device.destroy();
        }
      },
    });
    const backend = withDeviceLossFallback(gpuBackend, createCpuBackend);
    expect(backend.info.name).toBe('webgpu');
    const j = job({ method }, 4, 8);
    const got = await backend.simulate(j);
    expect(destroyed).toBe(true);
    expectSameAsCpu(got, await createCpuBackend().simulate(j));
    expect(backend.info.note).toMatch(/device lost/);
    expect(backend.info.note).toMatch(/networks 6–11 ran on the CPU/);
    // From now on everything runs on the CPU, and says so.
    expect(backend.info.name).toBe('cpu');
    const later = job({ method }, 0, 2);
    expectSameAsCpu(await backend.simulate(later), await createCpuBackend().simulate(later));
    backend.dispose();
  });

  it('merges a partial GPU block with the CPU remainder and keeps using the GPU after a non-fatal error', async () => {
    const cpu = createCpuBackend();
    let calls = 0;
    const flaky: SimBackend = {
      info: { name: 'webgpu', adapter: 'fake' },
      supports: () => undefined,
      async simulate(j) {
        calls++;
        if (calls > 1) return cpu.simulate(j);
        const partial = await cpu.simulate({ ...j, netCount: 3 });
        throw new GpuRunError('WebGPU run failed after 3 of 7 networks: GPU out of memory', partial, false);
      },
      normals: (r) => cpu.normals(r),
      activation: (a, x) => cpu.activation(a, x),
      dispose() {},
    };
    const backend = withDeviceLossFallback(flaky, createCpuBackend);
    const j = job({ method: 'gram' }, 10, 7);
    const got = await backend.simulate(j);
    const want = await cpu.simulate(j);
    expect(got.z).toEqual(want.z);
    expect(got.phi).toEqual(want.phi);
    expect(backend.info.note).toMatch(/out of memory; networks 13–16 ran on the CPU$/);
    expect(backend.info.name).toBe('webgpu');
    await backend.simulate(j);
    expect(calls).toBe(2);
  });

  it('passes AbortError and other errors through without falling back', async () => {
    const failing = (e: Error): SimBackend => ({
      info: { name: 'webgpu', adapter: 'fake' },
      supports: () => undefined,
      simulate: async () => {
        throw e;
      },
      normals: async () => new Float64Array(),
      activation: async () => ({ phi: new Float64Array(), dphi: new Float64Array() }),
      dispose() {},
    });
    await expect(withDeviceLossFallback(failing(new AbortError()), createCpuBackend).simulate(job({}, 0, 1))).rejects.toMatchObject({ name: 'AbortError' });
    await expect(withDeviceLossFallback(failing(new Error('bad job')), createCpuBackend).simulate(job({}, 0, 1))).rejects.toThrow('bad job');
  });

  it('concatBlocks refuses blocks that are not contiguous', () => {
    const a: KernelBlock = { netStart: 0, netCount: 1, k: 2, recordLayers: [1], z: new Float64Array(3) };
    expect(() => concatBlocks(a, { ...a, netStart: 2 })).toThrow(/contiguous/);
    expect(concatBlocks(a, { ...a, netStart: 1 }).netCount).toBe(2);
  });

  it('the result counts the networks per backend after a device loss (issue 20 §4)', async () => {
    const cpu = createCpuBackend();
    let calls = 0;
    // Loses its device after 3 networks of the first chunk: the rest of the run is the CPU's.
    const losing: SimBackend = {
      info: { name: 'webgpu', adapter: 'fake' },
      supports: () => undefined,
      async simulate(j) {
        calls++;
        const partial = await cpu.simulate({ ...j, netCount: Math.min(3, j.netCount) });
        throw new GpuRunError(`WebGPU run failed after 3 of ${j.netCount} networks: device lost`, partial, true);
      },
      normals: (r) => cpu.normals(r),
      activation: (a, x) => cpu.activation(a, x),
      dispose() {},
    };
    const backend = withDeviceLossFallback(losing, createCpuBackend);
    const spec = { ...DEFAULT_SPEC, n: 16, L: 3, M: 40 } as Spec;
    const result = await runSpec(spec, { backend, chunkNetworks: 10 });
    expect(calls).toBe(1);
    expect(result.backend.networks).toEqual({ webgpu: 3, cpu: 37 });
    expect(result.backend.note).toMatch(/device lost/);
    // Same numbers as the CPU alone (randomness keyed by network index).
    const alone = await runSpec(spec, { backend: cpu, chunkNetworks: 10 });
    expect(result.mc).toEqual(alone.mc);
    expect(alone.backend.networks).toBeUndefined(); // all on the backend named: nothing to add
  });
});
