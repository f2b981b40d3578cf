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

test('Cancel stops every Worker of the run: the Monte Carlo Worker and its simulation Workers close', async ({ page }) => {
  const open = new Map<string, number>();
  page.on('worker', (w) => {
    const kind = /simWorker/.test(w.url()) ? 'sim' : /labWorker/.test(w.url()) ? 'lab' : 'other';
    open.set(kind, (open.get(kind) ?? 0) + 1);
    w.on('close', () => open.set(kind, open.get(kind)! - 1));
  });
  await openLab(page, 'n=1024&L=50&M=10000&backend=cpu');
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect.poll(() => open.get('sim') ?? 0).toBeGreaterThan(0);
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
  await expect.poll(() => [open.get('lab'), open.get('sim')], { timeout: 5000 }).toEqual([0, 0]);
});
