/**
 * The CLI as a Unix tool (issue 20 §3): --out checked before the run, a closed pipe ends quietly,
 * ENOSPC is one line. The real command is run as a user would run it.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, statSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkOutPath, describeWriteError, MIN_FREE_BYTES, type OutPathProbe } from './output.ts';
import { parseArgs } from './cli.ts';
import { DEFAULT_MAX_SECONDS } from '../src/experiments/plan.ts';

const BIN = new URL('./limits-lab.mjs', import.meta.url).pathname;

async function cli(args: string[], options: { stdoutFd?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  if (options.stdoutFd !== undefined) {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', options.stdoutFd, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: '', stderr }));
    });
  }
  return promisify(execFile)(process.execPath, [BIN, ...args], { timeout: 60_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);

describe('--out is checked before the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'll-out-'));

  it('a missing folder, a folder: exit 2, one line naming --out, nothing on stdout', async () => {
    for (const [out, why] of [
      [join(dir, 'missing', 'r.json'), /folder .* does not exist/],
      [dir, /is a folder; allowed: a file path/],
    ] as const) {
      // M large enough that running first would take seconds: the refusal comes before.
      const r = await cli(['run', 'n=64&L=20&M=5', '--backend', 'cpu', '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/^limits-lab: --out /);
      expect(r.stderr).toMatch(why);
    }
  });

  it('a full disk is refused before the run (statfs), a writable file accepted', () => {
    const real = statSync(dir);
    const probe = (free: number): OutPathProbe => ({
      stat: (p: string): Stats => {
        if (p === dir) return real;
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      },
      writable: () => true,
      freeBytes: () => free,
    });
    expect(checkOutPath(join(dir, 'r.json'), probe(0))).toMatch(/is full \(0 bytes free, at least 1048576 needed\)/);
    expect(checkOutPath(join(dir, 'r.json'), probe(MIN_FREE_BYTES))).toBeUndefined();
    expect(checkOutPath(join(dir, 'r.json'), { ...probe(1e9), writable: () => false })).toMatch(/permission denied/);
    expect(checkOutPath(join(dir, 'r.json'))).toBeUndefined(); // the real disk
  });

  it('ENOSPC on the --out file after the run is one line (/dev/full)', async () => {
    if (!existsSync('/dev/full')) return expect(process.platform).not.toBe('linux');
    const r = await cli(['run', 'n=16&L=3&M=2', '--backend', 'cpu', '--out', '/dev/full']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['limits-lab: --out "/dev/full": no space left on the device (ENOSPC)']);
  });

  it('write errors read as one line with their code', () => {
    expect(describeWriteError(Object.assign(new Error('x\ny'), { code: 'ENOSPC' }))).toBe('no space left on the device (ENOSPC)');
    expect(describeWriteError(new Error('first\nsecond'))).toBe('first');
  });
});

describe('stdout', () => {
  it('ENOSPC on stdout (> /dev/full) is one line, not a stack trace', async () => {
    if (!existsSync('/dev/full')) return expect(process.platform).not.toBe('linux');
    const fd = openSync('/dev/full', 'w');
    try {
      const r = await cli(['run', 'n=16&L=3&M=2', '--backend', 'cpu'], { stdoutFd: fd });
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual(['limits-lab: cannot write the result to stdout: no space left on the device (ENOSPC)']);
    } finally {
      closeSync(fd);
    }
  });

  it('a reader that closes the pipe (| head -c 10) ends the command quietly', async () => {
    // A result of a few MB, so that the pipe closes while it is still being written.
    const r = await new Promise<{ code: number | null; stderr: string; head: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'run', 'n=8&L=2000&M=4&k=16', '--backend', 'cpu', '--pretty'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let head = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', (d: Buffer) => {
        head = d.subarray(0, 10).toString();
        child.stdout.destroy(); // what head does after 10 bytes
      });
      child.on('close', (code) => resolve({ code, stderr, head }));
    });
    expect(r.head).toBe('{\n  "versi');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('time limit flags', () => {
  it('--max-seconds S and --allow-long set the limit; a bad value is refused naming the flag', () => {
    expect(parseArgs(['run', 'n=8', '--max-seconds', '30'])).toMatchObject({ maxSeconds: 30 });
    expect(parseArgs(['run', 'n=8', '--max-seconds=1e4'])).toMatchObject({ maxSeconds: 1e4 });
    expect(parseArgs(['run', 'n=8', '--allow-long'])).toMatchObject({ maxSeconds: Infinity });
    expect(parseArgs(['run', 'n=8'])).toMatchObject({ maxSeconds: DEFAULT_MAX_SECONDS });
    for (const bad of ['0', '-5', 'abc', 'Infinity', '']) expect(() => parseArgs(['run', 'n=8', `--max-seconds=${bad}`]), bad).toThrow(/--max-seconds=.*allowed: a number of seconds > 0/);
  });

  it('a run over --max-seconds is refused with its estimate; the result states its expected time', async () => {
    const refused = await cli(['run', 'n=1024&L=200&M=2000', '--backend', 'cpu', '--max-seconds', '1']);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toMatch(/M=2000: this run is expected to take about [\d.]+ s, at most [\d.]+ s on the CPU backend, and the upper bound is over the limit of 1 s/);
    const ok = await cli(['run', 'n=16&L=3&M=2', '--backend', 'cpu']);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout);
    expect(json.backend.estimatedSeconds).toBeGreaterThan(0);
    expect(json.backend.estimatedMaxSeconds).toBeGreaterThan(json.backend.estimatedSeconds);
    expect(json.backend.networks).toBeUndefined(); // every network ran on the backend named
  });
});
