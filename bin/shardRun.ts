/**
 * `run --shard i/N --out part.json` and `merge part*.json` (issue 19 §4): the CLI side of
 * src/experiments/shard.ts, with the part files of shardFiles.ts.
 */
import type { BackendInfo, SimBackend } from '../src/backends/types.ts';
import type { Spec } from '../src/core/spec.ts';
import type { LabResult } from '../src/experiments/result.ts';
import { runSpec } from '../src/experiments/runSpec.ts';
import { partsProblem, replayBackend, ShardMismatchError, ShardRecorder, ShardReplayer, withLedger, type ShardId } from '../src/experiments/shard.ts';
import { decodeSpec, encodeSpec } from '../src/url/codec.ts';
import { VERSION } from '../src/version.ts';
import { partStatus, readParts, ShardUsageError, writePart } from './shardFiles.ts';

/** Resume: true (and a line on stderr) when `out` already holds this shard of this spec. */
export function shardDone(spec: Spec, shard: ShardId, out: string, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): boolean {
  const status = partStatus(out, { version: VERSION, spec, shard, backend: { name: 'cpu', adapter: '' } });
  if (status === 'done') {
    log(`limits-lab: shard ${shard.index}/${shard.count} is already in ${out} (same spec, complete); not recomputed`);
    return true;
  }
  if (status !== 'absent') log(`limits-lab: recomputing shard ${shard.index}/${shard.count}: ${status.stale}`);
  return false;
}

/** Simulates this shard's slice of every batch and writes the part. */
export async function runShard(spec: Spec, shard: ShardId, out: string, backend: SimBackend): Promise<void> {
  const recorder = new ShardRecorder(shard);
  const result = await runSpec(spec, { backend: withLedger(backend, recorder) });
  writePart(out, { version: VERSION, spec, shard, backend: result.backend as BackendInfo }, recorder.batches);
}

/** The unsharded run's document, from its parts. */
export async function mergeParts(files: readonly string[]): Promise<LabResult> {
  const { header, parts } = readParts(files);
  // A part is data from elsewhere: its spec goes through the codec like a link would.
  let checked;
  try {
    checked = decodeSpec(encodeSpec(header.spec, { all: true }));
  } catch {
    checked = undefined;
  }
  if (!checked || checked.issues.length > 0 || JSON.stringify(checked.spec) !== JSON.stringify(header.spec)) {
    throw new ShardUsageError(`${parts[0].name}: its spec is not one this limits-lab accepts${checked?.issues.length ? ` (${checked.issues[0].message})` : ''}`);
  }
  const problem = partsProblem(parts);
  if (problem) throw new ShardUsageError(problem);
  if (header.version !== VERSION) throw new ShardUsageError(`the parts were written by limits-lab ${header.version}, this is ${VERSION}: merge with the version that ran them, or run the shards again`);
  const replayer = new ShardReplayer(parts);
  try {
    const result = await runSpec(header.spec, { backend: replayBackend(header.backend, replayer) });
    replayer.finish();
    return result;
  } catch (e) {
    if (e instanceof ShardMismatchError) throw new ShardUsageError(e.message);
    throw e;
  }
}
