/**
 * Issue 5 on the page: the commutation-map lesson (opened from the Lessons menu) fills three
 * heatmaps cell by cell, can be cancelled (on a longer run of the same map: the lesson's own run is
 * over in about a second) and restarted, draws the three routes with a legend, and
 * its link restores the distance and the observable; the ResNet depth view draws the limit at
 * α = 0, ½, 1; the fixed-width view draws the drift against n with error bars.
 */
import { LESSONS } from '../app/presets.ts';
import { decodeSpec, encodeSpec } from '../src/url/codec.ts';
import { expect, finalDigest, openLab, queryOf, test } from './fixtures.ts';

const DIR = 'e2e/screenshots';
const lesson = LESSONS.find((l) => l.id === 'commute-mlp-resnet')!;

test('commutation lesson: three maps fill progressively, cancel and restart, routes and colour bar, link restores stat/obs', async ({ page }) => {
  test.setTimeout(240_000);
  await openLab(page);
  await page.getByTestId('lessons').locator('summary').click();
  await page.getByTestId('lesson-commute-mlp-resnet').click();
  await expect.poll(() => queryOf(page).get('view')).toBe('commute');
  // The page's address is the lesson's spec (written canonically: default values such as act=relu are left out).
  expect(encodeSpec(decodeSpec(new URL(page.url()).search.slice(1)).spec)).toBe(encodeSpec(decodeSpec(lesson.url).spec));

  const map = page.getByTestId('plot-commute-map');
  const filled = page.getByTestId('commute-filled');
  const status = page.getByTestId('run-status');
  // 7 widths × 7 depths × 3 networks; the empty grid is drawn (hatched) before any cell arrives.
  await expect(filled).toHaveAttribute('data-total', '147');
  await expect(map.locator('rect.cell')).toHaveCount(147);
  // The lesson's own run (M = 100) takes about a second: too short to be sure of cancelling it, so
  // its digest is kept, and the cancel is tried on a run of the same map with M = 1000 (about ten
  // times longer) before M goes back to the lesson's value.
  const lessonDigest = await finalDigest(page, 200_000);
  const setM = async (value: string) => {
    const entry = page.getByTestId('entry-M');
    await entry.fill(value);
    await entry.press('Enter');
    await expect.poll(() => queryOf(page).get('M')).toBe(value);
  };
  await setM('1000');
  // A run over 30 s (its upper bound) asks first: confirm it.
  await expect(status).toHaveAttribute('data-status', /running|confirm/, { timeout: 60_000 });
  if ((await status.getAttribute('data-status')) === 'confirm') await page.getByTestId('run').click();
  // Cells arrive while the run goes on: some computed, some still hatched.
  await expect(status).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await expect
    .poll(async () => {
      const f = Number(await filled.getAttribute('data-filled'));
      return f > 0 && f < 147;
    }, { timeout: 120_000 })
    .toBe(true);
  await page.getByTestId('cancel').click();
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  expect(await map.locator('rect.cell[data-state=pending]').count()).toBeGreaterThan(0);
  // Restart with the Run button, then back to the lesson's M: the lesson's numbers again.
  await page.getByTestId('run').click();
  await expect(status).toHaveAttribute('data-status', /starting|running/);
  await setM('100');
  expect(await finalDigest(page, 200_000)).toBe(lessonDigest);

  // Every cell computed: the ResNets give a value everywhere; the MLP of width 4 may die entirely.
  for (const id of ['mlp', 'resnet-sqrt', 'resnet-unscaled']) {
    const cells = map.locator(`.heatmap-${id} rect.cell`);
    await expect(cells).toHaveCount(49);
    expect(await map.locator(`.heatmap-${id} rect.cell[data-state=pending]`).count(), id).toBe(0);
    const values = await map.locator(`.heatmap-${id} rect.cell[data-state=value]`).count();
    expect(values, id).toBeGreaterThanOrEqual(id === 'mlp' ? 43 : 49);
    // The three routes over every map, each leg ending in an arrowhead.
    for (const route of ['width-first', 'depth-first', 'proportional']) await expect(map.locator(`.heatmap-${id} .overlay-${route} path.leg`).first()).toHaveAttribute('marker-end', /url\(#arrow-/);
  }
  await expect(filled).toHaveAttribute('data-filled', '147');
  const legend = await map.locator('.legend-item').allTextContents();
  expect(legend.join(' | ')).toMatch(/width first.*depth first.*proportional/);
  // One shared colour scale with units; a log axis with labelled ticks.
  await expect(map.locator('.colorbar-label')).toContainText('natural-log units');
  expect((await map.locator('.colorbar-axis .tick text').allTextContents()).filter((t) => t !== '').length).toBeGreaterThanOrEqual(2);
  // The cross-section along L = n/4 (c = Lmax/nmax): the 1/√L ResNet falls, the MLP does not.
  await expect(page.getByTestId('plot-commute-diagonal').locator('.points-cells-mlp circle')).toHaveCount(7);
  await page.screenshot({ path: `${DIR}/commute.png`, fullPage: true });

  // Change the distance: the URL follows; a fresh page restores both the distance and the observable.
  await page.getByTestId('select-stat').selectOption('mean');
  await expect.poll(() => queryOf(page).get('stat')).toBe('mean');
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('select-stat')).toHaveValue('mean');
  await expect(other.getByTestId('select-obs')).toHaveValue('logq');
  await expect(other.getByTestId('plot-commute-map').locator('.colorbar-label')).toContainText('|E log q̂');
  await other.close();
});

test('ResNet depth view: thin limit curves for α = 0, ½, 1 next to the chosen α, q on a log axis', async ({ page }) => {
  await openLab(page, 'arch=resnet&L=30&n=64&M=60&alpha=0.7&backend=cpu');
  await finalDigest(page);
  for (const panel of ['plot-depth-rho', 'plot-depth-q']) {
    const plot = page.getByTestId(panel);
    for (const a of ['0', '0_5', '1']) {
      await expect(plot.locator(`path.line-alpha-${a}`)).toHaveCount(1);
      await expect(plot.locator(`text.end-label-alpha-${a}`)).toHaveCount(1);
    }
    await expect(plot.locator('path.line-limit')).toHaveCount(1);
    await expect(plot.locator('.legend-item')).toContainText(['α = 0: grows with depth', 'α = ½: the non-trivial limit', 'α = 1: → identity']);
  }
  // α = 0 multiplies q by 2 per block: 2³⁰ ≈ 10⁹, so the variance axis is logarithmic, in powers of ten.
  const ticks = await page.getByTestId('plot-depth-q').locator('.axis-y .tick text').allTextContents();
  expect(ticks.some((t) => /^10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(t))).toBe(true);
  // The α slider marks ½ as the only non-trivial scaling.
  await expect(page.getByTestId('marks-alpha').locator('.slider-mark-emphasis')).toHaveText('½ non-trivial');
  await page.screenshot({ path: `${DIR}/resnet-alpha.png`, fullPage: true });
});

test('fixed-width view: E log-ratio with ±2 SE bars at each width, the zero line, the identity reference, paths at n = 3 and 4', async ({ page }) => {
  await openLab(page, 'view=regime&arch=resnet&act=relu&sw2=1&n=4&L=32&M=1500&backend=cpu');
  await finalDigest(page);
  const drift = page.getByTestId('plot-regime-drift');
  // REGIME_WIDTHS = 2, 3, 4, 5, 6, 8, 16, 32: one point and one bar each.
  await expect(drift.locator('.errorbars-mean circle.point')).toHaveCount(8);
  await expect(drift.locator('.errorbars-mean line.whisker')).toHaveCount(8);
  await expect(drift.locator('line.rule-zero')).toHaveCount(1);
  await expect(drift.locator('path.line-identity')).toHaveCount(1);
  await expect(drift.locator('.legend-item')).toContainText([/±2 SE/]);
  const paths = page.getByTestId('plot-regime-paths');
  expect(await paths.locator('.paths-n-3 path').count()).toBeGreaterThan(3);
  expect(await paths.locator('.paths-n-4 path').count()).toBeGreaterThan(3);
  await expect(page.locator('.panel-caption').first()).toContainText('Hayou 2022');
  await page.screenshot({ path: `${DIR}/regime.png`, fullPage: true });
});
