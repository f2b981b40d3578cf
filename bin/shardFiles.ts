/**
 * Shard part files of the CLI (issue 19 §4): `run --shard i/N --out part.json` writes one,
 * `merge part*.json` reads them back (src/experiments/shard.ts does the slicing and the replay).
 *
 * A part is one JSON document:
 *   { "limitsLabShard": 1, "version", "spec", "shard": {"index","count"}, "backend",
 *     "batches": [{"key","M","start","count","z","phi"?}], "complete": true }
 * where z and phi are the batch's per-network kernels as little-endian f64, base64-encoded (exact:
 * the merge must see the very bits the shard computed). The file is written to a temporary name
 * and renamed, so a part that exists is whole; `complete` is checked all the same.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { BackendInfo } from '../src/backends/types.ts';
import type { Spec } from '../src/core/spec.ts';
import { showValue } from '../src/core/params.ts';
import type { ShardBatch, ShardId, ShardPart } from '../src/experiments/shard.ts';

export const PART_FORMAT = 1;

/** Where `--shard auto/N` reads the index, first set wins (Slurm job arrays, Kubernetes Indexed Jobs, AWS Batch array jobs). */
export const SHARD_INDEX_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

export const MAX_SHARDS = 100_000;

export class ShardUsageError extends Error {}

/** `--shard i/N` or `--shard auto/N` (index from the environment), 0 ≤ i < N. */
export function parseShard(text: string, env: Record<string, string | undefined> = process.env): ShardId {
  const m = /^(auto|\d+)\/(\d+)$/.exec(text);
  if (!m) throw new ShardUsageError(`--shard=${showValue(text)}: expected i/N or auto/N with 0 ≤ i < N ≤ ${MAX_SHARDS}, e.g. --shard 0/4`);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw new ShardUsageError(`--shard=${showValue(text)}: N=${m[2]} is outside 1..${MAX_SHARDS}`);
  if (m[1] !== 'auto') {
    const index = Number(m[1]);
    if (index >= count) throw new ShardUsageError(`--shard=${showValue(text)}: i=${m[1]} is outside 0..${count - 1} (shards count from 0)`);
    return { index, count };
  }
  const name = SHARD_INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
  if (!name) throw new ShardUsageError(`--shard=${text}: none of ${SHARD_INDEX_VARIABLES.join(', ')} is set; give the index, e.g. --shard 0/${count}`);
  const value = env[name]!;
  if (!/^\d+$/.test(value) || Number(value) >= count) {
    throw new ShardUsageError(`--shard=${text}: ${name}=${showValue(value)} is outside 0..${count - 1} (shards count from 0: e.g. sbatch --array=0-${count - 1})`);
  }
  return { index: Number(value), count };
}

interface PartJson {
  limitsLabShard: number;
  version: string;
  spec: Spec;
  shard: ShardId;
  backend: BackendInfo;
  batches: { key: string; M: number; start: number; count: number; z: string; phi?: string }[];
  complete: boolean;
}

function encode(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decode(text: string, name: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 8 !== 0) throw new ShardUsageError(`${name}: a kernel array is ${bytes.byteLength} bytes, not a whole number of f64`);
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

// Parts store f64 little-endian; every platform Node runs on today is (os.endianness() === 'LE').
function checkEndianness(): void {
  if (endianness() !== 'LE') throw new ShardUsageError('shard parts are little-endian f64; this machine is big-endian');
}

export interface PartHeader {
  readonly version: string;
  readonly spec: Spec;
  readonly shard: ShardId;
  readonly backend: BackendInfo;
}

export function writePart(file: string, header: PartHeader, batches: readonly ShardBatch[]): void {
  checkEndianness();
  const doc: PartJson = {
    limitsLabShard: PART_FORMAT,
    version: header.version,
    spec: header.spec,
    shard: header.shard,
    backend: header.backend,
    batches: batches.map((b) => ({ key: b.key, M: b.M, start: b.start, count: b.count, z: encode(b.z), ...(b.phi ? { phi: encode(b.phi) } : {}) })),
    complete: true,
  };
  const tmp = `${file}.partial-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(doc)}\n`);
  renameSync(tmp, file);
}

export type ReadPart = { readonly header: PartHeader; readonly part: ShardPart };

