/**
 * The WebGPU backend: SimBackend on a GPUDevice (browser navigator.gpu, a Worker, or Node's Dawn).
 * A job is split into chunks of networks (chunkPlan.ts) that fit the device limits and take about
 * `targetChunkSeconds` each; the AbortSignal is checked between chunks (and wins the race against
 * a chunk's readback). A lost device or GPU error rejects with GpuRunError carrying the networks
 * already finished, which fallback.ts completes on the CPU.
 */
import { archOf, resolveSpec } from '../../archs/index.ts';
import { simulationOps } from '../../core/cost.ts';
import { validateRecordLayers } from '../cpu/cpuBackend.ts';
import { networkModel } from '../model.ts';
import {
  AbortError,
  pairCount,
  throwIfAborted,
  type BackendInfo,
  type KernelBlock,
  type NormalRequest,
  type SimBackend,
  type SimJob,
} from '../types.ts';
import { effectiveLimits, type SmallLimits } from './capabilities.ts';
import { chunkCapacity, jobMemory, nextChunkNetworks, type JobShape } from './chunkPlan.ts';
import type { ChunkRunner, GpuContext } from './chunkRunner.ts';
import { openDevice } from './device.ts';
import { GpuRunError } from './errors.ts';
import { createExplicitRunner } from './explicitRunner.ts';
import { createGramRunner } from './gramRunner.ts';
import { PipelineCache } from './pipelines.ts';
import { gpuActivation, gpuNormals } from './probes.ts';

export interface WebGpuBackendOptions {
  /** Caps on the device limits (tests impose small ones to force chunking). */
  readonly limits?: Partial<SmallLimits>;
  readonly label?: string;
  /** BackendInfo.note (e.g. createNodeGpu's "using SwiftShader"). */
  readonly note?: string;
  /** Seconds one chunk should take once the speed is known (default 0.25). */
  readonly targetChunkSeconds?: number;
  /** Called after every chunk (progress; tests use it to act between chunks). */
  readonly onChunk?: (progress: { readonly done: number; readonly total: number }) => void;
}

export interface WebGpuBackend extends SimBackend {
  /**
   * The GPU and adapter the device came from, kept alive with the backend: in Node, Dawn destroys
   * its instance when the GPU object is garbage-collected, and a device whose instance is gone
   * crashes the process on its next submission.
   */
  readonly gpu: GPU;
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  /** The limits the planner uses (device limits capped by options.limits). */
  readonly limits: SmallLimits;
  readonly pipelines: PipelineCache;
  /** Resolves when the device is lost (destroyed, driver reset, …). */
  readonly lost: Promise<GPUDeviceLostInfo>;
  /** Bytes of GPU buffers a job needs per network and in total for its first chunk (before running). */
  estimateMemory(job: SimJob): { perNetwork: number; fixed: number; chunkNetworks: number } | { reason: string };
}

/** Weight families that need the whole matrix at once: CPU-only. */
const CPU_ONLY_WEIGHTS: Readonly<Record<string, string>> = {
  orthogonal: 'orthogonal weights are a product of Householder reflectors applied in sequence (not entries drawn independently), which only the CPU backend implements',
  lowrank: 'low-rank weights W = U Vᵀ/√r need the shared factor V of each layer, which only the CPU backend implements',
};

function shapeOf(job: SimJob): JobShape {
  const s = job.spec;
  return { method: s.method, n: s.n, k: s.k, L: s.L, recorded: job.recordLayers.length, recordPhi: job.recordPhi ?? false };
}

function gpuErrorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

