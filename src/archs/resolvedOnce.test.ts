/**
 * Issue 15 §1: "the spec is resolved once into typed objects (activation, weight law,
 * architecture) instead of re-parsing tokens such as `act` in a dozen places". The `act` token is
 * resolved by core/activations.ts specActivation (archs/index.ts resolveSpec(spec).activation is the
 * same object), the `weights` token by archs/denseChain.ts specWeights (resolveSpec(spec).weights).
 * This test reads every non-test source of src/, bin/ and app/ and fails on a new parse of either
 * token elsewhere: `activation(spec.act)`, `parseWeights(x.weights)`, a comparison of the token
 * with a literal (`spec.act === 'relu'`, `s.weights !== 'gaussian'`), or string surgery on it
 * (`spec.weights.split(':')`). Showing the token (messages, titles) is not parsing it, nor is reading a
 * result block's typed field (the norm law's `weights: 'gaussian' | 'orthogonal'`), nor is editing its text:
 * the activation control (app/controls/ActivationControl.tsx) splits `leaky:<slope>` to edit the slope as
 * typed — the editor of the token, not a consumer of φ.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['src', 'bin', 'app'];

/** Where the tokens are parsed on purpose, each with why. */
const ALLOWED_FILES: readonly { readonly file: string; readonly contains: string; readonly why: string }[] = [
  { file: 'src/core/activations.ts', contains: 'export function specActivation', why: 'the activation registry: parses `act` (specActivation, the one resolution)' },
  { file: 'src/core/weights.ts', contains: 'export function parseWeights', why: 'the weight-law parser' },
  { file: 'src/core/spec.ts', contains: 'parseWeights(raw)', why: 'the URL schema canonicalises both tokens' },
  { file: 'src/core/validate.ts', contains: 'parseWeights(spec.weights)', why: 'validation of a spec before it is resolved (weights that need method=explicit, sparse p, low rank r)' },
  { file: 'src/archs/denseChain.ts', contains: 'parseWeights(spec.weights)', why: 'specWeights: the one resolution of `weights`' },
  { file: 'src/archs/attention/spec.ts', contains: "spec.weights !== 'gaussian'", why: "the attention architectures' validation (before resolution): Gaussian weights only" },
];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** A spec-like receiver: `spec`, `s`, `baseSpec`, `r.spec` (a result block's typed `weights` field is not the token). */
const SPEC = String.raw`(?:\bspec|\bs|\w+Spec)`;
const PATTERNS: readonly RegExp[] = [
  /\b(activation|parseActivation)\(\s*[\w.]*\.act\s*[,)]/, // activation(spec.act)
  /\bparseWeights\(\s*[\w.]*\.weights\b/, // parseWeights(spec.weights)
  new RegExp(`${SPEC}\\.(act|weights)\\s*[!=]==?\\s*['"\`]`), // spec.act === 'relu'
  new RegExp(`['"\`]\\s*[!=]==?\\s*[\\w.]*${SPEC}\\.(act|weights)\\b`), // 'relu' === spec.act
  new RegExp(`switch\\s*\\([\\w.]*${SPEC}\\.(act|weights)\\s*\\)`), // switch (spec.act)
  new RegExp(`${SPEC}\\.(act|weights)\\.(split|startsWith|endsWith|includes|indexOf|slice|match|replace)\\(`), // spec.weights.split(':')
];

export function tokenParses(text: string, file: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (code.trim().startsWith('*') || code.trim().startsWith('/*')) return; // comments
    if (PATTERNS.some((p) => p.test(code))) hits.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return hits;
}

describe('the spec is resolved once: no parse of `act` or `weights` outside the resolvers', () => {
  it('finds the parses it looks for (the patterns are not vacuous)', () => {
    const bad = [
      'const phi = activation(spec.act);',
      'const w = parseWeights(spec.weights);',
      "if (spec.act === 'relu') x();",
      "const o = s.weights !== 'gaussian';",
      "if ('identity' === spec.act) y();",
      'switch (spec.act) {',
      "const kind = s.weights.split(':')[0];",
      'return activation(r.spec.act).tex;',
    ];
    for (const b of bad) expect(tokenParses(b, 'x.ts'), b).toHaveLength(1);
    const fine = [
      'const phi = specActivation(spec);',
      "const heInit = act.id === 'relu';",
      'const msg = `weights=${spec.weights} is not allowed`;',
      "// spec.act === 'relu' in a comment",
      "const next = { ...spec, act: 'tanh' };",
      'driftSentence(block, spec.act);',
      "if (norm.weights === 'orthogonal') x();",
    ];
    for (const f of fine) expect(tokenParses(f, 'x.ts'), f).toEqual([]);
  });

  it('src/, bin/ and app/ parse neither token outside the resolvers and validators', () => {
    const hits: string[] = [];
    let files = 0;
    for (const dir of SCANNED) {
      for (const path of sources(join(ROOT, dir))) {
        const file = relative(ROOT, path).replaceAll('\\', '/');
        if (ALLOWED_FILES.some((a) => a.file === file)) continue;
        files++;
        hits.push(...tokenParses(readFileSync(path, 'utf8'), file));
      }
    }
    expect(files).toBeGreaterThan(100);
    expect(hits).toEqual([]);
  });

  it('every allowed file still holds its parse (a stale entry is removed, not kept)', () => {
    for (const a of ALLOWED_FILES) expect(readFileSync(join(ROOT, a.file), 'utf8'), a.file).toContain(a.contains);
  });
});
