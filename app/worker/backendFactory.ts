/**
 * The Worker's backend: selectBackend (which decides, as in the CLI, that `auto` passes over a
 * software adapter) with what only a browser has injected: navigator.gpu, and a WebGPU backend
 * wrapped so that a device lost mid-run finishes on the CPU (fallback.ts). The GPU code is imported
 * lazily: a page that runs on the CPU never loads it. The CPU backend is a pool of simulation
 * Workers, one per core (issue 19 §2).
 */
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import type { FromSimWorker, SimPort, ToSimWorker } from '../../src/backends/pool/protocol.ts';
import { createPoolBackend } from '../../src/backends/pool/workerPool.ts';
import { selectBackend, type BackendEnvironment } from '../../src/backends/select.ts';
import type { SimBackend } from '../../src/backends/types.ts';
import type { BackendChoice } from '../../src/core/spec.ts';

/**
 * Simulation Workers of the CPU pool: one per core the browser reports but one, which stays with the
 * page (with every core computing, a 2-core machine left the page's main thread stalls of over a
 * second: e2e/run.spec.ts), and at most 16 (each Worker is a JavaScript engine of its own, ~10 MB;
 * past 16 the Monte Carlo Worker's in-order merge and statistics, on one thread, dominate). With one
 * simulation Worker the Monte Carlo Worker itself stays free to answer cancel and restart at once.
 */
export const MAX_SIM_WORKERS = 16;

export function simWorkerCount(hardwareConcurrency: number | undefined = (globalThis.navigator as Navigator | undefined)?.hardwareConcurrency): number {
  const cores = Math.floor(hardwareConcurrency ?? 1) || 1;
  return Math.max(1, Math.min(MAX_SIM_WORKERS, cores - 1));
}

function spawnSimWorker(): SimPort {
  const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module', name: 'limits-lab-sim' });
  return {
    post: (message: ToSimWorker) => worker.postMessage(message),
    listen(onMessage, onError) {
      worker.onmessage = (event: MessageEvent<FromSimWorker>) => onMessage(event.data);
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        onError(new Error(event.message || 'the simulation worker failed to start'));
      };
    },
    terminate: () => worker.terminate(),
  };
}

/** The CPU backend on every core: a pool of simulation Workers (bit-identical to one thread). */
export function browserCpuBackend(workers: number = simWorkerCount()): SimBackend {
  return typeof Worker === 'undefined' ? createCpuBackend() : createPoolBackend(spawnSimWorker, workers);
}

export function browserWebGpu(gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu): BackendEnvironment {
  if (!gpu) return { createCpu: browserCpuBackend, noWebGpuReason: 'navigator.gpu is not available in this browser (WebGPU needs browser support and a secure context)' };
  return {
    createCpu: browserCpuBackend,
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
