/**
 * Sharded sweeps through the real command (issue 19 §4): N = 4 shards as local processes, merged,
 * print the unsharded document (same JSON, same digest) for a depth profile, a width sweep and a
 * commutation map; a re-run skips finished shards; bad part sets are refused with one line.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli, type CliResult } from './cliHarness.ts';
import { resultDigest } from '../src/experiments/digest.ts';

/** The real command with a hang guard; `env` adds to the environment. */
const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> => runCli(args, { env, timeout: 90_000 });

const lines = (s: string) => s.split('\n').filter((l) => l.length > 0 && !l.includes('XDG_RUNTIME_DIR'));

/** Shards 0..N−1 as concurrent processes (each with one thread), then merge. */
async function shardAndMerge(query: string, N: number, dir: string): Promise<{ parts: string[]; merged: CliResult }> {
  const parts = Array.from({ length: N }, (_, i) => join(dir, `part-${i}.json`));
  const shards = await Promise.all(parts.map((out, i) => cli(['run', query, '--backend', 'cpu', '--threads', '1', '--shard', `${i}/${N}`, '--out', out])));
  for (const s of shards) {
    expect(lines(s.stderr)).toEqual([]);
    expect(s.code).toBe(0);
    expect(s.stdout).toBe('');
  }
  return { parts, merged: await cli(['merge', ...[...parts].reverse()]) };
}

const CASES = [
  ['depth profile', 'act=tanh&n=48&L=6&M=21&seed=31'],
  ['width sweep', 'view=width&act=relu&nmin=8&nmax=64&L=4&M=13&seed=32'],
  ['commutation map', 'view=commute&nmin=4&nmax=16&Lmin=2&Lmax=8&M=6&seed=33'],
] as const;

