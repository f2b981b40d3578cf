/** Failures of a GPU run that keep what was computed before them (results are keyed by network). */
import type { KernelBlock } from '../types.ts';

/**
 * The device was lost, or a GPU error (out of memory, internal) stopped the run. `partial` holds
 * the networks finished before it: [netStart, netStart + partial.netCount).
 */
export class GpuRunError extends Error {
  override readonly name = 'GpuRunError';
  constructor(
    message: string,
    readonly partial: KernelBlock,
    /** True when the device is gone (every later GPU call would fail too). */
    readonly deviceLost: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
