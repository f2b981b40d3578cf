/**
 * The Worker's backend: selectBackend (which decides, as in the CLI, that `auto` passes over a
 * software adapter) with what only a browser has injected: navigator.gpu, and a WebGPU backend
 * wrapped so that a device lost mid-run finishes on the CPU (fallback.ts). The GPU code is imported
 * lazily: a page that runs on the CPU never loads it.
 */
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import { selectBackend, type BackendEnvironment } from '../../src/backends/select.ts';
import type { SimBackend } from '../../src/backends/types.ts';
import type { BackendChoice } from '../../src/core/spec.ts';

export function browserWebGpu(gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu): BackendEnvironment {
  if (!gpu) return { noWebGpuReason: 'navigator.gpu is not available in this browser (WebGPU needs browser support and a secure context)' };
  return {
    createWebGpu: async () => {
      const [{ createWebGpuBackend }, { withDeviceLossFallback }] = await Promise.all([
        import('../../src/backends/webgpu/backend.ts'),
        import('../../src/backends/webgpu/fallback.ts'),
      ]);
      return withDeviceLossFallback(await createWebGpuBackend(gpu), createCpuBackend);
    },
  };
}

const cache = new Map<BackendChoice, Promise<SimBackend>>();

/** One backend per choice for the Worker's lifetime (a WebGPU device is expensive to create). */
export function workerBackend(choice: BackendChoice): Promise<SimBackend> {
  let backend = cache.get(choice);
  if (!backend) {
    backend = selectBackend(choice, browserWebGpu());
    // A failed selection (backend=webgpu without WebGPU) is retried on the next run.
    backend.catch(() => cache.delete(choice));
    cache.set(choice, backend);
  }
  return backend;
}
