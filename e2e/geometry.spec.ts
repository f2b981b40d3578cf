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
  await expect(page.getByTestId('plot-geometry-dimension').locator('.points-rank-median circle')).toHaveCount(6);
  await expect(page.getByTestId('panel-geometry-dimension')).toContainText('median numerical rank');
  await expect(page.getByTestId('plot-geometry-curvature').locator('.points-curvature-median circle')).toHaveCount(6);
  await expect(page.getByTestId('plot-geometry-curvature').locator('path.line-curvature-limit')).toHaveCount(1);
  await expect(page.getByTestId('panel-geometry-curvature')).toContainText("16-gon's mean field");
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

test('the picture of the image curve plays through depth; frame time for k = 256 reported (not asserted)', async ({ page }) => {
  await openLab(page, 'curve=circle:256&act=tanh&sw2=2.5&sb2=0.05&L=8&n=64&M=4&backend=cpu');
  await finalDigest(page);
  const slider = page.getByTestId('geometry-layer');
  await expect(slider).toHaveValue('7');
  const curve = page.getByTestId('plot-geometry-image').locator('path.line-image-curve');
  await expect(curve).toHaveCount(1);
  // Play from the start: the layer advances to the last one and the button returns to Play.
  await page.getByTestId('geometry-play').click();
  await expect(page.getByTestId('geometry-play')).toHaveAttribute('aria-pressed', 'true');
  await expect(slider).toHaveValue('7', { timeout: 10_000 });
  await expect(page.getByTestId('geometry-play')).toHaveAttribute('aria-pressed', 'false');
  const before = await curve.getAttribute('d');
  await slider.fill('0');
  await expect.poll(() => curve.getAttribute('d')).not.toBe(before);
  // Frame time: step the slider through every layer, each step until the curve has been redrawn.
  const ms = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid=geometry-layer]') as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const path = () => document.querySelector('[data-testid=plot-geometry-image] path.line-image-curve')?.getAttribute('d');
    const t0 = performance.now();
    let frames = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 8; i++) {
        const old = path();
        setter.call(input, String(i));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        for (let w = 0; w < 100 && path() === old; w++) await new Promise((r) => requestAnimationFrame(() => r(null)));
        frames++;
      }
    }
    return (performance.now() - t0) / frames;
  });
  console.log(`curve picture, k = 256: ${ms.toFixed(1)} ms per redrawn layer (${(1000 / ms).toFixed(0)} frames/s) on this machine`);
});

test('tied to the phase diagram: with a curve in the link, a click on the map opens the depth view at that point with the curve panels', async ({ page }) => {
  await openLab(page, 'view=phase&act=tanh&curve=circle:16&n=64&L=6&M=10&grid=11&backend=cpu');
  await expect(page.getByTestId('plot-phase').locator('svg').first()).toBeVisible();
  await page.getByTestId('plot-phase').locator('svg').first().click();
  await expect(page.getByTestId('geometry-panels')).toBeVisible({ timeout: 60_000 });
  const url = new URL(page.url());
  expect(url.searchParams.get('view') ?? 'depth').toBe('depth');
  expect(url.searchParams.get('curve')).toBe('circle:16');
});
