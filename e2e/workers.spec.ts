/**
 * Every core in the page (issue 19 §2): on the CPU backend the Monte Carlo Worker runs the networks
 * on a pool of simulation Workers, one per core but one (navigator.hardwareConcurrency − 1, at least
 * 1, at most 16), and the result is the one a single thread computes (the CLI with --threads 1).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resultDigest } from '../src/experiments/digest.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

const run = promisify(execFile);

test('the CPU backend runs on a pool of simulation Workers and gives the digest of one thread', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const query = 'act=tanh&n=128&L=12&M=300&seed=17&backend=cpu';
  await openLab(page, query);
  const digest = await finalDigest(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const { stdout } = await run('node', ['bin/limits-lab.mjs', 'run', query, '--threads', '1'], { maxBuffer: 64 << 20 });
  expect(resultDigest(JSON.parse(stdout))).toBe(digest);
  // The Monte Carlo Worker and one simulation Worker per core but one.
  expect(workers.filter((u) => /simWorker/.test(u))).toHaveLength(Math.max(1, Math.min(16, cores - 1)));
  expect(workers.filter((u) => /labWorker/.test(u))).toHaveLength(1);
});
