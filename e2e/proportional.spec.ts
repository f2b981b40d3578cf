/**
 * Issue 6 on the page: the shaped MLP's proportional limit. The distribution view overlays the SDE
 * law of ρ_T; view=sde draws network and SDE paths, the law, and the distance in law against n with
 * its fitted slope; view=contrast shows three networks with their limits and links; "keep T fixed"
 * moves L with n.
 */
import { expect, finalDigest, openLab, queryOf, test } from './fixtures.ts';

const DIR = 'e2e/screenshots';
const SHAPED = 'arch=shaped&cp=0&cm=-1&sw2=1';

test('distribution view, shaped MLP: the SDE density of ρ_T over the histogram of ρ̂', async ({ page }) => {
  await openLab(page, `view=hist&${SHAPED}&n=64&L=32&M=800&backend=cpu`);
  await finalDigest(page);
  const plot = page.getByTestId('plot-hist-rho');
  expect(await plot.locator('rect.bar').count()).toBeGreaterThan(10);
  const curve = plot.locator('path.curve-sde-density');
  await expect(curve).toHaveCount(1);
  // A smooth curve (hundreds of vertices), not a marker.
  expect(((await curve.getAttribute('d')) ?? '').split('L').length).toBeGreaterThan(100);
  await expect(plot.locator('.legend-item')).toContainText([/SDE law of ρT, T = ℓ\/n = 0\.5/]);
  await page.screenshot({ path: `${DIR}/shaped-hist.png`, fullPage: true });
});

test('view=sde: paths of networks and of the SDE, the law, and convergence in law with a printed slope', async ({ page }) => {
  await openLab(page, `view=sde&${SHAPED}&n=64&L=32&M=300&nmin=8&nmax=64&backend=cpu`);
  await finalDigest(page);
  const paths = page.getByTestId('plot-sde-paths');
  await expect(paths.locator('.paths-sde path')).toHaveCount(24);
  await expect(paths.locator('.paths-net path')).toHaveCount(24);
  await expect(paths.locator('.legend-item')).toContainText([/SDE paths/, /finite networks, n = 64/]);
  const law = page.getByTestId('plot-sde-law');
  await expect(law.locator('path.curve-sde-density')).toHaveCount(1);
  expect(await law.locator('rect.bar').count()).toBeGreaterThan(10);
  const conv = page.getByTestId('plot-sde-convergence');
  // Widths 8, 16, 32, 64 at T = 0.5.
  await expect(conv.locator('.points-w1 circle')).toHaveCount(4);
  await expect(conv.locator('.points-ks circle')).toHaveCount(4);
  // A rate only for a distance above its Monte Carlo noise floor (drawn as dotted lines).
  await expect(conv.locator('text.note-slope')).toHaveText(/^fitted slopes \(above the noise floor\): W₁(?: −?\d+(?:\.\d+)?|: at its noise floor, no rate), KS(?: −?\d+(?:\.\d+)?|: at its noise floor, no rate)$/);
  await expect(conv.locator('path.line-floor-w1')).toHaveCount(1);
  await expect(conv.locator('.axis-x .tick text')).toHaveText(['8', '16', '32', '64']);
  await page.screenshot({ path: `${DIR}/sde.png`, fullPage: true });
});

test('view=sde for another architecture says why and switches to the shaped MLP', async ({ page }) => {
  await page.goto('./?view=sde&M=0');
  await expect(page.getByTestId('view-unavailable')).toContainText('arch=shaped');
  await page.getByTestId('view-fix').click();
  await expect.poll(() => queryOf(page).get('arch')).toBe('shaped');
  await expect(page.getByTestId('plot-sde-paths')).toBeVisible();
});

test('view=contrast: He-MLP, shaped MLP and 1/√L ResNet with their limits, and a link to each network', async ({ page }) => {
  await openLab(page, 'view=contrast&cp=0&cm=-1&n=32&L=32&M=300&backend=cpu');
  await finalDigest(page);
  const kinds = { 'he-mlp': 'point', shaped: 'law', 'resnet-sqrt': 'point' } as const;
  for (const [id, kind] of Object.entries(kinds)) {
    const rho = page.getByTestId(`plot-contrast-${id}-rho`);
    const logq = page.getByTestId(`plot-contrast-${id}-logq`);
    expect(await rho.locator('rect.bar').count(), id).toBeGreaterThan(0);
    // A point limit is a vertical line; a law is a density curve (ρ: the SDE law; log q: N(−T, 2T)
    // for the shaped MLP, the He-MLP's own log-normal proportional limit, a point for the ResNet).
    await expect(rho.locator(kind === 'point' ? 'line.marker-limit' : 'path.curve-limit'), id).toHaveCount(1);
    await expect(logq.locator(id === 'resnet-sqrt' ? 'line.marker-limit' : 'path.curve-limit'), id).toHaveCount(1);
    await expect(page.getByTestId(`open-${id}`)).toHaveAttribute('href', /view=hist/);
  }
  await page.screenshot({ path: `${DIR}/contrast.png`, fullPage: true });
  // The shaped network's link opens it on its own, in the distribution view.
  await page.getByTestId('open-shaped').click();
  await expect.poll(() => queryOf(page).get('view')).toBe('hist');
  expect(queryOf(page).get('arch')).toBe('shaped');
  await expect(page.getByTestId('select-arch')).toHaveValue('shaped');
});

test('"keep T fixed": changing n moves L = round(T·n), and T = L/n is shown', async ({ page }) => {
  await openLab(page, 'arch=shaped&n=128&L=64&M=0');
  await expect(page.getByTestId('readout-T')).toHaveText('0.5');
  // Off: n alone.
  const n = page.getByTestId('entry-n');
  await n.fill('100');
  await n.press('Enter');
  await expect(page.getByTestId('entry-L')).toHaveValue('64');
  await expect(page.getByTestId('readout-T')).toHaveText('0.64');
  // On: L follows n at T = 0.64, through the URL too.
  await page.getByTestId('check-keepT').check();
  await n.fill('250');
  await n.press('Enter');
  await expect(page.getByTestId('entry-L')).toHaveValue('160');
  await expect.poll(() => [queryOf(page).get('n'), queryOf(page).get('L')]).toEqual(['250', '160']);
  await expect(page.getByTestId('readout-T')).toHaveText('0.64');
  // The n slider, by keyboard: L moves with it.
  await page.getByTestId('slider-n').focus();
  await page.keyboard.press('ArrowLeft');
  const [n2, L2] = [Number(await n.inputValue()), Number(await page.getByTestId('entry-L').inputValue())];
  expect(n2).toBeLessThan(250);
  expect(L2).toBe(Math.round(0.64 * n2));
  // The control exists only where T matters.
  await page.getByTestId('select-arch').selectOption('mlp');
  await expect(page.getByTestId('check-keepT')).toHaveCount(0);
});
