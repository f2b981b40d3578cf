/** What the explicit and gram runners share: a prepared job that simulates chunks of networks. */
import type { NetworkModel } from '../model.ts';
import type { SimJob } from '../types.ts';
import type { PipelineCache } from './pipelines.ts';

export interface GpuContext {
  readonly device: GPUDevice;
  readonly pipelines: PipelineCache;
}

export interface ChunkResult {
  /** [net][recordIndex][pair] for the chunk's networks: f32 values, or f64 when rescaled (gram, homogeneous φ). */
  readonly z: Float32Array | Float64Array;
  readonly phi?: Float32Array | Float64Array;
}

export interface ChunkRunner {
  /** Simulate networks netBase … netBase + count − 1 (count ≤ the capacity it was built with). */
  run(netBase: number, count: number, abort?: Promise<never>): Promise<ChunkResult>;
  destroy(): void;
}

export interface RunnerArgs {
  readonly ctx: GpuContext;
  readonly model: NetworkModel;
  readonly job: SimJob;
  /** Networks the buffers hold. */
  readonly capacity: number;
}

/** slot[l] = index of layer l in job.recordLayers, −1 when not recorded (l = 0 … L). */
export function recordSlots(job: SimJob): Int32Array {
  const slots = new Int32Array(job.spec.L + 1).fill(-1);
  job.recordLayers.forEach((l, r) => {
    slots[l] = r;
  });
  return slots;
}
