/** axe-core scans of the main views: no serious or critical violations. */
import { seriousViolations } from './axe.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

for (const [name, query] of [
  ['depth profile', 'M=50'],
  ['distribution', 'view=hist&M=50'],
  ['width sweep', 'view=width&M=20&nmax=64'],
  ['messages shown', 'n=abc&foo=1&M=20'],
  ['commutation map', 'view=commute&nmin=8&nmax=32&Lmin=2&Lmax=8&M=10&backend=cpu'],
  ['fixed-width regime', 'view=regime&n=4&L=8&M=100&backend=cpu'],
  ['shaped SDE', 'view=sde&arch=shaped&n=32&L=16&M=50&nmin=8&backend=cpu'],
  ['three limits', 'view=contrast&n=16&L=16&M=50&backend=cpu'],
  ['predict-then-reveal round', 'predict=1&M=30&L=8&backend=cpu'],
  ['signature kernels', 'view=signature&arch=cresnet&n=16&L=8&M=10&nmin=4&nmax=16&Lmin=2&Lmax=8&backend=cpu'],
] as const) {
  test(`axe-core: no serious violations on the ${name}`, async ({ page }) => {
    await openLab(page, query);
    await finalDigest(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe-core: no serious violations with the Lessons menu open', async ({ page }) => {
  await openLab(page, 'M=20&backend=cpu');
  await page.getByTestId('lessons').locator('summary').click();
  await expect(page.getByTestId('lesson-commute-mlp-resnet')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/lessons-menu.png' });
  // Escape closes it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lesson-commute-mlp-resnet')).toBeHidden();
});

test('axe-core: no serious violations on the lessons gallery', async ({ page }) => {
  await page.goto('./lessons.html');
  await expect(page.getByTestId('gallery')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
