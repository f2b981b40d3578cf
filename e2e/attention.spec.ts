/**
 * arch=attention / arch=shapedattn on the page (issue 15 §2): the depth, distribution and sde views
 * draw the networks with attention's own words, and no limit where none exists.
 */
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('standard attention, depth view: the networks climb towards 1, no limit line, attention words', async ({ page }) => {
  await openLab(page, 'arch=attention&k=3&rho0=0.2&n=32&L=12&M=60');
  await finalDigest(page);
  const plot = page.getByTestId('plot-depth-rho');
  await expect(plot.locator('.points-mc-median circle')).toHaveCount(13);
  await expect(plot.locator('path.line-limit')).toHaveCount(0);
  await expect(page.getByTestId('panel-depth-rho')).toContainText('no limit line is drawn');
  await expect(page.getByTestId('panel-depth-rho')).not.toContainText('pre-activations');
});

test('shaped attention: the distribution view marks the limit ρ₀; the sde view draws paths, law and convergence', async ({ page }) => {
  await openLab(page, 'view=hist&arch=shapedattn&k=3&rho0=0.2&n=32&L=32&M=200');
  await finalDigest(page);
  const hist = page.getByTestId('plot-hist-rho');
  expect(await hist.locator('rect.bar').count()).toBeGreaterThan(5);
  await expect(hist.locator('line.marker-limit')).toHaveCount(1);
  await openLab(page, 'view=sde&arch=shapedattn&k=3&rho0=0.2&n=32&L=32&M=200&nmin=8&nmax=32');
  await finalDigest(page);
  for (const id of ['plot-sde-paths', 'plot-sde-law', 'plot-sde-convergence']) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('panel-sde-paths')).toContainText('token-covariance SDE');
  await expect(page.getByTestId('view-unavailable')).toHaveCount(0);
});
