import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import type { BackendInfo } from '../backends/types.ts';
import { decodeSpec } from '../url/codec.ts';
import { resultDigest } from './digest.ts';
import { costIssues, DEFAULT_MAX_SECONDS, estimateMaxSeconds } from './plan.ts';
import { runSpec } from './runSpec.ts';
import { partsProblem, replayBackend, ShardMismatchError, ShardRecorder, ShardReplayer, withLedger, type ShardPart } from './shard.ts';

function spec(query: string) {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return d.spec;
}

async function shardParts(query: string, N: number): Promise<{ parts: ShardPart[]; info: BackendInfo }> {
  const parts: ShardPart[] = [];
  let info: BackendInfo | undefined;
  for (let i = 0; i < N; i++) {
    const recorder = new ShardRecorder({ index: i, count: N });
    const r = await runSpec(spec(query), { backend: withLedger(createCpuBackend(), recorder) });
    info = r.backend as BackendInfo;
    parts.push({ name: `part${i}.json`, shard: { index: i, count: N }, batches: recorder.batches });
  }
  return { parts, info: info! };
}

async function merged(query: string, parts: ShardPart[], info: BackendInfo) {
  const replayer = new ShardReplayer(parts);
  const result = await runSpec(spec(query), { backend: replayBackend(info, replayer) });
  replayer.finish();
  return result;
}

// Small sizes of every view that simulates (and the phase diagram, which does not): shards that
// simulate a quarter of every batch, merged, give the unsharded document, byte for byte.
const VIEWS = [
  'view=depth&act=tanh&n=24&L=7&M=13&seed=3',
  'view=hist&act=relu&n=16&L=5&M=9&seed=4&method=explicit',
  'view=width&act=tanh&nmin=8&nmax=32&L=4&M=10&seed=5',
  'view=commute&nmin=4&nmax=16&Lmin=2&Lmax=8&M=6&seed=6',
  'view=regime&L=8&M=5&seed=7',
  'view=sde&arch=shaped&n=16&L=8&M=6&seed=8',
  'view=contrast&n=16&L=4&M=6&seed=9',
  'view=finite&act=relu&n=16&L=3&M=6&seed=10',
  'arch=resnet&alpha=0.5&n=16&L=6&M=3&seed=11',
  'view=phase&grid=5&M=0',
  'view=collapse&arch=attention&k=3&n=64&L=2&M=5&seed=13', // T = 1/32: few SDE steps (the runner draws its own networks, in every shard)
];

describe('sharded runs (issue 19 §4)', () => {
  it.each(VIEWS)('4 shards merged = the unsharded run: %s', async (query) => {
    const whole = await runSpec(spec(query), { backend: createCpuBackend() });
    const { parts, info } = await shardParts(query, 4);
    const m = await merged(query, [parts[2], parts[0], parts[3], parts[1]], info);
    expect(JSON.stringify(m)).toBe(JSON.stringify(whole));
    expect(resultDigest(m)).toBe(resultDigest(whole));
  });

  it('more shards than networks: the empty shards merge too', async () => {
    const query = 'act=relu&n=16&L=3&M=2&seed=12';
    const whole = await runSpec(spec(query), { backend: createCpuBackend() });
    const { parts, info } = await shardParts(query, 5);
    expect(parts.map((p) => p.batches[0].count)).toEqual([1, 1, 0, 0, 0]);
    expect(JSON.stringify(await merged(query, parts, info))).toBe(JSON.stringify(whole));
  });

  it('refuses parts of another spec, and sets with a missing or repeated shard, in one line', async () => {
    const query = 'act=tanh&n=16&L=3&M=8&seed=13';
    const { parts, info } = await shardParts(query, 2);
    expect(partsProblem([parts[0]])).toBe('missing shard 1/2 (have 0)');
    expect(partsProblem([parts[0], parts[1], parts[1]])).toBe('shard 1/2 given twice: part1.json and part1.json');
    const four = (await shardParts(query, 4)).parts;
    expect(partsProblem([parts[0], four[1]])).toMatch(/^part0.json is shard 0\/2 but part1.json is shard 1\/4: parts of different shard counts$/);
    expect(partsProblem(parts)).toBeUndefined();
    // Replaying parts of seed 13 for a run of seed 14: the batch keys differ.
    const replayer = new ShardReplayer(parts);
    await expect(runSpec(spec(query.replace('seed=13', 'seed=14')), { backend: replayBackend(info, replayer) })).rejects.toThrow(ShardMismatchError);
    // A part that lost a batch (another version of the views).
    const short: ShardPart = { ...parts[1], batches: [] };
    await expect(merged(query, [parts[0], short], info)).rejects.toThrow(/part1.json has 0 batches, the spec runs more/);
  });

  it('the cost refusal counts one shard\'s share of the work', () => {
    const big = spec('n=4096&L=64&M=1000&method=explicit');
    // The limit applies to the upper bound ("at most").
    const seconds = estimateMaxSeconds(big, 'cpu');
    const shards = Math.ceil((2 * seconds) / DEFAULT_MAX_SECONDS);
    expect(seconds).toBeGreaterThan(DEFAULT_MAX_SECONDS);
    expect(costIssues(big, 'cpu')).toHaveLength(1);
    expect(costIssues(big, 'cpu', { shards })).toEqual([]);
    expect(costIssues(big, 'cpu', { shards: 1 })[0].message).not.toMatch(/shards/);
    expect(costIssues(big, 'cpu', { shards: 2 })[0].message).toMatch(/in each of 2 shards/);
  });
});
