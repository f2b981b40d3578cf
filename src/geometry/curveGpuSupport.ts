/**
 * Whether the curve's WebGPU kernel (shaders/curve_layer.wgsl, curveGpu.ts) can run a spec's networks,
 * without loading the kernel: the cost model (experiments/plan.ts) and the runner ask the same question.
 */

/** Columns per thread of curve_layer (CHUNK in the shader): each thread redraws its row's weights once per block. */
export const CURVE_GPU_CHUNK = 16;
/** Threads per workgroup of every curve kernel. */
export const CURVE_GPU_WG = 64;
/** Largest number of workgroups along one dimension of a dispatch (WebGPU's default limit). */
export const MAX_WORKGROUPS = 65535;

/** Why the kernel cannot run these networks, or undefined. */
export function curveGpuUnsupported(weightsKind: string, n: number, k: number): string | undefined {
  if (weightsKind !== 'gaussian') return `weights=${weightsKind}: the curve's WebGPU kernel draws Gaussian weights only`;
  if (Math.ceil((n * Math.ceil((2 * k) / CURVE_GPU_CHUNK)) / CURVE_GPU_WG) > MAX_WORKGROUPS) return `n = ${n} with k = ${k}: more rows × column blocks than one dispatch holds`;
  return undefined;
}
