/**
 * Runs M networks of a spec on a backend in chunks: progressive (partial summaries), cancellable
 * (AbortSignal), and independent of the chunking (randomness is keyed by network index).
 * When the backend cannot run a job, or loses its device, the CPU backend takes over and the
 * backend note says so.
 */
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { isSoftwareAdapter } from '../backends/select.ts';
import { throwIfAborted, type BackendInfo, type NetworkCounts, type SimBackend, type SimJob } from '../backends/types.ts';
import { simulationOps } from '../core/cost.ts';
import type { Spec } from '../core/spec.ts';
import { McAccumulator } from './mcAccumulator.ts';

export interface Progress {
  readonly done: number;
  readonly total: number;
}

export interface McRunOptions {
  readonly backend: SimBackend;
  readonly signal?: AbortSignal;
  /** Called after chunks (at most every `partialEveryMs`) with the accumulator so far. */
  readonly onChunk?: (acc: McAccumulator, progress: Progress, backend: BackendInfo) => void;
  readonly partialEveryMs?: number;
  /** Override the chunk size (networks per backend call); tests use it to check chunk-independence. */
  readonly chunkNetworks?: number;
  readonly recordPhi?: boolean;
}

/**
 * Networks per chunk: about 0.1 s of work on the CPU, larger batches on a GPU (which also splits
 * them into ~0.25 s submissions itself); a software adapter gets CPU-sized chunks so that partial
 * results keep streaming.
 */
export function defaultChunk(spec: Spec, recorded: number, backend: SimBackend): number {
  const perNet = simulationOps({ method: spec.method, n: spec.n, L: spec.L, k: spec.k, M: 1, recorded });
  const hardwareGpu = backend.info.name === 'webgpu' && !isSoftwareAdapter(backend.info.adapter);
  const target = hardwareGpu ? 2e10 : 5e7;
  const chunk = Math.floor(target / Math.max(perNet, 1));
  return Math.max(1, Math.min(spec.M, Math.max(chunk, Math.ceil(spec.M / 200))));
}

export async function runNetworks(spec: Spec, recordLayers: readonly number[], options: McRunOptions): Promise<{ acc: McAccumulator; backend: BackendInfo; networks: NetworkCounts }> {
  const networks: Partial<Record<BackendInfo['name'], number>> = {};
  const acc = new McAccumulator(spec.M, recordLayers, spec.k, options.recordPhi ?? false);
  let backend = options.backend;
  let info: BackendInfo = backend.info;
  let cpu: SimBackend | undefined;
  const probe: SimJob = { spec, netStart: 0, netCount: spec.M, recordLayers, recordPhi: options.recordPhi };
  const unsupported = backend.supports(probe);
  if (unsupported !== undefined) {
    cpu = createCpuBackend();
    backend = cpu;
    info = { ...cpu.info, note: `${options.backend.info.name} cannot run this: ${unsupported}; ran on the CPU` };
  }
  const chunk = options.chunkNetworks ?? defaultChunk(spec, recordLayers.length, backend);
  const every = options.partialEveryMs ?? 150;
  let lastPartial = -Infinity;
  for (let start = 0; start < spec.M; start += chunk) {
    throwIfAborted(options.signal);
    const job: SimJob = { spec, netStart: start, netCount: Math.min(chunk, spec.M - start), recordLayers, recordPhi: options.recordPhi };
    const block = await backend.simulate(job, options.signal);
    // Where these networks ran: the block says so when a device loss split it, else the backend's
    // current name (after a loss the fallback reports 'cpu').
    for (const [name, count] of Object.entries(block.networksOn ?? { [backend.info.name]: block.netCount }) as [BackendInfo['name'], number][]) {
      if (count > 0) networks[name] = (networks[name] ?? 0) + count;
    }
    if (backend.info.note && backend.info.note !== info.note) info = { ...info, note: backend.info.note };
    acc.add(block);
    const now = Date.now();
    if (options.onChunk && (now - lastPartial >= every || acc.count === spec.M)) {
      lastPartial = now;
      options.onChunk(acc, { done: acc.count, total: spec.M }, info);
    }
  }
  return { acc, backend: info, networks };
}

/**
 * Layers recorded for the Monte Carlo: every layer up to 256 of them, else every layer up to 64 and
 * then ~190 geometrically spaced ones, always ending at L (mlp/shaped from 1, resnet from 0).
 */
export function recordedLayers(arch: Spec['arch'], L: number): number[] {
  const first = arch === 'resnet' ? 0 : 1;
  if (L - first + 1 <= 256) return Array.from({ length: L - first + 1 }, (_, i) => first + i);
  const set = new Set<number>();
  for (let l = first; l <= 64; l++) set.add(l);
  const steps = 190;
  for (let s = 0; s <= steps; s++) set.add(Math.round(64 * Math.pow(L / 64, s / steps)));
  set.add(L);
  return [...set].sort((a, b) => a - b);
}
