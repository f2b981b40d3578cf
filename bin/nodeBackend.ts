/**
 * Backend selection in Node (CLI, bench): the CPU backend, or WebGPU through Dawn (npm `webgpu`),
 * falling back to SwiftShader (CPU Vulkan) by itself when there is no GPU driver, and to the CPU
 * backend when the device is lost mid-run.
 */
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import { selectBackend } from '../src/backends/select.ts';
import type { SimBackend } from '../src/backends/types.ts';
import { createWebGpuBackend } from '../src/backends/webgpu/backend.ts';
import { withDeviceLossFallback } from '../src/backends/webgpu/fallback.ts';
import { createNodeGpu, hasGpuDeviceNode } from '../src/backends/webgpu/node.ts';
import type { BackendChoice } from '../src/core/spec.ts';
import { createThreadedCpuBackend, defaultThreads } from './threadPool.ts';

/** `threads`: CPU worker threads when the CPU runs the networks (default every core). */
export async function nodeBackend(choice: BackendChoice, threads: number = defaultThreads()): Promise<SimBackend> {
  const createCpu = () => createThreadedCpuBackend(threads);
  // auto: without a GPU device node only a software adapter could exist, which auto does not pick.
  if (choice === 'auto' && !hasGpuDeviceNode()) {
    return selectBackend(choice, { createCpu, noWebGpuReason: 'no GPU device on this machine (no /dev/dri render node or NVIDIA device)' });
  }
  return selectBackend(choice, {
    createCpu,
    createWebGpu: async () => {
      const { gpu, note } = await createNodeGpu();
      return withDeviceLossFallback(await createWebGpuBackend(gpu, note ? { note } : {}), createCpuBackend);
    },
  });
}
