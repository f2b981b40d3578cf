/**
 * backend=webgpu in the browser (SwiftShader here: a software adapter, which `auto` passes over for
 * the faster CPU backend). Same Philox draws as the CPU, f32 instead of f64: the medians agree to
 * far below a pixel, and a reload reproduces the GPU digest exactly.
 */
import type { Page } from '@playwright/test';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

const SPEC = 'n=128&L=10&M=100';

async function medianPixels(page: Page): Promise<number[]> {
  return page
    .getByTestId('plot-depth-rho')
    .locator('.points-mc-median circle')
    .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
}

test('backend=webgpu runs in a Worker on the GPU adapter, reproducibly, matching the CPU draw for draw', async ({ page }) => {
  await openLab(page, `${SPEC}&backend=webgpu`);
  const digest = await finalDigest(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend')).toContainText('WebGPU');
  const gpu = await medianPixels(page);
  expect(gpu).toHaveLength(10);

  await page.reload();
  expect(await finalDigest(page)).toBe(digest);

  await openLab(page, `${SPEC}&backend=cpu`);
  await finalDigest(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
  const cpu = await medianPixels(page);
  // Same axes (the limit fixes them), same networks: f32 vs f64 moves a median by ≪ 1 px.
  for (let i = 0; i < 10; i++) expect(Math.abs(cpu[i] - gpu[i])).toBeLessThan(0.5);
});

test('backend=auto passes over a software adapter and says so on the badge', async ({ page }) => {
  await openLab(page, 'M=20');
  await finalDigest(page);
  const badge = page.getByTestId('backend');
  await expect(badge).toHaveAttribute('data-backend', 'cpu');
  await expect(badge).toContainText(/software|navigator\.gpu/);
});
