/**
 * Memory of a job before anything runs, and how many networks fit in one chunk under the device
 * (or imposed) limits: every storage binding ≤ maxStorageBufferBindingSize and maxBufferSize, all
 * buffers together ≤ the memory budget, one workgroup row per network ≤
 * maxComputeWorkgroupsPerDimension. Chunk sizes then adapt to the measured speed
 * (`nextChunkNetworks`) so that one submission takes about `targetSeconds` (cancellation latency,
 * browser GPU watchdogs).
 */
import { pairCount } from '../types.ts';
import type { SmallLimits } from './capabilities.ts';

/** Rows of output per explicit workgroup (override WG of shaders/explicit_layer.wgsl). */
export const EXPLICIT_ROWS_PER_WORKGROUP = 64;

/** Bytes between per-layer uniform entries (minUniformBufferOffsetAlignment is at most 256). */
export const UNIFORM_STRIDE = 256;

export interface JobShape {
  readonly method: 'gram' | 'explicit';
  readonly n: number;
  readonly k: number;
  readonly L: number;
  /** Layers recorded (R). */
  readonly recorded: number;
  readonly recordPhi: boolean;
}

export interface JobMemory {
  /** Bytes of each per-network storage binding, for one network (the largest decides the chunk). */
  readonly bindingsPerNet: Readonly<Record<string, number>>;
  /** All per-network buffers (bindings and readback copies) for one network. */
  readonly perNet: number;
  /** Buffers whose size does not grow with the chunk (uniform tables, inputs). */
  readonly fixed: number;
}

export function jobMemory(s: JobShape): JobMemory {
  const state = s.n * s.k * 4;
  const out = s.recorded * pairCount(s.k) * 4;
  const outs = out * (s.recordPhi ? 2 : 1);
  if (s.method === 'explicit') {
    return {
      bindingsPerNet: { state, 'recorded kernels': out }, // state: two buffers (ping-pong)
      perNet: 2 * state + 2 * outs,
      fixed: (s.L + 1) * UNIFORM_STRIDE + s.recorded * UNIFORM_STRIDE + s.k * s.k * 4,
    };
  }
  return {
    bindingsPerNet: { state, 'recorded kernels': out, 'G matrices': s.k * s.k * 4 },
    perNet: state + s.k * s.k * 4 + 2 * outs,
    fixed: (s.L + 1) * UNIFORM_STRIDE + (s.L + 1) * 4 + s.k * s.k * 4,
  };
}

export type ChunkCapacity = { readonly ok: true; readonly nets: number } | { readonly ok: false; readonly reason: string };

/** Bytes for a person: KiB below 1 MiB, else MiB. */
export function formatBytes(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** The most networks one chunk may hold, or why not even one fits. */
export function chunkCapacity(s: JobShape, limits: SmallLimits): ChunkCapacity {
  const mem = jobMemory(s);
  const bindingCap = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  let nets = limits.maxComputeWorkgroupsPerDimension;
  for (const [name, bytes] of Object.entries(mem.bindingsPerNet)) {
    if (bytes > bindingCap) {
      return { ok: false, reason: `one network's ${name} needs ${formatBytes(bytes)} (n=${s.n}, k=${s.k}, ${s.recorded} recorded layers), over the device's storage binding limit of ${formatBytes(bindingCap)}` };
    }
    nets = Math.min(nets, Math.floor(bindingCap / bytes));
  }
  const budget = limits.memoryBudgetBytes - mem.fixed;
  if (budget < mem.perNet) {
    return { ok: false, reason: `one network needs ${formatBytes(mem.perNet + mem.fixed)} of GPU buffers, over the ${formatBytes(limits.memoryBudgetBytes)} budget` };
  }
  nets = Math.min(nets, Math.floor(budget / mem.perNet));
  if (s.method === 'explicit') {
    const tiles = Math.ceil(s.n / EXPLICIT_ROWS_PER_WORKGROUP);
    if (tiles > limits.maxComputeWorkgroupsPerDimension) {
      return { ok: false, reason: `n=${s.n} needs ${tiles} workgroups per network, over maxComputeWorkgroupsPerDimension=${limits.maxComputeWorkgroupsPerDimension}` };
    }
  }
  return { ok: true, nets: Math.max(1, nets) };
}

/**
 * Networks in the next chunk: aim at `targetSeconds` from the speed measured so far (networks per
 * second), growing at most 4× per chunk, within [1, capacity]. The first chunk (no measurement)
 * holds about `firstOps` operations.
 */
export function nextChunkNetworks(
  opsPerNet: number,
  capacity: number,
  measured: { nets: number; seconds: number } | undefined,
  previous: number | undefined,
  targetSeconds: number,
  firstOps = 2e7,
): number {
  let want: number;
  if (!measured || previous === undefined || measured.seconds <= 0) {
    want = Math.floor(firstOps / Math.max(opsPerNet, 1));
  } else {
    want = Math.min(Math.floor((measured.nets / measured.seconds) * targetSeconds), 4 * previous);
  }
  return Math.max(1, Math.min(capacity, want));
}
