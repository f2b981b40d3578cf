#!/usr/bin/env node
// `npm test`: the app-wide typecheck (counted: a failed typecheck is one failure), every suite, then
// one line "N passed, N failed" (skipped tests count as failed: no test may be skipped). Exit status
// non-zero if anything failed, was skipped, or nothing ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const setup = run('node', ['scripts/ensure-browser.mjs']);

let passed = 0;
let failed = 0;
let skipped = 0;
let crashed = setup !== 0 ? ['ensure-browser'] : [];

// 0. The app-wide typecheck (npm run typecheck: the page and the engine's own tsconfig).
if (run('npm', ['run', '--silent', 'typecheck']) === 0) passed += 1;
else {
  console.log('typecheck failed (counted as one failure)');
  failed += 1;
}

// 1. Unit, property, theory, backend-conformance and CLI tests (vitest).
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`]);
if (existsSync(`${results}/vitest.json`)) {
  const v = JSON.parse(readFileSync(`${results}/vitest.json`, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  if (v.numFailedTestSuites > 0 && v.numFailedTests === 0) crashed.push('vitest (a test file failed to load)');
} else crashed.push('vitest');
if (vitestStatus !== 0 && failed === 0) crashed.push('vitest');

// 2. End-to-end tests in Debian's Chromium (Playwright).
if (existsSync('playwright.config.ts')) {
  const e2eStatus = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/e2e.json` });
  if (existsSync(`${results}/e2e.json`)) {
    const p = JSON.parse(readFileSync(`${results}/e2e.json`, 'utf8'));
    passed += p.stats.expected + (p.stats.flaky ?? 0);
    failed += p.stats.unexpected;
    skipped += p.stats.skipped;
    if ((p.errors ?? []).length > 0) crashed.push('playwright');
  } else crashed.push('playwright');
  if (e2eStatus !== 0 && failed === 0 && !crashed.includes('playwright')) crashed.push('playwright');
}

if (skipped > 0) console.log(`${skipped} tests were skipped (counted as failed)`);
if (crashed.length > 0) console.log(`suites that did not complete: ${crashed.join(', ')}`);
failed += skipped + crashed.length;
const line = `${passed} passed, ${failed} failed`;
writeFileSync(`${results}/summary.txt`, `${line}\n`);
console.log(line);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
