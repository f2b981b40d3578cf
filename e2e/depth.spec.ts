/**
 * The default page: the depth profile draws the limit as a line, the Monte Carlo median as one
 * point per recorded layer (mlp records layers 1..L when L ≤ 256: DESIGN.md §3, monteCarlo.ts),
 * two quantile bands, a legend, the equations, a backend badge and a digest.
 */
import { readFile } from 'node:fs/promises';
import { resultDigest } from '../src/experiments/digest.ts';
import type { LabResult } from '../src/experiments/result.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('default page: 20 Monte Carlo medians on each depth panel, with the limit and two bands', async ({ page }) => {
  await openLab(page);
  const digest = await finalDigest(page);
  for (const panel of ['plot-depth-rho', 'plot-depth-q']) {
    const plot = page.getByTestId(panel);
    // Default spec: mlp, L = 20 → layers 1..20 recorded, one median point each.
    await expect(plot.locator('.points-mc-median circle')).toHaveCount(20);
    await expect(plot.locator('path.line-limit')).toHaveCount(1);
    expect(await plot.locator('path.line-limit').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){19}$/);
    await expect(plot.locator('path.band')).toHaveCount(2);
    await expect(plot.locator('.legend-item')).toHaveCount(4);
    await expect(plot.locator('.axis-label-x')).toHaveText('layer ℓ');
  }
  // Captions and equations (KaTeX) under every panel.
  await expect(page.locator('.panel-equation .katex')).toHaveCount(2);
  await expect(page.locator('.panel-caption p').first()).toContainText('infinite-width limit');
  // The badge names what ran.
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(cpu|webgpu)$/);

  // The downloadable result is the CLI's document, and the digest on the page is its digest.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const result = JSON.parse(await readFile((await download.path())!, 'utf8')) as LabResult;
  expect(result.mc?.layers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(result.theory.rho).toHaveLength(20);
  expect(result.spec).toMatchObject({ n: 256, L: 20, M: 200, act: 'relu', arch: 'mlp' });
  expect(resultDigest(result)).toBe(digest);
});

test('a longer network: the number of points follows L, and the limit follows the slider live', async ({ page }) => {
  await openLab(page, 'L=7&M=20&backend=cpu');
  await finalDigest(page);
  const rho = page.getByTestId('plot-depth-rho');
  await expect(rho.locator('.points-mc-median circle')).toHaveCount(7);
  const limit = rho.locator('path.line-limit');
  const before = await limit.getAttribute('d');

  // Drag the depth slider without releasing: the limit is redrawn at once, the Monte Carlo waits.
  const slider = page.getByTestId('slider-L');
  const box = (await slider.boundingBox())!;
  await slider.hover();
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 8 });
  await expect.poll(() => limit.getAttribute('d')).not.toBe(before);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stale');
  await page.mouse.up();

  // On release the run restarts for the new depth; the point count is the new L.
  const L = Number(await page.getByTestId('entry-L').inputValue());
  expect(L).toBeGreaterThan(7);
  await finalDigest(page);
  await expect(rho.locator('.points-mc-median circle')).toHaveCount(L);
});
