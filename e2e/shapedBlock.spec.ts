/**
 * arch=shapedtx on the page (issue 15 §2, the shaped Transformer block): the depth and sde views draw
 * the block networks with the block's own words, the flat limit ρ₀, and the block SDE's law.
 */
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('shaped Transformer block: depth view with the limit line and the block words; sde view draws paths, law and convergence', async ({ page }) => {
  await openLab(page, 'arch=shapedtx&k=3&rho0=0.2&n=16&L=8&M=40');
  await finalDigest(page);
  const plot = page.getByTestId('plot-depth-rho');
  await expect(plot.locator('.points-mc-median circle')).toHaveCount(9);
  await expect(plot.locator('path.line-limit')).toHaveCount(1);
  await expect(page.getByTestId('panel-depth-rho')).toContainText('each sublayer moves the token covariance');
  await expect(page.getByTestId('panel-depth-rho')).not.toContainText('pre-activations');
  await openLab(page, 'view=sde&arch=shapedtx&k=3&rho0=0.2&n=32&L=8&M=100&nmin=8&nmax=32');
  await finalDigest(page);
  for (const id of ['plot-sde-paths', 'plot-sde-law', 'plot-sde-convergence']) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('panel-sde-paths')).toContainText('MLP sublayer');
  await expect(page.getByTestId('view-unavailable')).toHaveCount(0);
});
