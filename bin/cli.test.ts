import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli, type CliResult } from './cliHarness.ts';
import { HOSTILE_SPECS } from '../test/url/hostileSpecs.ts';
import { PARAMS } from '../src/core/spec.ts';

/** The real command with a hang guard (timeout in ms). */
const cli = (args: string[], timeout = 60_000): Promise<CliResult> => runCli(args, { timeout });

/** stderr without Dawn's harmless Vulkan chatter. */
function ownLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.length > 0 && !l.includes('XDG_RUNTIME_DIR'));
}

describe('limits-lab CLI', () => {
  it('prints the DESIGN.md §6 JSON for an MLP with Monte Carlo', async () => {
    const r = await cli(['run', 'act=relu&n=64&L=5&M=20&seed=3', '--backend', 'cpu']);
    expect(ownLines(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(['backend', 'digest', 'mc', 'spec', 'theory', 'version']);
    // The digest of the numbers (issue 14 §5): recomputed from the printed document it is the same.
    const { resultDigest } = await import('../src/experiments/digest.ts');
    expect(j.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(resultDigest(j)).toBe(j.digest);
    expect(j.backend.name).toBe('cpu');
    expect(j.theory.layers).toEqual([1, 2, 3, 4, 5]);
    for (const key of ['q11', 'q12', 'q22', 'rho']) expect(j.theory[key]).toHaveLength(5);
    expect(j.mc.M).toBe(20);
    expect(j.mc.layers).toEqual([1, 2, 3, 4, 5]);
    for (const key of ['rho', 'q11', 'q12', 'q22']) {
      expect(Object.keys(j.mc[key]).sort()).toEqual(['mean', 'p05', 'p25', 'p50', 'p75', 'p95', 'sd']);
    }
    expect(Object.keys(j.mc.logq11).sort()).toEqual(['mean', 'var']);
    expect(j.spec.n).toBe(64);
  });

  it('adds ntk11/ntk12/ntk22 with ntk=1, omits mc with M=0, adds the ODE limit for resnet α = 1/2', async () => {
    const mlp = JSON.parse((await cli(['run', 'ntk=1&M=0&L=4'])).stdout);
    expect(mlp.mc).toBeUndefined();
    expect(mlp.theory.ntk11).toHaveLength(4);
    const res = JSON.parse((await cli(['run', 'arch=resnet&alpha=0.5&L=8&M=0'])).stdout);
    expect(res.theory.layers).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(res.limit.t[0]).toBe(0);
    expect(res.limit.t.at(-1)).toBe(1);
    const noLimit = JSON.parse((await cli(['run', 'arch=resnet&alpha=1&L=8&M=0'])).stdout);
    expect(noLimit.limit).toBeUndefined();
  });

  it('accepts a full URL and writes --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-'));
    const out = join(dir, 'r.json');
    const r = await cli(['run', 'http://localhost:5173/?act=tanh&sw2=1.5#L=3&M=4&n=32', '--backend=cpu', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(r.stdout));
    expect(JSON.parse(r.stdout).spec.act).toBe('tanh');
  });

  it('same spec and seed give identical JSON; different seeds give different samples', async () => {
    const q = 'act=tanh&n=48&L=4&M=16&seed=11';
    const a = await cli(['run', q, '--backend', 'cpu']);
    const b = await cli(['run', q, '--backend', 'cpu']);
    expect(a.stdout).toBe(b.stdout);
    const c = await cli(['run', q.replace('seed=11', 'seed=12'), '--backend', 'cpu']);
    expect(JSON.parse(c.stdout).mc.rho.mean).not.toEqual(JSON.parse(a.stdout).mc.rho.mean);
    expect(JSON.parse(c.stdout).theory).toEqual(JSON.parse(a.stdout).theory);
  });

  it('--backend webgpu runs on Dawn (SwiftShader here) with the same draws as the CPU, up to f32 rounding', async () => {
    // This path once crashed the process: the Dawn instance was garbage-collected under the device.
    const q = 'act=tanh&n=64&L=6&M=12&seed=5';
    const gpu = await cli(['run', q, '--backend', 'webgpu'], 120_000);
    expect(gpu.code).toBe(0);
    const g = JSON.parse(gpu.stdout);
    const c = JSON.parse((await cli(['run', q, '--backend', 'cpu'])).stdout);
    expect(g.backend.name).toBe('webgpu');
    expect(g.backend.adapter.length).toBeGreaterThan(0);
    expect(g.theory).toEqual(c.theory);
    for (const key of ['rho', 'q11', 'q22'] as const) {
      g.mc[key].mean.forEach((v: number, i: number) => expect(Math.abs(v - c.mc[key].mean[i])).toBeLessThan(1e-5 * (1 + Math.abs(v))));
    }
    // auto does not pick a software adapter, and says why.
    const auto = JSON.parse((await cli(['run', q, '--backend', 'auto'], 120_000)).stdout);
    if (/swiftshader/i.test(g.backend.adapter)) {
      expect(auto.backend.name).toBe('cpu');
      expect(auto.backend.note).toMatch(/software|no GPU device/);
    }
  });

  it('--help documents every key', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const p of PARAMS) expect(r.stdout).toMatch(new RegExp(`^  ${p.key} `, 'm'));
  });

  it('bad command lines exit 2 with one line', async () => {
    for (const args of [[], ['frobnicate'], ['run'], ['run', 'n=8', '--backend', 'tpu'], ['run', 'n=8', '--nope'], ['run', 'a', 'b']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(ownLines(r.stderr), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  // Each hostile spec: exit 2, exactly one line on stderr naming the key, no stack trace, no hang.
  it.concurrent.each(HOSTILE_SPECS.map((h) => [h.why, h] as const))('hostile spec: %s', async (_why, h) => {
    const r = await cli(['run', h.query, '--backend', 'cpu'], 30_000);
    expect(r.code).toBe(2);
    const lines = ownLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(h.key);
    expect(lines[0]).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/); // no stack frames
    expect(r.stdout).toBe('');
  });
});
