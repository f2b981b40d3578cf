/**
 * STYLE.md rule 1: src/ is the engine — it runs in Node and Web Workers and never imports React,
 * D3, zustand, KaTeX or the DOM. Enforced by the TypeScript compiler (tsconfig.engine.json: no DOM
 * lib, `paths` sending UI libraries to an empty module) and by a plain import scan.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const UI_IMPORT = /from\s+['"](react|react-dom|d3(-[a-z]+)?|zustand|katex)(\/[^'"]*)?['"]|from\s+['"][./]*\/app\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

function typecheck(project: string): { ok: boolean; output: string } {
  try {
    execFileSync(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (e) {
    return { ok: false, output: String((e as { stdout?: string }).stdout ?? e) };
  }
}

describe('the engine (src/) imports no UI library and uses no DOM', () => {
  it('no src/ file imports react, react-dom, d3, zustand, katex or app/', () => {
    const self = new URL(import.meta.url).pathname; // this file quotes the forbidden imports
    const offenders = sourceFiles(join(root, 'src')).filter((f) => f !== self && UI_IMPORT.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('src/ and bin/ typecheck without the DOM and with UI libraries forbidden (tsconfig.engine.json)', () => {
    const r = typecheck('tsconfig.engine.json');
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  });

  it('…and that configuration rejects a file that imports React or touches document', () => {
    const dir = mkdtempSync(join(root, 'node_modules/.ll-probe-'));
    writeFileSync(join(dir, 'probe.ts'), "import { useState } from 'react';\nexport const a = useState;\nexport const b = document.title;\n");
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.engine.json', include: ['probe.ts'] }));
    const r = typecheck(join(dir, 'tsconfig.json'));
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/has no exported member 'useState'/);
    expect(r.output).toMatch(/Cannot find name 'document'/);
  });
});
