/**
 * arch=cresnet on the page (issue 16): the depth profile of a controlled ResNet driven by two paths —
 * the Monte Carlo at every step 0..L, the width-∞ kernel at depth L, the PDE limit along t — and
 * the exported result carries the signature block (the PDE Gram, its grid and error estimate).
 */
import { readFile } from 'node:fs/promises';
import type { LabResult } from '../src/experiments/result.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('controlled ResNet: L + 1 medians per panel, the PDE limit drawn, the signature block exported', async ({ page }) => {
  await openLab(page, 'arch=cresnet&act=identity&sw2=1&n=32&L=8&M=20&backend=cpu');
  await finalDigest(page);
  const plot = page.getByTestId('plot-depth-q');
  // Steps 0..8: S_0 is recorded as layer 0.
  await expect(plot.locator('.points-mc-median circle')).toHaveCount(9);
  await expect(page.locator('.panel-equation .katex').first()).toBeVisible();
  // Its own wording: paths as inputs, the PDE as the depth limit (shared weights are the default).
  await expect(page.locator('.panel-caption p').first()).toContainText('The inputs are paths');
  await expect(page.locator('.panel-caption p').first()).toContainText('neural signature kernel PDE');
  await expect(plot.locator('.legend-item', { hasText: 'PDE: n → ∞, then L → ∞' })).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const result = JSON.parse(await readFile((await download.path())!, 'utf8')) as LabResult;
  expect(result.mc?.layers).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const sig = result.signature as { equation: string; kernel: number[][]; errorEstimate: number[][] };
  expect(sig.equation).toBe('pde');
  expect(sig.kernel).toHaveLength(2);
  expect(sig.errorEstimate[0][1]).toBeLessThan(1e-3);
  // The limit ends at t = 1 with K(1, 1) of paths 1 and 2 (level λ; the signature value is level λ + 1).
  expect(result.limit?.t.at(-1)).toBe(1);
  expect(Math.abs(result.limit!.q12.at(-1)! - sig.kernel[0][1])).toBeLessThan(3.01 * sig.errorEstimate[0][1] + 1e-12);
});

test('controlled ResNet, fresh weights per step: the ODE limit is named, and the distribution view says what its law does', async ({ page }) => {
  await openLab(page, 'arch=cresnet&act=identity&sw2=1&n=16&L=8&M=20&backend=cpu&share=0&view=hist');
  await finalDigest(page);
  await expect(page.locator('.panel-caption p').first()).toContainText('matrix Brownian motion');
  await openLab(page, 'arch=cresnet&act=identity&sw2=1&n=16&L=8&M=20&backend=cpu&share=0');
  await finalDigest(page);
  await expect(page.getByTestId('plot-depth-q').locator('.legend-item', { hasText: 'ODE: n → ∞, then L → ∞' })).toHaveCount(1);
  await expect(page.locator('.panel-caption p').first()).toContainText('inhomogeneous kernel ODE');
});

test('the signature view: paths, both sweeps with their limits, and the Gram matrices without ∞ strips', async ({ page }) => {
  await openLab(page, 'view=signature&arch=cresnet&act=identity&sw2=1&n=8&L=4&M=8&nmin=4&nmax=8&Lmin=2&Lmax=4&paths=line:1,0_line:0,1_sine:1,0,0.3&k=3&backend=cpu');
  await finalDigest(page);
  await expect(page.getByTestId('plot-signature-paths').locator('path.line-path-1')).toHaveCount(1);
  await expect(page.getByTestId('plot-signature-depth').locator('.legend-item', { hasText: 'ODE (unshared)' })).toHaveCount(1);
  await expect(page.getByTestId('plot-signature-depth').locator('.legend-item', { hasText: 'PDE (shared)' })).toHaveCount(1);
  // Three maps of 3 × 3 paths, every cell computed, and no "∞" tick.
  const gram = page.getByTestId('plot-signature-gram');
  await expect(gram.locator('rect.cell')).toHaveCount(27);
  await expect(gram.locator('rect.cell[data-state="pending"]')).toHaveCount(0);
  await expect(gram.locator('text.tick-x, text.tick-y', { hasText: '∞' })).toHaveCount(0);
});