export async function createWebGpuBackend(gpu: GPU, options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const { adapter, device, description } = await openDevice(gpu, options.label ?? 'limits-lab');
  const limits = effectiveLimits(device.limits, options.limits);
  const pipelines = new PipelineCache(device);
  const ctx: GpuContext = { device, pipelines };
  const targetSeconds = options.targetChunkSeconds ?? 0.25;
  let lostInfo: GPUDeviceLostInfo | undefined;
  const lost = device.lost.then((info) => {
    lostInfo = info;
    return info;
  });
  const info: BackendInfo = options.note ? { name: 'webgpu', adapter: description, note: options.note } : { name: 'webgpu', adapter: description };

  function supports(job: SimJob): string | undefined {
    if (lostInfo) return `the WebGPU device was lost (${lostInfo.message || lostInfo.reason})`;
    return jobReason(job);
  }

  /** Why this job cannot run here whatever the device state (CPU-only weights, limits). */
  function jobReason(job: SimJob): string | undefined {
    const s = job.spec;
    // An architecture with its own CPU network (archs/types.ts CpuNetwork) has no WGSL pipeline here.
    const arch = archOf(s);
    if (arch.cpu && !arch.gpu?.methods.includes(s.method)) return `arch=${s.arch}${arch.gpu ? ` with method=${s.method}` : ''}: the ${arch.label}'s networks have no WebGPU kernels${arch.gpu ? ' for this method' : ''}; they run on the CPU`;
    // Its own WebGPU kernel (archs/types.ts ArchModule.gpu): no dense-chain chunk plan applies.
    if (arch.cpu) return undefined;
    if (s.method === 'explicit') {
      const { kind } = resolveSpec(s).weights;
      if (kind in CPU_ONLY_WEIGHTS) return `weights=${s.weights}: ${CPU_ONLY_WEIGHTS[kind]}`;
    }
    const cap = chunkCapacity(shapeOf(job), limits);
    return cap.ok ? undefined : cap.reason;
  }

  function checkDevice(): void {
    if (lostInfo) throw new Error(`WebGPU device lost: ${lostInfo.message || lostInfo.reason}`);
  }

  async function simulate(job: SimJob, signal?: AbortSignal): Promise<KernelBlock> {
    validateRecordLayers(job);
    throwIfAborted(signal);
    const why = jobReason(job);
    if (why !== undefined) throw new Error(`the WebGPU backend cannot run this job: ${why}`);
    const own = archOf(job.spec).gpu;
    if (own) {
      let z: Float64Array;
      try {
        checkDevice();
        z = await inErrorScopes(device, () => own.simulate(device, job.spec, job.netStart, job.netCount, job.recordLayers));
        checkDevice();
      } catch (e) {
        if (e instanceof AbortError) throw e;
        // As a dense-chain run's failure (below): fallback.ts runs the networks on the CPU.
        const reason = lostInfo ? `device lost (${lostInfo.message || lostInfo.reason})` : gpuErrorMessage(e);
        const none: KernelBlock = { netStart: job.netStart, netCount: 0, k: job.spec.k, recordLayers: job.recordLayers, z: new Float64Array(0), format: 'f32' };
        throw new GpuRunError(`WebGPU run failed after 0 of ${job.netCount} networks: ${reason}`, none, lostInfo !== undefined, e);
      }
      options.onChunk?.({ done: job.netCount, total: job.netCount });
      return { netStart: job.netStart, netCount: job.netCount, k: job.spec.k, recordLayers: job.recordLayers, z, format: 'f32', roundoff: (job.spec.n + 2) * 2 ** -24 };
    }
    const model = networkModel(job.spec);
    const shape = shapeOf(job);
    const cap = chunkCapacity(shape, limits);
    if (!cap.ok) throw new Error(cap.reason);
    const capacity = Math.min(cap.nets, job.netCount);
    const P = pairCount(model.k);
    const perNet = job.recordLayers.length * P;
    const z = new Float64Array(job.netCount * perNet);
    const phi = job.recordPhi ? new Float64Array(job.netCount * perNet) : undefined;
    const block = (count: number): KernelBlock => ({
      netStart: job.netStart,
      netCount: count,
      k: model.k,
      recordLayers: job.recordLayers,
      z: count === job.netCount ? z : z.slice(0, count * perNet),
      phi: phi && (count === job.netCount ? phi : phi.slice(0, count * perNet)),
      // f32 sums of n products: |ρ̂| may exceed 1 by up to (n + 2)·2^−24 (mcAccumulator.ts).
      format: 'f32',
      roundoff: (model.n + 2) * 2 ** -24,
    });
    const opsPerNet = simulationOps({ ...shape, M: 1 });
    // Rejects when the signal aborts, so a chunk's readback does not delay the AbortError.
    let onAbort: (() => void) | undefined;
    const abort = signal
      ? new Promise<never>((_, reject) => {
          onAbort = () => reject(new AbortError());
          signal.addEventListener('abort', onAbort, { once: true });
        })
      : undefined;
    abort?.catch(() => undefined);

    let done = 0;
    let runner: ChunkRunner | undefined;
    let measured: { nets: number; seconds: number } | undefined;
    let previous: number | undefined;
    try {
      checkDevice();
      const create = job.spec.method === 'gram' ? createGramRunner : createExplicitRunner;
      runner = await inErrorScopes(device, () => create({ ctx, model, job, capacity }));
      while (done < job.netCount) {
        throwIfAborted(signal);
        checkDevice();
        const count = Math.min(job.netCount - done, nextChunkNetworks(opsPerNet, capacity, measured, previous, targetSeconds));
        const t0 = performance.now();
        const chunkRunner = runner;
        const result = await inErrorScopes(device, () => chunkRunner.run(job.netStart + done, count, abort));
        checkDevice();
        const seconds = (performance.now() - t0) / 1000;
        measured = { nets: count, seconds };
        previous = count;
        z.set(result.z, done * perNet);
        if (phi && result.phi) phi.set(result.phi, done * perNet);
        done += count;
        options.onChunk?.({ done, total: job.netCount });
      }
      throwIfAborted(signal);
      return block(job.netCount);
    } catch (e) {
      if (signal?.aborted) throw new AbortError();
      if (e instanceof AbortError) throw e;
      const reason = lostInfo ? `device lost (${lostInfo.message || lostInfo.reason})` : gpuErrorMessage(e);
      throw new GpuRunError(`WebGPU run failed after ${done} of ${job.netCount} networks: ${reason}`, block(done), lostInfo !== undefined, e);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      runner?.destroy();
    }
  }

  return {
    info,
    gpu,
    adapter,
    device,
    limits,
    pipelines,
    lost,
    supports,
    simulate,
    estimateMemory(job) {
      const shape = shapeOf(job);
      const cap = chunkCapacity(shape, limits);
      if (!cap.ok) return { reason: cap.reason };
      const mem = jobMemory(shape);
      return { perNetwork: mem.perNet, fixed: mem.fixed, chunkNetworks: Math.min(cap.nets, job.netCount) };
    },
    async normals(req: NormalRequest) {
      checkDevice();
      return gpuNormals(ctx, limits, req);
    },
    async activation(actId: string, xs: Float64Array) {
      checkDevice();
      return gpuActivation(ctx, limits, actId, xs);
    },
    dispose() {
      device.destroy();
    },
  };
}

