/**
 * Which backend runs a spec (DESIGN.md §6 `backend` key), with the reason recorded in info.note so
 * the page can show a badge and the JSON says what ran:
 *   cpu     → the CPU backend;
 *   webgpu  → WebGPU, or an error naming why not (no navigator.gpu, no adapter, device failure);
 *   auto    → WebGPU when a hardware adapter exists, else the CPU with the reason. A software
 *             adapter (SwiftShader, llvmpipe: WebGPU emulated on the CPU) is slower than the CPU
 *             backend for these kernels (bench/webgpu.ts), so auto does not pick it.
 * The WebGPU factory is injected (browser: navigator.gpu; Node: Dawn), so this file imports no GPU
 * code and works everywhere.
 */
import { createCpuBackend } from './cpu/cpuBackend.ts';
import type { SimBackend } from './types.ts';
import type { BackendChoice } from '../core/spec.ts';
import { isSoftwareAdapter } from '../core/cost.ts';

export interface BackendEnvironment {
  /** A function giving a WebGPU backend, or rejecting with a human-readable reason. */
  readonly createWebGpu?: () => Promise<SimBackend>;
  /** Why there is no WebGPU at all here (e.g. "navigator.gpu is not available in this browser"). */
  readonly noWebGpuReason?: string;
  /** The CPU backend to use (a pool of workers: every core); default the one-thread CPU backend. */
  readonly createCpu?: () => SimBackend;
}

export class BackendUnavailableError extends Error {}

/** The same backend with a note on its info (prototype-delegating, so class instances work). */
export function withNote(backend: SimBackend, note: string): SimBackend {
  const noted = Object.create(backend) as SimBackend;
  Object.defineProperty(noted, 'info', { value: { ...backend.info, note }, enumerable: true });
  return noted;
}

export async function selectBackend(choice: BackendChoice, env: BackendEnvironment): Promise<SimBackend> {
  const createCpu = env.createCpu ?? createCpuBackend;
  if (choice === 'cpu') return createCpu();
  if (!env.createWebGpu) {
    const why = env.noWebGpuReason ?? 'WebGPU is not available here';
    if (choice === 'webgpu') throw new BackendUnavailableError(`backend=webgpu: ${why}`);
    return withNote(createCpu(), `CPU backend: ${why}`);
  }
  try {
    const gpu = await env.createWebGpu();
    if (choice === 'auto' && isSoftwareAdapter(gpu.info.adapter)) {
      gpu.dispose();
      return withNote(createCpu(), `CPU backend: the only WebGPU adapter is a software one (${gpu.info.adapter}), slower than the CPU backend; choose backend=webgpu to use it anyway`);
    }
    return gpu;
  } catch (e) {
    const why = (e as Error)?.message ?? String(e);
    if (choice === 'webgpu') throw new BackendUnavailableError(`backend=webgpu: ${why}`);
    return withNote(createCpu(), `CPU backend: ${why}`);
  }
}

/** WebGPU implemented on the CPU (SwiftShader, llvmpipe): one definition, shared with the cost model. */
export { isSoftwareAdapter } from '../core/cost.ts';
