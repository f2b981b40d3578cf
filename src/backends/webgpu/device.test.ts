/** Without a usable adapter, createWebGpuBackend rejects with a message a person can act on. */
import { describe, expect, it } from 'vitest';
import { createWebGpuBackend } from './backend.ts';
import { REQUIRED_CAPABILITIES } from './capabilities.ts';
import { describeAdapter } from './device.ts';
import { testGpu } from '../../../test/backends/testGpu.ts';

describe('createWebGpuBackend without a usable adapter', () => {
  it('rejects when there is no navigator.gpu', async () => {
    await expect(createWebGpuBackend(undefined as unknown as GPU)).rejects.toThrow(/WebGPU is not available here .*use backend=cpu/);
  });

  it('rejects when requestAdapter() returns null', async () => {
    const gpu = { requestAdapter: async () => null } as unknown as GPU;
    await expect(createWebGpuBackend(gpu)).rejects.toThrow(/no adapter \(requestAdapter\(\) returned null.*use backend=cpu/);
  });

  it('rejects an adapter below the named capabilities, naming them', async () => {
    const { gpu } = await testGpu();
    const real = (await gpu.requestAdapter())!;
    const limits = { ...Object.fromEntries(Object.keys(Object.getPrototypeOf(real.limits)).map((k) => [k, (real.limits as never)[k]])), maxStorageBuffersPerShaderStage: 4 };
    const small = { info: real.info, limits, requestDevice: () => real.requestDevice() } as unknown as GPUAdapter;
    const fake = { requestAdapter: async () => small } as unknown as GPU;
    await expect(createWebGpuBackend(fake)).rejects.toThrow(/lacks storage-buffers-6 \(maxStorageBuffersPerShaderStage ≥ 6/);
  });

  it('names what runs: vendor, architecture and description', async () => {
    expect(describeAdapter({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0', device: '' } as GPUAdapterInfo)).toBe('google swiftshader (SwiftShader driver 5.0.0)');
    expect(describeAdapter({ vendor: '', architecture: '', description: '', device: '' } as GPUAdapterInfo)).toBe('unknown adapter');
    const backend = await createWebGpuBackend((await testGpu()).gpu);
    expect(backend.info.name).toBe('webgpu');
    expect(backend.info.adapter.length).toBeGreaterThan(3);
    backend.dispose();
  });

  it('every capability check has a name and says what it needs', () => {
    for (const c of REQUIRED_CAPABILITIES) {
      expect(c.name).toMatch(/^[a-z0-9-]+$/);
      expect(c.need).toMatch(/≥/);
    }
  });
});