const SCOPES: readonly GPUErrorFilter[] = ['validation', 'out-of-memory', 'internal'];

/**
 * Run GPU work inside validation, out-of-memory and internal error scopes (always popped, even
 * when the work rejects). A captured error rejects, so the run stops and the CPU can take over:
 * an invalid command buffer would otherwise leave stale buffers that read back as results. A user
 * abort rejects at once, without waiting for the scopes' verdicts.
 */
async function inErrorScopes<T>(device: GPUDevice, work: () => Promise<T>): Promise<T> {
  for (const filter of SCOPES) device.pushErrorScope(filter);
  let result: T | undefined;
  let failure: { error: unknown } | undefined;
  try {
    result = await work();
  } catch (error) {
    failure = { error };
  }
  // popErrorScope pops synchronously (last pushed first); only its verdict is asynchronous.
  const verdicts = [...SCOPES].reverse().map((filter) =>
    device.popErrorScope().then(
      (e) => (e ? `GPU ${filter} error: ${e.message}` : undefined),
      () => undefined,
    ),
  );
  if (failure?.error instanceof AbortError) throw failure.error;
  const errors = (await Promise.all(verdicts)).filter((m): m is string => m !== undefined);
  if (errors.length > 0) throw new Error(errors.join('; '));
  if (failure) throw failure.error;
  return result as T;
}
