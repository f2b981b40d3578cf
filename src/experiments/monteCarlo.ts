/**
 * Runs M networks of a spec on a backend in chunks: progressive (partial summaries), cancellable
 * (AbortSignal), and independent of the chunking (randomness is keyed by network index).
 * When the backend cannot run a job, or loses its device, the CPU backend takes over and the
 * backend note says so.
 */
import { archModule, archOf } from '../archs/index.ts';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { isSoftwareAdapter } from '../backends/select.ts';
import { throwIfAborted, type BackendInfo, type KernelBlock, type NetworkCounts, type SimBackend, type SimJob } from '../backends/types.ts';
import { simulationOps, type SimSize } from '../core/cost.ts';
import type { Spec } from '../core/spec.ts';
import { McAccumulator } from './mcAccumulator.ts';
import { batchKey, ledgerOf } from './shard.ts';
import { chunkRanges, concatBlocks, InOrder, zeroBlock, type NetRange } from './slices.ts';

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
 * results keep streaming. A pool of workers gets equal chunks, at least two per worker.
 */
export function defaultChunk(spec: Spec, recorded: number, backend: SimBackend): number {
  // An architecture with its own network (controlled ResNet, attention) does the work of the dense
  // chain its cost model names (on WebGPU its kernel's, where that differs), whatever `method` says.
  const base: SimSize = { method: spec.method, n: spec.n, L: spec.L, k: spec.k, M: 1, recorded };
  const cost = archOf(spec).cost;
  const own = backend.info.name === 'webgpu' && cost.gpuNetworkSize ? cost.gpuNetworkSize(spec, base) : cost.networkSize?.(spec, base);
  const perNet = simulationOps(own ?? base);
  const hardwareGpu = backend.info.name === 'webgpu' && !isSoftwareAdapter(backend.info.adapter);
  const target = hardwareGpu ? 2e10 : 5e7;
  const chunk = Math.max(Math.floor(target / Math.max(perNet, 1)), Math.ceil(spec.M / 200));
  const lanes = Math.max(1, backend.concurrency ?? 1);
  if (lanes === 1) return Math.max(1, Math.min(spec.M, chunk));
  // Several lanes (a worker pool): equal chunks, at least two per lane and none above `chunk`. Not
  // one per lane: on a 2-core VM one core often runs 1.2–1.7× slower than the other for tens of
  // milliseconds (bench/workerTimes.ts), and the static halves waited for the slow one, while with
  // two chunks per lane the fast worker takes the slow one's second. A/B in one process (gram,
  // n = 2048, L = 32, M = 64 and n = 1024, L = 64, M = 256; 41 and 15 paired repeats, twice, quiet
  // machine, 2026-12-07): 1.90× vs 1.84×, 1.90× vs 1.82×, 2.00× vs 1.90×, 1.95× vs 1.83× one thread.
  const perLane = Math.max(2, Math.ceil(spec.M / (lanes * chunk)));
  return Math.max(1, Math.ceil(spec.M / (lanes * perLane)));
}

