/**
 * The distribution and width-sweep views: what each draws, and how many marks.
 */
import { VIEWS } from '../src/core/spec.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('distribution view: a histogram of the M networks at the chosen layer, with the limit marked', async ({ page }) => {
  await openLab(page, 'view=hist&M=400&L=10&layer=6');
  await finalDigest(page);
  for (const panel of ['plot-hist-rho', 'plot-hist-q']) {
    const plot = page.getByTestId(panel);
    const bars = plot.locator('rect.bar');
    expect(await bars.count()).toBeGreaterThan(5);
    await expect(plot.locator('line.marker-limit')).toHaveCount(1);
    await expect(plot.locator('line.marker-median')).toHaveCount(1);
  }
  await expect(page.getByRole('heading', { name: 'Law of the correlation at layer ℓ = 6' })).toBeVisible();
  // The layer control appears for this view; its slider runs from 0 (the last layer) to L.
  await expect(page.getByTestId('entry-layer')).toHaveValue('6');
});

test('width sweep: one point per width from nmin to nmax (powers of two), and the limit', async ({ page }) => {
  await openLab(page, 'view=width&M=60&L=8&nmin=8&nmax=512');
  await finalDigest(page);
  // 8, 16, …, 512: seven widths.
  for (const panel of ['plot-width-rho', 'plot-width-q']) {
    const plot = page.getByTestId(panel);
    await expect(plot.locator('.points-mc-median circle')).toHaveCount(7);
    await expect(plot.locator('line.rule-limit')).toHaveCount(1);
    await expect(plot.locator('.axis-x .tick text')).toHaveText(['8', '16', '32', '64', '128', '256', '512']);
  }
  const conv = page.getByTestId('plot-width-convergence');
  await expect(conv.locator('.points-sd circle')).toHaveCount(7);
  await expect(conv.locator('path.line-guide-half')).toHaveCount(1);
  await expect(page.getByTestId('run-text')).toContainText('Done');
});

test('every view of the schema is built: each tab opens its view, none says it is missing', async ({ page }) => {
  await page.goto('./?M=0');
  const tabs = page.locator('.view-tab');
  // Wait for the tabs (the page renders after its first theory): count() alone does not wait.
  await expect(tabs).toHaveCount(VIEWS.length);
  const count = VIEWS.length;
  for (let i = 0; i < count; i++) {
    await tabs.nth(i).click();
    await expect(tabs.nth(i)).toHaveAttribute('aria-pressed', 'true');
    // Its panels, or (the SDE view of an MLP) the reason it needs another spec, with a fix.
    await expect(page.locator('main .panel, main [data-testid=view-unavailable]').first()).toBeVisible();
    await expect(page.getByTestId('view-missing')).toHaveCount(0);
  }
});