/** Reads a part; refuses (one line) what is not a whole part of format PART_FORMAT. */
export function readPart(file: string): ReadPart {
  checkEndianness();
  let doc: PartJson;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as PartJson;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new ShardUsageError(`${file}: cannot read a shard part (${why})`);
  }
  if (doc === null || typeof doc !== 'object' || doc.limitsLabShard === undefined) throw new ShardUsageError(`${file} is not a limits-lab shard part (no limitsLabShard field; write one with run --shard i/N --out FILE)`);
  if (doc.limitsLabShard !== PART_FORMAT) throw new ShardUsageError(`${file}: shard part format ${showValue(String(doc.limitsLabShard))}, this limits-lab reads format ${PART_FORMAT}`);
  if (doc.complete !== true) throw new ShardUsageError(`${file}: the shard part is incomplete; run its shard again`);
  const s = doc.shard;
  if (!s || !Number.isInteger(s.index) || !Number.isInteger(s.count) || s.index < 0 || s.index >= s.count) throw new ShardUsageError(`${file}: malformed shard field ${showValue(JSON.stringify(s))}`);
  if (!Array.isArray(doc.batches)) throw new ShardUsageError(`${file}: malformed batches field`);
  const batches: ShardBatch[] = doc.batches.map((b) => ({ key: b.key, M: b.M, start: b.start, count: b.count, z: decode(b.z, file), phi: b.phi === undefined ? undefined : decode(b.phi, file) }));
  return {
    header: { version: doc.version, spec: doc.spec, shard: { index: s.index, count: s.count }, backend: doc.backend },
    part: { name: file, shard: { index: s.index, count: s.count }, batches },
  };
}

/**
 * Resume: 'done' when `file` already holds this shard of this spec, written by this version;
 * 'absent' when there is nothing there, or only an unreadable/incomplete part (then recomputed);
 * a ShardUsageError when it holds something else (another spec or shard: never overwritten).
 */
export function partStatus(file: string, want: PartHeader): 'done' | 'absent' | { readonly stale: string } {
  if (!existsSync(file)) return 'absent';
  let got: PartHeader;
  try {
    got = readPart(file).header;
  } catch (e) {
    return { stale: (e as Error).message };
  }
  if (JSON.stringify(got.spec) !== JSON.stringify(want.spec)) throw new ShardUsageError(`${file} holds a shard of another spec (${specDifference(got.spec, want.spec)}); choose another --out or delete it`);
  if (got.shard.index !== want.shard.index || got.shard.count !== want.shard.count) {
    throw new ShardUsageError(`${file} holds shard ${got.shard.index}/${got.shard.count}, not ${want.shard.index}/${want.shard.count}; choose another --out or delete it`);
  }
  if (got.version !== want.version) return { stale: `${file} was written by limits-lab ${got.version}, this is ${want.version}` };
  return 'done';
}

/** The first key whose value differs, for one-line messages. */
export function specDifference(a: Spec, b: Spec): string {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (JSON.stringify(ra[key]) !== JSON.stringify(rb[key])) return `${key}: ${JSON.stringify(ra[key])} vs ${JSON.stringify(rb[key])}`;
  }
  return 'same keys, different order';
}

/** Reads parts for a merge and checks they belong together (one version, one spec, one backend). */
export function readParts(files: readonly string[]): { readonly header: PartHeader; readonly parts: ShardPart[] } {
  if (files.length === 0) throw new ShardUsageError('merge needs the part files, e.g. limits-lab merge part-*.json');
  const read = files.map(readPart);
  const first = read[0];
  for (const r of read.slice(1)) {
    if (r.header.version !== first.header.version) throw new ShardUsageError(`${r.part.name} was written by limits-lab ${r.header.version}, ${first.part.name} by ${first.header.version}: run all shards with one version`);
    if (JSON.stringify(r.header.spec) !== JSON.stringify(first.header.spec)) throw new ShardUsageError(`${r.part.name} is a shard of another spec than ${first.part.name} (${specDifference(r.header.spec, first.header.spec)})`);
    if (JSON.stringify(r.header.backend) !== JSON.stringify(first.header.backend)) {
      throw new ShardUsageError(`${r.part.name} ran on ${JSON.stringify(r.header.backend)}, ${first.part.name} on ${JSON.stringify(first.header.backend)}: parts must come from one backend`);
    }
  }
  return { header: first.header, parts: read.map((r) => r.part) };
}