export async function runNetworks(spec: Spec, recordLayers: readonly number[], options: McRunOptions): Promise<{ acc: McAccumulator; backend: BackendInfo; networks: NetworkCounts }> {
  // Networks per backend that ran them (issue 20 §4); a merge of shards replays blocks: not known.
  const networks: Partial<Record<BackendInfo['name'], number>> = {};
  const withPhi = options.recordPhi ?? false;
  const acc = new McAccumulator(spec.M, recordLayers, spec.k, withPhi);
  // A sharded run (shard.ts): this process simulates one slice of the batch, or a merge replays
  // the slices the shards computed.
  const ledger = ledgerOf(options.backend);
  const key = ledger ? batchKey(spec, recordLayers, withPhi) : '';
  if (ledger?.kind === 'replay') {
    const order = new InOrder(0, spec.M, (b: KernelBlock) => acc.add(b));
    for (const block of ledger.take(key, spec, recordLayers, withPhi)) order.put(block);
    if (!order.complete) throw new Error(`the parts lack networks ${order.missing().map((r) => `[${r.start}, ${r.start + r.count})`).join(', ')} of a batch`);
    return { acc, backend: options.backend.info, networks };
  }
  const range = ledger ? ledger.range(spec.M) : { start: 0, count: spec.M };
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
  const lanes = Math.max(1, backend.concurrency ?? 1);
  const chunk = options.chunkNetworks ?? defaultChunk({ ...spec, M: range.count }, recordLayers.length, backend);
  const every = options.partialEveryMs ?? 150;
  let lastPartial = -Infinity;
  const mine: KernelBlock[] = [];
  // Blocks finish in any order on several lanes; the accumulator takes them in network order.
  const order = new InOrder(range.start, range.count, (b: KernelBlock) => (ledger ? mine.push(b) : acc.add(b)));
  await onLanes(chunkRanges(range.start, range.count, chunk), lanes, options.signal, async (r) => {
    const job: SimJob = { spec, netStart: r.start, netCount: r.count, recordLayers, recordPhi: options.recordPhi };
    const block = await backend.simulate(job, options.signal);
    // Where these networks ran: the block says so when a device loss split it, else the backend's
    // current name (after a loss the fallback reports 'cpu').
    for (const [name, count] of Object.entries(block.networksOn ?? { [backend.info.name]: block.netCount }) as [BackendInfo['name'], number][]) {
      if (count > 0) networks[name] = (networks[name] ?? 0) + count;
    }
    if (backend.info.note && backend.info.note !== info.note) info = { ...info, note: backend.info.note };
    order.put(block);
    const now = Date.now();
    if (!ledger && options.onChunk && (now - lastPartial >= every || order.complete)) {
      lastPartial = now;
      // Progress sums the networks finished on every lane; the summary covers the in-order prefix.
      options.onChunk(acc, { done: order.count, total: spec.M }, info);
    }
  });
  if (ledger) {
    // This shard's networks are kept for the merge; the others are placeholders (zeros) so that the
    // view can go on to its next batch. Its statistics are never shown: merge recomputes them.
    const block = concatBlocks(range.start, spec.k, recordLayers, mine, withPhi);
    ledger.record(key, spec.M, block);
    acc.add(zeroBlock(0, range.start, spec.k, recordLayers, withPhi));
    acc.add(block);
    acc.add(zeroBlock(range.start + range.count, spec.M - range.start - range.count, spec.k, recordLayers, withPhi));
  }
  return { acc, backend: info, networks };
}

/**
 * Runs `work` on every range with at most `lanes` in flight (one per worker of a pool backend).
 * On a failure or an abort no new range starts, and the call settles only when every running range
 * has stopped, so that a cancelled run leaves no worker busy.
 */
async function onLanes(ranges: readonly NetRange[], lanes: number, signal: AbortSignal | undefined, work: (r: NetRange) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (failure === undefined && next < ranges.length) {
      const r = ranges[next++];
      try {
        throwIfAborted(signal);
        await work(r);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, ranges.length) }, lane));
  if (failure !== undefined) throw failure.error;
}

/**
 * Layers recorded for the Monte Carlo: every layer up to 256 of them, else every layer up to 64 and
 * then ~190 geometrically spaced ones, always ending at L, from the architecture's first layer
 * (0 where layer 0 is an input embedding, as the ResNet's Y⁰; else 1).
 */
export function recordedLayers(arch: Spec['arch'], L: number): number[] {
  const first = archModule(arch).firstLayer;
  if (L - first + 1 <= 256) return Array.from({ length: L - first + 1 }, (_, i) => first + i);
  const set = new Set<number>();
  for (let l = first; l <= 64; l++) set.add(l);
  const steps = 190;
  for (let s = 0; s <= steps; s++) set.add(Math.round(64 * Math.pow(L / 64, s / steps)));
  set.add(L);
  return [...set].sort((a, b) => a - b);
}
