/**
 * Whether the curve's WebGPU kernel (shaders/curve_layer.wgsl, curveGpu.ts) can run a spec's networks,
 * without loading the kernel: the cost model (experiments/plan.ts) and the runner ask the same question.
 */

/**
 * Columns one workgroup of curve_layer covers (16 blocks of CHUNK = 16 in the shader): its 4 rows'
 * weights are drawn once per workgroup, so every weight is drawn ⌈2k/256⌉ times.
 */
export const CURVE_GPU_COLUMNS = 256;
/** Rows per workgroup of curve_layer (TR in the shader). */
export const CURVE_GPU_ROWS = 4;
/** Threads per workgroup of every curve kernel. */
export const CURVE_GPU_WG = 64;
/** Largest number of workgroups along one dimension of a dispatch (WebGPU's default limit). */
export const MAX_WORKGROUPS = 65535;

/** Why the kernel cannot run these networks, or undefined. */
export function curveGpuUnsupported(weightsKind: string, n: number, k: number): string | undefined {
  if (weightsKind !== 'gaussian') return `weights=${weightsKind}: the curve's WebGPU kernel draws Gaussian weights only`;
  if (curveLayerGroups(n, k) > MAX_WORKGROUPS) return `n = ${n} with k = ${k}: more row blocks × column groups than one dispatch holds`;
  return undefined;
}

/** Workgroups of one curve_layer dispatch along x: ⌈n/4⌉ row blocks × ⌈2k/256⌉ column groups. */
export function curveLayerGroups(n: number, k: number): number {
  return Math.ceil(n / CURVE_GPU_ROWS) * Math.ceil((2 * k) / CURVE_GPU_COLUMNS);
}
