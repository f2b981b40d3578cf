/**
 * view=collapse on the page (issue 15 §2): standard vs shaped attention — the depth plot draws both
 * kinds' means and bands, the SDE's mean and quantiles and the line ρ̄ = 1; the law panel both
 * histograms with the SDE density; the captions' numbers are those of the exported result, whose digest
 * is the CLI's. Screenshots
 * at 1440×900 and at projector size 1024×768 (e2e/screenshots/, gitignored) for people to look at.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { CollapseBlock } from '../src/archs/attention/collapse.ts';
import type { LabResult } from '../src/experiments/result.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

/** The page's number format (app/views/labels.ts formatValue), written out: the e2e runner loads no WGSL. */
function fmt(v: number, digits: number): string {
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : Number(v.toPrecision(digits)).toString();
  return s.replace('-', '−');
}

/** Mean ± SE as the caption writes it (ρ̄ of shaped networks and of the SDE stays well below 0.999). */
function meanSe(mean: number, se: number): string {
  return `${fmt(mean, 3)} ± ${fmt(se, 2)}`;
}

const QUERY = 'view=collapse&arch=attention&k=3&rho0=0.2&n=32&L=48&M=80&backend=cpu';

test('the comparison view draws both kinds and the SDE, and its captions are the result’s numbers', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openLab(page, QUERY);
  const digest = await finalDigest(page);
  // The status line counts both kinds (M of each), not "80 networks".
  await expect(page.getByTestId('run-text')).toContainText('80 standard and 80 shaped attention networks');
  const depth = page.getByTestId('plot-collapse-depth');
  for (const id of ['standard-mean', 'shaped-mean', 'sde-mean', 'sde-p05', 'sde-p95']) await expect(depth.locator(`path.line-${id}`)).toHaveCount(1);
  for (const id of ['standard-band', 'shaped-band']) await expect(depth.locator(`path.band-${id}`)).toHaveCount(1);
  await expect(depth.locator('line.rule-one')).toHaveCount(1);
  expect(await page.getByTestId('plot-collapse-standard').locator('rect.bar').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('plot-collapse-shaped').locator('rect.bar').count()).toBeGreaterThan(5);
  await expect(page.getByTestId('view-unavailable')).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const result = JSON.parse(await readFile((await download.path())!, 'utf8')) as LabResult;
  expect(result.digest).toBe(digest);
  const block = result.collapse as CollapseBlock;
  // The same numbers as the CLI's (the SDE's and the networks' draws are the same bits in Chromium and Node).
  const { stdout } = await promisify(execFile)('node', ['bin/limits-lab.mjs', 'run', QUERY], { maxBuffer: 64 << 20 });
  expect((JSON.parse(stdout) as LabResult).digest).toBe(digest);
  const caption = page.getByTestId('panel-collapse-depth').locator('.panel-caption');
  await expect(caption).toContainText('rank collapse');
  await expect(caption).toContainText(`Shaped attention: ${meanSe(block.shaped!.last.summary.mean, block.shaped!.last.meanSe)} (mean ± SE over 80 networks)`);
  await expect(caption).toContainText(`the SDE ${meanSe(block.sde!.last.summary.mean, block.sde!.last.meanSe)}`);
  await expect(caption).toContainText(`${fmt(100 * block.standard!.last.nearOne, 3)} % of the networks`);
  const law = page.getByTestId('panel-collapse-law').locator('.panel-caption');
  await expect(law).toContainText(`sd ${fmt(block.shaped!.last.summary.sd, 2)} and median ${fmt(block.shaped!.last.summary.p50, 2)}`);
  await page.screenshot({ path: 'e2e/screenshots/collapse-1440x900.png', fullPage: true });

  // Projector size: the same view, plots redrawn at the narrower width.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect.poll(async () => Math.abs(Number(await depth.locator('svg').getAttribute('width')) - (await depth.boundingBox())!.width)).toBeLessThan(1.5);
  await page.screenshot({ path: 'e2e/screenshots/collapse-1024x768.png', fullPage: true });
});

test('the tab opens the comparison on attention networks; another architecture gets a fix', async ({ page }) => {
  // No plot to wait for (openLab waits for one): the view says why, with the fix.
  await page.goto('./?view=collapse&n=16&L=4&M=4&backend=cpu');
  await expect(page.getByTestId('view-unavailable')).toContainText('choose arch=attention or arch=shapedattn');
  await page.getByTestId('view-fix').click();
  await finalDigest(page);
  await expect(page.getByTestId('plot-collapse-depth').locator('path.line-shaped-mean')).toHaveCount(1);
});
