/**
 * Issue 18: the input-curve panels under the depth profile (curve=circle:k), drawn from the run's
 * geometry and jacobian blocks; none of them without a curve.
 */
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('curve=circle:16: length, distortion, Jacobian and dimension panels, one median point per layer, mean-field lines', async ({ page }) => {
  await openLab(page, 'curve=circle:16&act=tanh&sw2=2.5&sb2=0.05&L=6&n=64&M=20&backend=cpu');
  await finalDigest(page);
  await expect(page.getByTestId('geometry-panels')).toBeVisible();
  const length = page.getByTestId('plot-geometry-length');
  await expect(length.locator('.points-length-median circle')).toHaveCount(6);
  await expect(length.locator('path.line-length-limit')).toHaveCount(1);
  await expect(length.locator('path.line-polygon-limit')).toHaveCount(1);
  await expect(page.getByTestId('plot-geometry-jacobian').locator('path.line-jacobian-limit')).toHaveCount(1);
  await expect(page.getByTestId('plot-geometry-distortion').locator('.points-distortion-median circle')).toHaveCount(6);
  await expect(page.getByTestId('plot-geometry-dimension').locator('.points-dimension-median circle')).toHaveCount(6);
  await expect(page.getByTestId('panel-geometry-length')).toContainText('grows by a factor');
  // The control shows the key's value.
  await expect(page.getByTestId('entry-curve')).toHaveValue('circle:16');
});

test('without a curve the depth view has no geometry panels', async ({ page }) => {
  await openLab(page, 'L=4&n=32&M=10&backend=cpu');
  await finalDigest(page);
  await expect(page.getByTestId('plot-depth-rho')).toBeVisible();
  await expect(page.getByTestId('geometry-panels')).toHaveCount(0);
});
