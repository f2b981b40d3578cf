/**
 * The Worker's backend: selectBackend with the browser's WebGPU (navigator.gpu) injected, wrapped so
 * that a device lost mid-run finishes on the CPU (fallback.ts). The GPU code is imported lazily: a
 * page that runs on the CPU never loads it. `auto` means a hardware adapter, else the CPU (as in the
 * CLI): a software adapter (SwiftShader) is far slower than the CPU backend, so only an explicit
 * backend=webgpu uses it. Whenever `auto` ends on the CPU, the badge says why.
 */
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import { selectBackend, type BackendEnvironment } from '../../src/backends/select.ts';
import type { SimBackend } from '../../src/backends/types.ts';
import type { BackendChoice } from '../../src/core/spec.ts';

/** A software rasteriser posing as a GPU: WebGPU's fallback adapter, or SwiftShader by name. */
export async function softwareAdapter(gpu: GPU): Promise<string | undefined> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return undefined;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  return info.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(name) ? name || 'a fallback adapter' : undefined;
}

export function browserWebGpu(
  gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu,
  options: { allowSoftware?: boolean } = {},
): BackendEnvironment {
  if (!gpu) return { noWebGpuReason: 'navigator.gpu is not available in this browser (WebGPU needs browser support and a secure context)' };
  return {
    createWebGpu: async () => {
      if (!options.allowSoftware) {
        const software = await softwareAdapter(gpu);
        if (software) throw new Error(`the only WebGPU adapter is a software one (${software}), slower than the CPU backend; choose backend=webgpu to use it anyway`);
      }
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
    backend = selectBackend(choice, browserWebGpu(undefined, { allowSoftware: choice === 'webgpu' }));
    // A failed selection (backend=webgpu without WebGPU) is retried on the next run.
    backend.catch(() => cache.delete(choice));
    cache.set(choice, backend);
  }
  return backend;
}