describe('limits-lab run --shard i/N + merge', () => {
  it.each(CASES)('%s: 4 shards merged print the unsharded document (same digest)', async (_name, query) => {
    const dir = mkdtempSync(join(tmpdir(), 'll-shard-'));
    const whole = await cli(['run', query, '--backend', 'cpu']);
    expect(whole.code).toBe(0);
    const { merged } = await shardAndMerge(query, 4, dir);
    expect(lines(merged.stderr)).toEqual([]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect(resultDigest(JSON.parse(merged.stdout))).toBe(resultDigest(JSON.parse(whole.stdout)));
  });

  it('resume: a re-run skips shards whose part is complete, says so, and recomputes a missing or broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-resume-'));
    const query = CASES[0][1];
    const { parts } = await shardAndMerge(query, 4, dir);
    const before = parts.map((p) => ({ bytes: readFileSync(p, 'utf8'), mtime: statSync(p).mtimeMs }));
    writeFileSync(parts[2], '{"limitsLabShard":1,"complete":'); // a part cut short
    const again = await Promise.all(parts.map((out, i) => cli(['run', query, '--backend', 'cpu', '--shard', `auto/4`, '--out', out], { SLURM_ARRAY_TASK_ID: String(i) })));
    for (const i of [0, 1, 3]) {
      expect(again[i].code).toBe(0);
      expect(lines(again[i].stderr)).toEqual([`limits-lab: shard ${i}/4 is already in ${parts[i]} (same spec, complete); not recomputed`]);
      expect(statSync(parts[i]).mtimeMs).toBe(before[i].mtime);
    }
    expect(again[2].code).toBe(0);
    expect(lines(again[2].stderr)).toHaveLength(1);
    expect(lines(again[2].stderr)[0]).toMatch(/^limits-lab: recomputing shard 2\/4: /);
    expect(readFileSync(parts[2], 'utf8')).toBe(before[2].bytes);
  });

  it('the index comes from SLURM_ARRAY_TASK_ID, then JOB_COMPLETION_INDEX, then AWS_BATCH_JOB_ARRAY_INDEX', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-auto-'));
    const query = 'act=relu&n=16&L=3&M=8&seed=34';
    const part = (env: Record<string, string>, name: string) =>
      cli(['run', query, '--shard', 'auto/3', '--out', join(dir, name)], env).then((r) => {
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(readFileSync(join(dir, name), 'utf8')).shard;
      });
    expect(await part({ SLURM_ARRAY_TASK_ID: '2', JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '0' }, 'a.json')).toEqual({ index: 2, count: 3 });
    expect(await part({ JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '0' }, 'b.json')).toEqual({ index: 1, count: 3 });
    expect(await part({ AWS_BATCH_JOB_ARRAY_INDEX: '0' }, 'c.json')).toEqual({ index: 0, count: 3 });
  });

  it('refuses, with one line and exit 2: a missing shard, a repeated shard, a part of another spec, a tampered spec, a file that is no part, bad --shard values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-bad-'));
    const query = 'act=relu&n=16&L=3&M=8&seed=35';
    const { parts } = await shardAndMerge(query, 3, dir);
    const other = join(dir, 'other.json');
    expect((await cli(['run', query.replace('seed=35', 'seed=36'), '--shard', '1/3', '--out', other])).code).toBe(0);
    const notPart = join(dir, 'result.json');
    writeFileSync(notPart, (await cli(['run', query])).stdout);
    // Parts are data from elsewhere: a spec out of range is refused like a link would be.
    const tampered = parts.map((p, i) => {
      const doc = JSON.parse(readFileSync(p, 'utf8'));
      doc.spec.n = 1e9;
      const name = join(dir, `tampered-${i}.json`);
      writeFileSync(name, JSON.stringify(doc));
      return name;
    });
    const cases: [string[], RegExp][] = [
      [['merge', ...tampered], /^limits-lab: .*tampered-0\.json: its spec is not one this limits-lab accepts \(n="1000000000": out of range; allowed: an integer in \[1, 65536\]\)$/],
      [['merge', parts[0], parts[2]], /^limits-lab: missing shard 1\/3 \(have 0, 2\)$/],
      [['merge', parts[0], parts[1], parts[1], parts[2]], /^limits-lab: shard 1\/3 given twice: .*part-1\.json and .*part-1\.json$/],
      [['merge', parts[0], other, parts[2]], /^limits-lab: .*other\.json is a shard of another spec than .*part-0\.json \(seed: 36 vs 35\)$/],
      [['merge', parts[0], notPart], /^limits-lab: .*result\.json is not a limits-lab shard part/],
      [['merge', join(dir, 'nope.json')], /^limits-lab: .*nope\.json: cannot read a shard part \(no such file\)$/],
      [['merge'], /^limits-lab: merge needs the part files/],
      [['run', query, '--shard', '3/3', '--out', join(dir, 'x.json')], /^limits-lab: --shard="3\/3": i=3 is outside 0\.\.2/],
      [['run', query, '--shard', '1/3'], /^limits-lab: --shard=1\/3 needs --out FILE/],
      [['run', query, '--shard', 'auto/3', '--out', join(dir, 'x.json')], /^limits-lab: --shard=auto\/3: none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX is set/],
      [['run', query, '--shard', '1/3', '--out', other], /^limits-lab: .*other\.json holds a shard of another spec \(seed: 36 vs 35\); choose another --out or delete it$/],
      [['run', query, '--threads', '0'], /^limits-lab: --threads="0": allowed: an integer in 1\.\.256$/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args, { SLURM_ARRAY_TASK_ID: '', JOB_COMPLETION_INDEX: '', AWS_BATCH_JOB_ARRAY_INDEX: '' })));
    for (const [c, [args, message]] of cases.entries()) {
      const r = results[c];
      expect(r.code, args.join(' ')).toBe(2);
      expect(lines(r.stderr), args.join(' ')).toHaveLength(1);
      expect(lines(r.stderr)[0], args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('--threads N prints the same document as --threads 1', async () => {
    const query = 'view=width&act=tanh&nmin=8&nmax=32&L=5&M=15&seed=37';
    const one = await cli(['run', query, '--backend', 'cpu', '--threads', '1']);
    const three = await cli(['run', query, '--backend', 'cpu', '--threads', '3']);
    expect(one.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
  });
});
