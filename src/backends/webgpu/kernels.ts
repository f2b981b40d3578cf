/**
 * The WGSL kernels: each is whole .wgsl files (shaders/, imported with `?raw`) joined in order,
 * its entry point, the override constants it declares, and its bind group layout. Sizes and
 * constants reach the shaders only as override constants and uniforms, never by editing text.
 */
import activationEvalWgsl from '../../../shaders/activation_eval.wgsl?raw';
import explicitLayerWgsl from '../../../shaders/explicit_layer.wgsl?raw';
import gramLayersWgsl from '../../../shaders/gram_layers.wgsl?raw';
import kernelReduceWgsl from '../../../shaders/kernel_reduce.wgsl?raw';
import activationsWgsl from '../../../shaders/lib/activations.wgsl?raw';
import pairReduceWgsl from '../../../shaders/lib/pair_reduce.wgsl?raw';
import rngWgsl from '../../../shaders/lib/rng.wgsl?raw';
import sizesWgsl from '../../../shaders/lib/sizes.wgsl?raw';
import trigWgsl from '../../../shaders/lib/trig.wgsl?raw';
import matmulWgsl from '../../../shaders/matmul.wgsl?raw';
import normalsWgsl from '../../../shaders/normals.wgsl?raw';

/** How a binding is used: a uniform (optionally with a dynamic offset) or a storage buffer. */
export type BindingKind = 'uniform' | 'uniform-dynamic' | 'read' | 'read-write';

export interface KernelDef {
  /** The kernel's source: whole files, concatenated (WGSL declarations are order-independent). */
  readonly code: string;
  readonly entryPoint: string;
  /** Override constants the module declares; a pipeline must set exactly a subset of them. */
  readonly overrides: readonly string[];
  /** @group(0) bindings 0, 1, … in order. */
  readonly bindings: readonly BindingKind[];
}

const ACT = ['ACT_KIND', 'ACT_P0', 'ACT_P1'] as const;

export const KERNELS = {
  /** One explicit layer for a chunk of networks (shaders/explicit_layer.wgsl). */
  explicitLayer: {
    code: [sizesWgsl, trigWgsl, rngWgsl, activationsWgsl, explicitLayerWgsl].join('\n'),
    entryPoint: 'explicit_layer',
    overrides: ['K', 'WG', 'WEIGHT_KIND', ...ACT],
    bindings: ['uniform-dynamic', 'uniform', 'read', 'read-write', 'read'],
  },
  /** K̂ and (1/n)φᵀφ of a chunk's state at one recorded layer (shaders/kernel_reduce.wgsl). */
  kernelReduce: {
    code: [sizesWgsl, trigWgsl, activationsWgsl, pairReduceWgsl, kernelReduceWgsl].join('\n'),
    entryPoint: 'kernel_reduce',
    overrides: ['K', 'RED_WG', ...ACT],
    bindings: ['uniform-dynamic', 'read', 'read-write', 'read-write'],
  },
  /** The gram method, a range of layers per dispatch (shaders/gram_layers.wgsl). */
  gramLayers: {
    code: [sizesWgsl, trigWgsl, rngWgsl, activationsWgsl, pairReduceWgsl, gramLayersWgsl].join('\n'),
    entryPoint: 'gram_layers',
    overrides: ['K', 'RED_WG', 'PIVOT_TOL', 'RESCALE', ...ACT],
    bindings: ['uniform-dynamic', 'uniform', 'read-write', 'read-write', 'read', 'read', 'read-write', 'read-write', 'read-write'],
  },
  /** Raw N(0,1) draws (shaders/normals.wgsl). */
  normals: {
    code: [trigWgsl, rngWgsl, normalsWgsl].join('\n'),
    entryPoint: 'normals',
    overrides: [],
    bindings: ['uniform', 'read-write'],
  },
  /** φ, φ' at given points (shaders/activation_eval.wgsl). */
  activationEval: {
    code: [trigWgsl, activationsWgsl, activationEvalWgsl].join('\n'),
    entryPoint: 'activation_eval',
    overrides: [...ACT],
    bindings: ['uniform', 'read', 'read-write', 'read-write'],
  },
  /** Plain f32 matmul, the bench's peak reference (shaders/matmul.wgsl). */
  matmul: {
    code: matmulWgsl,
    entryPoint: 'matmul',
    overrides: [],
    bindings: ['uniform', 'read', 'read', 'read-write'],
  },
} as const satisfies Record<string, KernelDef>;

export type KernelName = keyof typeof KERNELS;

/**
 * Threads per network of the reduction and gram kernels (override RED_WG of lib/pair_reduce.wgsl):
 * a power of two in [64, 256] giving about 4 rows per thread, and at least the P = k(k+1)/2 pairs
 * (each thread owns one pair of one row group). Small networks then do not idle 256 threads at
 * every barrier (which is what a software adapter pays for most).
 */
export function reductionWorkgroupSize(n: number, k: number): number {
  const pairs = (k * (k + 1)) / 2;
  let size = 64;
  while (size < 256 && (size < pairs || 4 * size < n)) size *= 2;
  return size;
}
