/**
 * WebGPU throughput: networks per second and GFLOP/s of the explicit and gram methods, next to a
 * plain f32 matmul (shaders/matmul.wgsl) as the adapter's reachable arithmetic peak.
 *
 * Flop counts (stated in the result too; multiply–add = 2 flops):
 *   explicit: 2·n·k per weight, i.e. 2·k·(n·d + (L−1)·n²) per network — the matrix products only;
 *             generating the weights (one Philox4x32-10 call per 4 weights, ~150 integer ops, and
 *             one Box–Muller per 2) is the dominant cost and is not counted as flops;
 *   gram:     per layer and row, C·ξ (k(k+1) flops) and the two packed kernels of z and φ(z)
 *             (2·k(k+1) flops): 3·k(k+1)·n·L per network;
 *   matmul:   2·N³.
 * Sizes are options: small ones for SwiftShader (the default when the adapter is SwiftShader),
 * n up to 4096, M up to 1024, L = 64 on a real GPU.
 *
 * Run directly: node bin/run-ts.mjs bench/webgpu.ts [--full]
 */
import { pathToFileURL } from 'node:url';
import { createWebGpuBackend, type WebGpuBackend } from '../src/backends/webgpu/backend.ts';
import { uniformStruct } from '../src/backends/webgpu/gpuBuffers.ts';
import type { SimJob } from '../src/backends/types.ts';
import { DEFAULT_SPEC, type Method, type Spec } from '../src/core/spec.ts';

export interface WebGpuBenchOptions {
  /** The WebGPU entry point (default: Node's Dawn via createNodeGpu). */
  readonly gpu?: GPU;
  readonly methods?: readonly Method[];
  /** Widths to measure (default: [256, 1024, 4096] on a GPU, [64, 256] on SwiftShader). */
  readonly widths?: readonly number[];
  /** Networks per measurement (default 1024 on a GPU, 16 on SwiftShader). */
  readonly M?: number;
  /** Depth (default 64 on a GPU, 8 on SwiftShader). */
  readonly L?: number;
  readonly k?: number;
  readonly act?: string;
  /** Matmul size N (multiple of 64; default 2048 on a GPU, 256 on SwiftShader). */
  readonly matmulN?: number;
  /** A measurement whose pilot predicts more than this many seconds uses fewer networks. */
  readonly maxSecondsPerRun?: number;
}

export interface MethodBench {
  readonly method: Method;
  readonly n: number;
  readonly L: number;
  readonly k: number;
  readonly M: number;
  readonly seconds: number;
  readonly networksPerSecond: number;
  readonly gflops: number;
  readonly percentOfMatmulPeak: number;
  readonly flopCount: string;
}

export interface WebGpuBenchResult {
  readonly adapter: string;
  readonly matmul: { readonly N: number; readonly seconds: number; readonly gflops: number; readonly flopCount: string };
  readonly runs: readonly MethodBench[];
}

function flopsPerNetwork(method: Method, n: number, L: number, k: number): number {
  if (method === 'explicit') return 2 * k * (n * k + (L - 1) * n * n);
  return 3 * k * (k + 1) * n * L;
}

const FLOP_COUNT: Record<Method, string> = {
  explicit: '2·k·(n·d + (L−1)·n²) per network (matrix products only; weight generation not counted)',
  gram: '3·k(k+1)·n·L per network (C·ξ and the z, φ(z) kernels)',
};

