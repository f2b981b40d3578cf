/**
 * The fuzz suite (issue 20 §5): ≥ 500 seeded hostile queries through the CLI's decode path
 * (checkQuery: the URL codec, then the cost model), and a sample through the real command.
 * Oracles: no exception and no hang (the test's timeout); an accepted query round-trips and every
 * value it accepted is the value written (no silent change); a refused one gives messages that
 * name their key, one line each, bounded in length and number; an accepted run's expected time is
 * finite and within the limit.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PARAM_BY_KEY, type Spec } from '../src/core/spec.ts';
import { decodeSpec, encodeSpec, splitQuery } from '../src/url/codec.ts';
import { unpackSpec } from '../src/url/compact.ts';
import { hostileFuzzCases } from '../test/url/hostileSpecs.ts';
import { DEFAULT_MAX_SECONDS, estimateRunSeconds } from '../src/experiments/plan.ts';
import { checkQuery } from './cli.ts';

const CASES = hostileFuzzCases(20, 600);

/** The message names the key: verbatim, or JSON-escaped (control characters), or its first 40 characters. */
function namesKey(issue: { key: string; message: string }): boolean {
  const escaped = JSON.stringify(issue.key.slice(0, 40)).slice(1, -1);
  return issue.message.includes(issue.key) || issue.message.includes(escaped);
}

/** The raw key/value pairs a query carries, with compact payloads expanded (what was written). */
function writtenPairs(query: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of splitQuery(query).pairs) {
    if (k !== 'z') out.push([k, v]);
    else {
      const u = unpackSpec(v);
      if (u.ok) out.push(...u.pairs);
    }
  }
  return out;
}

/** Numbers inside a written value (`6.4e1`, `leaky:+0.5`, `sparse:.5`): what it means, not how it is spelled. */
function numbersIn(text: string): number[] {
  return (text.match(/[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g) ?? []).map(Number);
}

describe(`fuzz: ${CASES.length} seeded hostile queries through the CLI decode path`, () => {
  it('has at least 500 cases, from every family, reproducibly', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(500);
    expect(new Set(CASES.map((c) => c.family))).toEqual(new Set(['numbers', 'numbers-raw', 'encodings', 'keys', 'compact', 'sizes', 'tokens']));
    expect(hostileFuzzCases(20, 600).map((c) => c.query)).toEqual(CASES.map((c) => c.query));
  });

  it('0 crashes, 0 silent changes, every message names its key', () => {
    let accepted = 0;
    let refused = 0;
    for (const c of CASES) {
      const r = checkQuery(c.query);
      if (r.ok) {
        accepted++;
        const spec = r.spec;
        // The spec round-trips through the URL.
        const back = decodeSpec(encodeSpec(spec));
        expect(back.issues, c.query).toEqual([]);
        expect(back.spec, c.query).toEqual(spec);
        // Every key written is in the spec with the value written (numbers compared as numbers).
        for (const [key, value] of writtenPairs(c.query)) {
          const param = PARAM_BY_KEY.get(key);
          expect(param, `${c.query}: unknown key ${key} accepted`).toBeDefined();
          const got = (spec as unknown as Record<string, unknown>)[key];
          if (key === 'v') continue; // the version is migrated to the current one (and said so)
          if (param!.kind === 'int' || param!.kind === 'float') expect((got as number) === Number(value), `${c.query}: ${key} = ${String(got)}`).toBe(true); // −0 reads as 0
          else if (param!.kind === 'token') {
            // The numbers written are the numbers kept (bare `leaky` is the documented leaky:0.01).
            if (numbersIn(value).length > 0) expect(numbersIn(String(got)), `${c.query}: ${key}`).toEqual(numbersIn(value));
          }
          else {
            // enum / bool: the value kept is the value the key's parser reads from what was written.
            const parsed = param!.parse(value);
            expect(parsed.ok && parsed.value === got, `${c.query}: ${key}`).toBe(true);
          }
        }
        const seconds = estimateRunSeconds(spec as Spec, spec.backend === 'cpu' ? 'cpu' : 'webgpu');
        expect(Number.isFinite(seconds) && seconds <= DEFAULT_MAX_SECONDS, `${c.query}: ${seconds} s`).toBe(true);
      } else {
        refused++;
        expect(r.issues.length, c.query).toBeGreaterThan(0);
        expect(r.issues.length, c.query).toBeLessThanOrEqual(40);
        for (const issue of r.issues) {
          expect(namesKey(issue), `${c.query}: ${issue.message}`).toBe(true);
          expect(issue.message, c.query).not.toMatch(/[\n\r]/);
          expect(issue.message.length, c.query).toBeLessThan(1500);
        }
      }
    }
    // Both outcomes are exercised (a generator that only made garbage would test half the oracle).
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(250);
  });

  // A sample through the real command: exit 2 and exactly one line on stderr naming a key.
  const sample = CASES.filter((c, i) => i % 60 === 7 && !checkQuery(c.query, { backend: 'cpu' }).ok);
  it.concurrent.each(sample.map((c) => [c.query.slice(0, 60), c] as const))('limits-lab run %s', async (_q, c) => {
    const bin = new URL('./limits-lab.mjs', import.meta.url).pathname;
    const r = await promisify(execFile)(process.execPath, [bin, 'run', c.query, '--backend', 'cpu'], { timeout: 30_000 }).then(
      (ok) => ({ code: 0, ...ok }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    const issues = checkQuery(c.query, { backend: 'cpu' });
    expect(issues.ok).toBe(false);
    if (!issues.ok) expect(lines[0]).toContain(issues.issues[0].message.slice(0, 60));
  });
});
