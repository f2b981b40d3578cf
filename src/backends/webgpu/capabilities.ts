/**
 * Named capability checks and the limits this backend requests. Every kernel fits the WebGPU
 * default limits; the checks exist for adapters below them (e.g. compatibility mode), so that the
 * refusal names what is missing instead of failing inside a pipeline.
 */

/** The limits the chunk planner respects. Tests impose smaller ones to force chunking. */
export interface SmallLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  /**
   * Bytes of buffers the backend holds at once. Not a WebGPU limit (WebGPU does not expose the
   * memory size): a budget that keeps the page and other tabs alive.
   */
  readonly memoryBudgetBytes: number;
}

export const DEFAULT_MEMORY_BUDGET_BYTES = 256 * 2 ** 20;

/** Largest binding / buffer we ask for even when the adapter offers more. */
const WANTED_BUFFER_BYTES = 2 ** 30;

export interface Capability {
  readonly name: string;
  /** What is needed and why, for the refusal message. */
  readonly need: string;
  readonly ok: (limits: GPUSupportedLimits) => boolean;
}

/** Workgroup memory of the largest kernel: pair_reduce tiles (2·1024 + 2·256 + 2·136 f32) + G, C. */
const GRAM_WORKGROUP_BYTES = 4 * (2 * 1024 + 2 * 256 + 2 * 136 + 2 * 256);

export const REQUIRED_CAPABILITIES: readonly Capability[] = [
  {
    name: 'workgroup-invocations-256',
    need: 'maxComputeInvocationsPerWorkgroup ≥ 256 (reduction and gram workgroups of 256 threads)',
    ok: (l) => l.maxComputeInvocationsPerWorkgroup >= 256 && l.maxComputeWorkgroupSizeX >= 256,
  },
  {
    name: 'workgroup-storage',
    need: `maxComputeWorkgroupStorageSize ≥ ${GRAM_WORKGROUP_BYTES} bytes (kernel reduction tiles)`,
    ok: (l) => l.maxComputeWorkgroupStorageSize >= GRAM_WORKGROUP_BYTES,
  },
  {
    name: 'storage-buffers-6',
    need: 'maxStorageBuffersPerShaderStage ≥ 6 (the gram kernel binds 6 storage buffers)',
    ok: (l) => l.maxStorageBuffersPerShaderStage >= 6,
  },
];

/** Names and needs of the capabilities an adapter lacks (empty: all present). */
export function missingCapabilities(limits: GPUSupportedLimits): Capability[] {
  return REQUIRED_CAPABILITIES.filter((c) => !c.ok(limits));
}

/** The limits requested from requestDevice: what the kernels need, and large buffers when offered. */
export function requestedLimits(adapter: GPUSupportedLimits): Record<string, number> {
  return {
    maxComputeInvocationsPerWorkgroup: 256,
    maxComputeWorkgroupSizeX: 256,
    maxComputeWorkgroupStorageSize: Math.max(16384, GRAM_WORKGROUP_BYTES),
    maxStorageBuffersPerShaderStage: 6,
    maxStorageBufferBindingSize: Math.min(adapter.maxStorageBufferBindingSize, WANTED_BUFFER_BYTES),
    maxBufferSize: Math.min(adapter.maxBufferSize, WANTED_BUFFER_BYTES),
  };
}

/** The planner's limits: the device's, capped by any imposed ones. */
export function effectiveLimits(device: GPUSupportedLimits, imposed?: Partial<SmallLimits>): SmallLimits {
  const cap = (v: number, w: number | undefined) => (w === undefined ? v : Math.min(v, w));
  return {
    maxStorageBufferBindingSize: cap(device.maxStorageBufferBindingSize, imposed?.maxStorageBufferBindingSize),
    maxBufferSize: cap(device.maxBufferSize, imposed?.maxBufferSize),
    maxComputeWorkgroupsPerDimension: cap(device.maxComputeWorkgroupsPerDimension, imposed?.maxComputeWorkgroupsPerDimension),
    memoryBudgetBytes: imposed?.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES,
  };
}