/** Best-of-3 GFLOP/s of shaders/matmul.wgsl on N×N f32 matrices (several products per submit). */
async function matmulPeak(backend: WebGpuBackend, N: number): Promise<{ seconds: number; gflops: number }> {
  if (N % 64 !== 0) throw new Error(`matmulN must be a multiple of 64, got ${N}`);
  const { device, pipelines } = backend;
  const pipeline = await pipelines.get('matmul');
  const bytes = N * N * 4;
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
  const [a, b, c] = [0, 1, 2].map(() => device.createBuffer({ size: bytes, usage }));
  const init = Float32Array.from({ length: N * N }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  device.queue.writeBuffer(a, 0, init);
  device.queue.writeBuffer(b, 0, init);
  const params = uniformStruct(device, 'matmul params', [['u', N]]);
  const group = device.createBindGroup({
    layout: pipelines.bindGroupLayout('matmul'),
    entries: [params, a, b, c].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const run = async (reps: number) => {
    const t0 = performance.now();
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    for (let r = 0; r < reps; r++) pass.dispatchWorkgroups(N / 64, N / 64);
    pass.end();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    return (performance.now() - t0) / 1000;
  };
  // Repetitions so that one timing lasts ≳ 0.2 s.
  const once = await run(1);
  const reps = Math.max(1, Math.min(200, Math.ceil(0.2 / Math.max(once, 1e-4))));
  let best = Infinity;
  for (let i = 0; i < 3; i++) best = Math.min(best, await run(reps));
  for (const buf of [a, b, c, params]) buf.destroy();
  const seconds = best / reps;
  return { seconds, gflops: (2 * N ** 3) / seconds / 1e9 };
}

async function timeJob(backend: WebGpuBackend, spec: Spec, M: number): Promise<number> {
  const first = spec.arch === 'resnet' ? 0 : 1;
  const recordLayers = Array.from({ length: spec.L - first + 1 }, (_, i) => first + i);
  const job: SimJob = { spec: { ...spec, M }, netStart: 0, netCount: M, recordLayers };
  const t0 = performance.now();
  await backend.simulate(job);
  return (performance.now() - t0) / 1000;
}

export async function benchWebGpu(opts: WebGpuBenchOptions = {}): Promise<WebGpuBenchResult> {
  const gpu = opts.gpu ?? (await (await import('../src/backends/webgpu/node.ts')).createNodeGpu()).gpu;
  const backend = await createWebGpuBackend(gpu, { label: 'bench', targetChunkSeconds: 0.5 });
  try {
    const soft = /swiftshader/i.test(backend.info.adapter);
    const widths = opts.widths ?? (soft ? [64, 256] : [256, 1024, 4096]);
    const L = opts.L ?? (soft ? 8 : 64);
    const M = opts.M ?? (soft ? 16 : 1024);
    const k = opts.k ?? 2;
    const maxSeconds = opts.maxSecondsPerRun ?? (soft ? 20 : 60);
    const matmulN = opts.matmulN ?? (soft ? 256 : 2048);
    const matmul = await matmulPeak(backend, matmulN);
    const runs: MethodBench[] = [];
    for (const method of opts.methods ?? (['explicit', 'gram'] as const)) {
      for (const n of widths) {
        const spec: Spec = { ...DEFAULT_SPEC, method, n, L, k, act: opts.act ?? 'relu' };
        // Pilot (also builds the pipelines): predicts the time of M networks.
        const pilotM = Math.min(M, 2);
        await timeJob(backend, spec, pilotM);
        const pilot = await timeJob(backend, spec, pilotM);
        const m = Math.max(pilotM, Math.min(M, Math.floor((maxSeconds / Math.max(pilot, 1e-6)) * pilotM)));
        const seconds = await timeJob(backend, spec, m);
        const gflops = (m * flopsPerNetwork(method, n, L, k)) / seconds / 1e9;
        runs.push({
          method,
          n,
          L,
          k,
          M: m,
          seconds,
          networksPerSecond: m / seconds,
          gflops,
          percentOfMatmulPeak: (100 * gflops) / matmul.gflops,
          flopCount: FLOP_COUNT[method],
        });
      }
    }
    return { adapter: backend.info.adapter, matmul: { N: matmulN, ...matmul, flopCount: '2·N³' }, runs };
  } finally {
    backend.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const full = process.argv.includes('--full');
  const result = await benchWebGpu(full ? { widths: [256, 1024, 4096], M: 1024, L: 64, matmulN: 2048 } : {});
  console.log(JSON.stringify(result, null, 2));
}
