/**
 * Screenshots of the main views (e2e/screenshots/, gitignored) — for people to look at — plus the
 * responsive checks they illustrate: plots follow the window size, the panel collapses.
 */
import { expect, finalDigest, openLab, test } from './fixtures.ts';

const DIR = 'e2e/screenshots';

const VIEWS = [
  ['depth', 'M=300'],
  ['depth-tanh-deep', 'act=tanh&sw2=1.5&L=300&M=100&n=64'],
  ['resnet-ode', 'arch=resnet&L=64&M=200&n=128'],
  ['hist', 'view=hist&M=1000&L=30&n=128'],
  ['width', 'view=width&M=100&L=10&nmin=4&nmax=1024'],
  ['messages', 'n=abc&L=0&act=%3Cscript%3E&foo=1&M=50'],
] as const;

for (const [name, query] of VIEWS) {
  test(`screenshot: ${name}`, async ({ page }) => {
    await openLab(page, query);
    await finalDigest(page);
    await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true });
  });
}

test('projector size (1280×720): collapsing the panel puts the two plots side by side', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, 'M=200');
  await finalDigest(page);
  const rho = page.getByTestId('plot-depth-rho');
  const q = page.getByTestId('plot-depth-q');
  // Panel open: one column, the plots stacked and as wide as the main area allows.
  expect((await q.boundingBox())!.y).toBeGreaterThan((await rho.boundingBox())!.y + 100);
  await page.screenshot({ path: `${DIR}/projector-panel-open.png` });
  await page.getByTestId('toggle-panel').click();
  await expect(page.locator('#controls')).toBeHidden();
  // Panel closed: the freed width holds two columns, and each SVG is redrawn at its new size.
  await expect.poll(async () => Math.abs((await q.boundingBox())!.y - (await rho.boundingBox())!.y)).toBeLessThan(2);
  const box = (await rho.boundingBox())!;
  await expect.poll(async () => Math.abs(Number(await rho.locator('svg').getAttribute('width')) - box.width)).toBeLessThan(1.5);
  await page.screenshot({ path: `${DIR}/projector-panel-closed.png` });
});

test('narrow window (phone-sized): the panel starts closed above the plots, nothing wider than the window', async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 900 });
  await openLab(page, 'M=100');
  await finalDigest(page);
  await expect(page.locator('#controls')).toBeHidden();
  const svgWidth = Number(await page.getByTestId('plot-depth-rho').locator('svg').getAttribute('width'));
  expect(svgWidth).toBeLessThan(420);
  await page.screenshot({ path: `${DIR}/narrow.png`, fullPage: true });
  await page.getByTestId('toggle-panel').click();
  await expect(page.locator('#controls')).toBeVisible();
  const panel = (await page.locator('#controls').boundingBox())!;
  const plot = (await page.getByTestId('plot-depth-rho').boundingBox())!;
  expect(panel.y + panel.height).toBeLessThanOrEqual(plot.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
});
