/**
 * Adapter and device: named refusals when WebGPU is absent or too small, explicit limits, and a
 * one-line description of what actually runs (BackendInfo.adapter).
 */
import { missingCapabilities, requestedLimits } from './capabilities.ts';

export interface OpenDevice {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  /** vendor, architecture and description of the adapter, e.g. "google swiftshader (SwiftShader driver 5.0.0)". */
  readonly description: string;
}

/** Thrown (as a rejection) when no usable WebGPU device exists; the runner then uses the CPU. */
export class WebGpuUnavailableError extends Error {
  override readonly name = 'WebGpuUnavailableError';
}

export function describeAdapter(info: GPUAdapterInfo | undefined): string {
  if (!info) return 'unknown adapter';
  const head = [info.vendor, info.architecture].filter((s) => s && s.length > 0).join(' ');
  const tail = info.description || info.device || '';
  if (!head && !tail) return 'unknown adapter';
  return tail ? (head ? `${head} (${tail})` : tail) : head;
}

export async function openDevice(gpu: GPU | undefined, label: string): Promise<OpenDevice> {
  if (!gpu || typeof gpu.requestAdapter !== 'function') {
    throw new WebGpuUnavailableError('WebGPU is not available here (no navigator.gpu); use backend=cpu');
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    throw new WebGpuUnavailableError(`WebGPU requestAdapter() failed: ${(e as Error).message}; use backend=cpu`);
  }
  if (!adapter) {
    throw new WebGpuUnavailableError(
      'WebGPU has no adapter (requestAdapter() returned null: no supported GPU, or WebGPU is disabled); use backend=cpu',
    );
  }
  const description = describeAdapter(adapter.info);
  const missing = missingCapabilities(adapter.limits);
  if (missing.length > 0) {
    throw new WebGpuUnavailableError(
      `WebGPU adapter ${description} lacks ${missing.map((c) => `${c.name} (${c.need})`).join(', ')}; use backend=cpu`,
    );
  }
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ label, requiredLimits: requestedLimits(adapter.limits) });
  } catch (e) {
    throw new WebGpuUnavailableError(`WebGPU requestDevice() failed on ${description}: ${(e as Error).message}; use backend=cpu`);
  }
  return { adapter, device, description };
}
