import { describe, expect, it } from 'vitest';
import type { SmallLimits } from './capabilities.ts';
import { chunkCapacity, jobMemory, nextChunkNetworks, type JobShape } from './chunkPlan.ts';

const big: SmallLimits = {
  maxStorageBufferBindingSize: 2 ** 30,
  maxBufferSize: 2 ** 30,
  maxComputeWorkgroupsPerDimension: 65535,
  memoryBudgetBytes: 256 * 2 ** 20,
};
const shape: JobShape = { method: 'explicit', n: 1024, k: 2, L: 10, recorded: 10, recordPhi: true };

describe('chunk planning', () => {
  it('counts the ping-pong state twice for explicit and once for gram', () => {
    const e = jobMemory(shape);
    const g = jobMemory({ ...shape, method: 'gram' });
    // state n·k·4 = 8 KiB; recorded kernels 10·3·4 = 120 B, ×2 (z, φ), ×2 (binding + readback).
    expect(e.perNet).toBe(2 * 8192 + 2 * 240);
    expect(g.perNet).toBe(8192 + 16 + 2 * 240);
  });

  it('takes the smallest of the binding, memory and dispatch limits', () => {
    expect(chunkCapacity(shape, big)).toEqual({ ok: true, nets: Math.floor((big.memoryBudgetBytes - jobMemory(shape).fixed) / jobMemory(shape).perNet) });
    expect(chunkCapacity(shape, { ...big, maxStorageBufferBindingSize: 3 * 8192 })).toEqual({ ok: true, nets: 3 });
    expect(chunkCapacity(shape, { ...big, maxComputeWorkgroupsPerDimension: 20 })).toEqual({ ok: true, nets: 20 });
  });

  it('says why when not even one network fits', () => {
    const r1 = chunkCapacity(shape, { ...big, maxStorageBufferBindingSize: 4096 });
    expect(r1.ok ? '' : r1.reason).toMatch(/state needs 8\.0 KiB \(n=1024, k=2, 10 recorded layers\), over the device's storage binding limit of 4\.0 KiB/);
    const r2 = chunkCapacity(shape, { ...big, memoryBudgetBytes: 10000 });
    expect(r2.ok ? '' : r2.reason).toMatch(/budget/);
    const r3 = chunkCapacity(shape, { ...big, maxComputeWorkgroupsPerDimension: 8 });
    expect(r3.ok ? '' : r3.reason).toMatch(/n=1024 needs 16 workgroups/);
  });

  it('sizes chunks from the measured speed, growing at most 4× and within [1, capacity]', () => {
    expect(nextChunkNetworks(1e6, 1000, undefined, undefined, 0.25)).toBe(20); // first: 2e7 operations
    expect(nextChunkNetworks(1e9, 1000, undefined, undefined, 0.25)).toBe(1);
    expect(nextChunkNetworks(1e6, 1000, { nets: 20, seconds: 0.001 }, 20, 0.25)).toBe(80);
    expect(nextChunkNetworks(1e6, 50, { nets: 20, seconds: 0.001 }, 20, 0.25)).toBe(50);
    expect(nextChunkNetworks(1e6, 1000, { nets: 20, seconds: 1 }, 20, 0.25)).toBe(5);
  });
});
