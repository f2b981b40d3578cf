/**
 * Issue 15 §1: the branches on `arch` live in the architecture modules (src/archs/<id>/,
 * app/archs/<id>/). Everything else asks a module (archOf(spec).firstLayer, .views, .controls,
 * .limits, …). This test reads every non-test source outside those folders and fails on a
 * comparison with an architecture: `spec.arch === …`, `… !== x.arch`, `switch (spec.arch)`,
 * `case '<id>':`, or `=== '<id>'` for a registered id.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHS } from '../core/spec.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['src', 'bin', 'app'];
const MODULE_DIRS = ['src/archs/', 'app/archs/'];

/**
 * Explicit exceptions, each with why: a line here is a comparison with a string that spells an
 * architecture id but is not one.
 */
const ALLOWED: readonly { readonly file: string; readonly line: string; readonly why: string }[] = [
  {
    file: 'src/experiments/contrast.ts',
    line: "if (id === 'shaped') return",
    why: "the contrast view's variant id 'shaped' (a key of its JSON block, a contract), not the arch key",
  },
  {
    file: 'src/training/network.ts',
    line: "return arch === 'resnet';",
    why: "the training engine's own two topologies (isResidual, issue 17 §1), asked everywhere else in src/training; training is not wired to the registry yet (issue 17 §7)",
  },
];

/**
 * Files allowed a fixed number of such comparisons, each with why. The count is exact: a new
 * comparison fails the test, and so does one removed (then lower the count, or drop the entry).
 */
const ALLOWED_FILES: readonly { readonly file: string; readonly count: number; readonly why: string }[] = [
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

const ids = ARCHS.join('|');
const PATTERNS: readonly RegExp[] = [
  /\barch\s*[!=]==?/, // spec.arch === 'resnet', model.arch !== x
  /[!=]==?\s*[\w.]*\barch\b/, // 'mlp' === spec.arch
  /switch\s*\([^)]*\barch\s*\)/, // switch (spec.arch)
  new RegExp(`case\\s+'(${ids})'\\s*:`), // case 'resnet':
  new RegExp(`[!=]==?\\s*'(${ids})'`), // x === 'shaped'
  new RegExp(`'(${ids})'\\s*[!=]==?`), // 'shaped' === x
];

export function archBranches(text: string, file: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (code.trim().startsWith('*') || code.trim().startsWith('/*')) return; // comments
    if (!PATTERNS.some((p) => p.test(code))) return;
    if (ALLOWED.some((a) => a.file === file && code.includes(a.line))) return;
    hits.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return hits;
}

describe('no branches on arch outside the architecture modules', () => {
  it('finds the comparisons it looks for (the patterns are not vacuous)', () => {
    const bad = [
      "if (spec.arch === 'resnet') x();",
      "const f = model.arch !== 'mlp' ? 1 : 0;",
      "if ('shaped' === spec.arch) y();",
      'switch (spec.arch) {',
      "  case 'shaped':",
      "const r = id === 'resnet';",
    ];
    for (const b of bad) expect(archBranches(b, 'x.ts'), b).toHaveLength(1);
    expect(archBranches("const s = { ...spec, arch: 'resnet' };\n// spec.arch === 'mlp' in a comment", 'x.ts')).toEqual([]);
  });

  it('src/, bin/ and app/ (tests and src/archs/, app/archs/ aside) compare no arch id', () => {
    const hits: string[] = [];
    let files = 0;
    for (const dir of SCANNED) {
      for (const path of sources(join(ROOT, dir))) {
        const file = relative(ROOT, path).replaceAll('\\', '/');
        if (MODULE_DIRS.some((m) => file.startsWith(m))) continue;
        files++;
        const found = archBranches(readFileSync(path, 'utf8'), file);
        const allowed = ALLOWED_FILES.find((a) => a.file === file);
        if (allowed) expect(found.length, `${file}: ${found.join(' | ')}`).toBe(allowed.count);
        else hits.push(...found);
      }
    }
    expect(files).toBeGreaterThan(100);
    expect(hits).toEqual([]);
  });

  it('every allow-listed exception still exists (a stale entry is removed, not kept)', () => {
    for (const a of ALLOWED) expect(readFileSync(join(ROOT, a.file), 'utf8')).toContain(a.line);
    for (const a of ALLOWED_FILES) expect(a.count).toBeGreaterThan(0);
  });
});
