/**
 * Sharded sweeps (issue 19 §4). A run is a fixed sequence of batches — one per runNetworks call:
 * the depth profile's M networks, then each width, cell or variant of the view — and that sequence
 * depends only on the spec. Shard i of N runs the whole spec but simulates, in every batch, only
 * the networks sliceRange(M, N, i) (slices.ts); it records them (the per-network kernels) and
 * fills the other networks with placeholders so that the view can go on to its next batch. A merge
 * runs the spec once more with a backend that simulates nothing: every batch takes its networks
 * from the shards, put back in network order (InOrder), so the accumulators — and every statistic
 * computed from them — are exactly those of the unsharded run: same JSON, same digest.
 *
 * Batches are matched by position and by a key (the digest of the batch's spec, recorded layers and
 * options): parts written by another version, or for another spec, are refused rather than mixed.
 * The slicing is by networks within every batch (so grid cells — widths, (n, L) cells, variants —
 * are each split N ways), which balances the work whatever the cost of each cell.
 */
import type { BackendInfo, KernelBlock, NormalRequest, SimBackend, SimJob } from '../backends/types.ts';
import type { Spec } from '../core/spec.ts';
import { digestJson } from './digest.ts';
import { sliceRange, type NetRange } from './slices.ts';

/** The networks [start, start + count) of one batch of M that a shard computed. */
export interface ShardBatch {
  readonly key: string;
  readonly M: number;
  readonly start: number;
  readonly count: number;
  /** K̂ per network and recorded layer, as KernelBlock.z ([net][layer][pair]). */
  readonly z: Float64Array;
  readonly phi?: Float64Array;
}

export interface ShardId {
  /** 0-based index of this shard. */
  readonly index: number;
  readonly count: number;
}

/** What identifies a batch: the spec it simulates, the layers it records, whether it records φ. */
export function batchKey(spec: Spec, recordLayers: readonly number[], recordPhi: boolean): string {
  return digestJson([spec, recordLayers, recordPhi]);
}

/** Shard mode: simulate this shard's slice of every batch and keep it. */
export class ShardRecorder {
  readonly kind = 'record';
  readonly batches: ShardBatch[] = [];

  constructor(readonly shard: ShardId) {
    if (!Number.isInteger(shard.count) || shard.count < 1) throw new RangeError(`shard count must be an integer ≥ 1, got ${shard.count}`);
    if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) throw new RangeError(`shard index must be in [0, ${shard.count - 1}], got ${shard.index}`);
  }

  range(M: number): NetRange {
    return sliceRange(M, this.shard.count, this.shard.index);
  }

  record(key: string, M: number, block: KernelBlock): void {
    this.batches.push({ key, M, start: block.netStart, count: block.netCount, z: block.z, phi: block.phi });
  }
}

/** One shard's output as the merge reads it (name: the file, for messages). */
export interface ShardPart {
  readonly name: string;
  readonly shard: ShardId;
  readonly batches: readonly ShardBatch[];
}

export class ShardMismatchError extends Error {}

/** Merge mode: every batch's networks come from the parts. */
export class ShardReplayer {
  readonly kind = 'replay';
  private at = 0;

  constructor(private readonly parts: readonly ShardPart[]) {}

  range(M: number): NetRange {
    return { start: 0, count: M };
  }

  record(): void {
    throw new Error('a merge records nothing');
  }

  take(key: string, spec: Spec, recordLayers: readonly number[], recordPhi: boolean): KernelBlock[] {
    const b = this.at++;
    const P = (spec.k * (spec.k + 1)) / 2;
    return this.parts.map((part) => {
      const batch = part.batches[b];
      if (batch === undefined) throw new ShardMismatchError(`${part.name} has ${part.batches.length} batches, the spec runs more: it was written by another version of limits-lab`);
      if (batch.key !== key || batch.M !== spec.M) throw new ShardMismatchError(`${part.name}: batch ${b + 1} is not the one this spec runs (written by another version of limits-lab?)`);
      const expected = sliceRange(spec.M, part.shard.count, part.shard.index);
      if (batch.start !== expected.start || batch.count !== expected.count) throw new ShardMismatchError(`${part.name}: batch ${b + 1} holds networks [${batch.start}, ${batch.start + batch.count}), shard ${part.shard.index}/${part.shard.count} should hold [${expected.start}, ${expected.start + expected.count})`);
      const size = batch.count * recordLayers.length * P;
      if (batch.z.length !== size || (recordPhi && batch.phi?.length !== size)) throw new ShardMismatchError(`${part.name}: batch ${b + 1} has ${batch.z.length} kernel entries, expected ${size}`);
      return { netStart: batch.start, netCount: batch.count, k: spec.k, recordLayers, z: batch.z, phi: recordPhi ? batch.phi : undefined };
    });
  }

  /** After the run: every batch of every part was used. */
  finish(): void {
    for (const part of this.parts) {
      if (part.batches.length !== this.at) throw new ShardMismatchError(`${part.name} has ${part.batches.length} batches, the spec ran ${this.at}: it was written by another version of limits-lab`);
    }
  }
}

export type BatchLedger = ShardRecorder | ShardReplayer;

const LEDGER = Symbol('batch ledger');
type WithLedger = SimBackend & { readonly [LEDGER]?: BatchLedger };

/** The same backend, with runNetworks recording (shard) through `ledger`. */
export function withLedger(backend: SimBackend, ledger: BatchLedger): SimBackend {
  const carrier = Object.create(backend) as SimBackend;
  Object.defineProperty(carrier, LEDGER, { value: ledger });
  return carrier;
}

export function ledgerOf(backend: SimBackend): BatchLedger | undefined {
  return (backend as WithLedger)[LEDGER];
}

/** The merge's backend: it reports what the shards ran on and simulates nothing (runNetworks replays). */
export function replayBackend(info: BackendInfo, replayer: ShardReplayer): SimBackend {
  const never = (what: string) => {
    throw new Error(`a merge does not ${what}: every network comes from the parts`);
  };
  return withLedger(
    {
      info,
      supports: () => undefined,
      simulate: (_job: SimJob) => Promise.reject(new Error('a merge does not simulate: every network comes from the parts')),
      normals: (_req: NormalRequest) => never('draw normals'),
      activation: () => never('evaluate activations'),
      dispose() {},
    },
    replayer,
  );
}

/**
 * Why a set of parts cannot be merged (one line), or undefined: they must be shards 0..N−1 of one
 * N, each exactly once.
 */
export function partsProblem(parts: readonly ShardPart[]): string | undefined {
  if (parts.length === 0) return 'no parts given';
  const N = parts[0].shard.count;
  const other = parts.find((p) => p.shard.count !== N);
  if (other) return `${parts[0].name} is shard ${parts[0].shard.index}/${N} but ${other.name} is shard ${other.shard.index}/${other.shard.count}: parts of different shard counts`;
  const seen = new Map<number, string>();
  for (const p of parts) {
    const first = seen.get(p.shard.index);
    if (first !== undefined) return `shard ${p.shard.index}/${N} given twice: ${first} and ${p.name}`;
    seen.set(p.shard.index, p.name);
  }
  const missing = Array.from({ length: N }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) return `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${N}`).join(', ')} (have ${[...seen.keys()].sort((a, b) => a - b).join(', ')})`;
  return undefined;
}
