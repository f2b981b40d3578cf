/**
 * The WebGPU backend against the conformance suite, on Node's Dawn (SwiftShader on machines without
 * a GPU). Per-network kernels are compared with the CPU backend; the chunked variant imposes limits
 * small enough that a 7-network job runs as 4 chunks of at most 2 networks.
 */
import { describeConformance } from '../../../test/backends/conformance.ts';
import { createWebGpuBackend } from './backend.ts';
import { testGpu } from '../../../test/backends/testGpu.ts';

describeConformance('webgpu', async () => createWebGpuBackend((await testGpu()).gpu, { label: 'conformance' }), {
  makeChunked: async () =>
    createWebGpuBackend((await testGpu()).gpu, {
      label: 'conformance (small limits)',
      limits: { maxStorageBufferBindingSize: 1200, maxComputeWorkgroupsPerDimension: 3 },
    }),
});
