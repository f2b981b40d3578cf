/**
 * Issue 8 on the page: the phase diagram (cells, the critical line, a click that opens the depth
 * view at that point), the finite-width view (points and lines on every plot), the weight-law
 * control with its one-click fix to method=explicit; screenshots of both views (e2e/screenshots/)
 * and axe-core scans.
 */
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { expect, finalDigest, openLab, queryOf, test } from './fixtures.ts';

const DIR = 'e2e/screenshots';

/** The phase diagram of ?query once every row and the critical line are drawn. */
async function phaseMapDrawn(page: Page, query: string, cells: number) {
  await openLab(page, query);
  const map = page.getByTestId('plot-phase');
  await expect(map.locator('rect.cell')).toHaveCount(cells);
  await expect(map.locator('rect.cell[data-region="pending"]')).toHaveCount(0);
  await expect(map.locator('.phase-line-critical path.line')).toHaveCount(1);
  // The rows arrive first, the critical line last (its path is empty until then).
  await expect.poll(async () => ((await map.locator('.phase-line-critical path.line').getAttribute('d')) ?? '').length).toBeGreaterThan(0);
  return map;
}

test('phase diagram: cells, regions and the critical line; a click on a chaotic cell opens the depth view there', async ({ page }) => {
  const map = await phaseMapDrawn(page, 'view=phase&act=tanh&grid=15', 225);
  // The critical line is a real path through the map, and both root finders drew it.
  const d = (await map.locator('.phase-line-critical path.line').getAttribute('d')) ?? '';
  expect(d.split(/[ML]/).filter(Boolean).length).toBeGreaterThan(10);
  await expect(map.locator('.phase-line-critical-by-q path.line')).toHaveCount(1);
  expect(await map.locator('rect.cell[data-region="ordered"]').count()).toBeGreaterThan(10);
  expect(await map.locator('rect.cell[data-region="chaotic"]').count()).toBeGreaterThan(10);
  await expect(map.locator('.region-label-ordered')).toHaveCount(1);
  await expect(map.locator('.region-label-chaotic')).toHaveCount(1);
  await expect(map.locator('circle.spec-point')).toHaveCount(1);
  await expect(map.locator('.colorbar-label')).toContainText('χ');
  await expect(page.getByTestId('phase-point')).toContainText('chaotic'); // σw² = 2, σb² = 0 for tanh
  await expect(page.getByTestId('panel-phase-map')).toContainText('agree to');
  await page.screenshot({ path: `${DIR}/phase.png`, fullPage: true });

  // Colour by ξ_c: a log colour scale, the same cells.
  await page.getByTestId('phase-quantity').selectOption('xiC');
  await expect(map.locator('.colorbar-label')).toContainText('ξ');
  await expect(map.locator('rect.cell')).toHaveCount(225);

  // σw² = 4·13/15 ≈ 3.47, σb² = 0.5·2/14 ≈ 0.0714: deep in the chaotic region of tanh.
  const cell = map.locator('rect.cell[data-i="12"][data-j="2"]');
  await expect(cell).toHaveAttribute('data-region', 'chaotic');
  const box = (await cell.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // view=depth is the default, so the link drops it: the phase key goes, the point arrives.
  await expect.poll(() => queryOf(page).get('sw2')).not.toBeNull();
  await expect(page.getByTestId('view-depth')).toHaveAttribute('aria-pressed', 'true');
  const q = queryOf(page);
  expect(q.get('view')).toBeNull();
  const sw2 = Number(q.get('sw2'));
  const sb2 = Number(q.get('sb2'));
  expect(Math.abs(sw2 - (4 * 13) / 15)).toBeLessThan(0.5 * (4 / 15));
  expect(Math.abs(sb2 - (0.5 * 2) / 14)).toBeLessThan(0.5 * (0.5 / 14));
  // Rounded to 3 significant digits so the link stays readable.
  expect(Number(sw2.toPrecision(3))).toBe(sw2);
  expect(Number(sb2.toPrecision(3))).toBe(sb2);
  await expect(page.getByTestId('plot-depth-rho').locator('svg')).toBeVisible();
  await finalDigest(page);
  await expect(page.getByTestId('plot-depth-rho').locator('.points-mc-median circle').first()).toBeVisible();
});

test('phase diagram from the keyboard: arrow keys choose a cell, the button opens the networks there (M = 0 gets networks)', async ({ page }) => {
  const map = await phaseMapDrawn(page, 'view=phase&act=erf&grid=9&M=0&sw2=2&sb2=0.25', 81);
  await page.getByTestId('phase-map-input').focus();
  await page.keyboard.press('ArrowRight'); // first press: the cell of the current point
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect(map.locator('.cursor rect')).toHaveCount(2);
  await expect(page.getByTestId('phase-chosen')).toContainText('Chosen: σw²');
  await page.getByTestId('phase-go').click();
  await expect(page.getByTestId('view-depth')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => queryOf(page).get('view')).toBeNull(); // depth: the default, left out of the link
  expect(queryOf(page).get('M')).toBeNull(); // M = 200: the default
  await expect(page.getByTestId('entry-M')).toHaveValue('200');
  // σw² on the grid 4·i/9, σb² on 0.5·j/8: one step right and one up from (2, 0.25).
  expect(Number(queryOf(page).get('sw2'))).toBeCloseTo(Number(((4 * 5) / 9).toPrecision(3)), 10);
  expect(Number(queryOf(page).get('sb2'))).toBeCloseTo(Number(((0.5 * 5) / 8).toPrecision(3)), 10);
});

test('finite width (ReLU, σb = 0): mean against the limit and the 1/n value, convergence, the exact law of Q', async ({ page }) => {
  await openLab(page, 'view=finite&act=relu&sw2=2&sb2=0&L=4&M=150&nmin=8&nmax=64&backend=cpu');
  await finalDigest(page);
  const mean = page.getByTestId('plot-finite-rho');
  await expect(mean.locator('.errorbars-mc-mean .errorbar')).toHaveCount(4);
  await expect(mean.locator('line.rule-limit')).toHaveCount(1);
  await expect(mean.locator('path.line-corrected')).toHaveCount(1);
  await expect(mean.locator('.axis-x .tick text')).toHaveText(['8', '16', '32', '64']);
  const conv = page.getByTestId('plot-finite-convergence');
  await expect(conv.locator('.points-sd circle')).toHaveCount(4);
  await expect(conv.locator('.points-bias circle')).toHaveCount(4);
  for (const line of ['guide-one', 'guide-half', 'sd-theory', 'bias-theory']) await expect(conv.locator(`path.line-${line}`)).toHaveCount(1);
  const second = page.getByTestId('plot-finite-second-moment');
  await expect(second.locator('path.line-exact')).toHaveCount(1);
  // L/n = 4/8 and 4/16 ≥ 0.2: heavy-tailed; 32 and 64: ordinary estimates.
  await expect(second.locator('.errorbars-mc-heavy .errorbar')).toHaveCount(2);
  await expect(second.locator('.errorbars-mc .errorbar')).toHaveCount(2);
  const logVar = page.getByTestId('plot-finite-log-variance');
  await expect(logVar.locator('.errorbars-mc .errorbar')).toHaveCount(4);
  for (const line of ['exact', 'lognormal', 'leading']) await expect(logVar.locator(`path.line-${line}`)).toHaveCount(1);
  await page.getByTestId('finite-stat').selectOption('q12');
  await expect(page.getByTestId('plot-finite-q12').locator('.axis-label-y')).toContainText('12');
  await page.screenshot({ path: `${DIR}/finite.png`, fullPage: true });
});

test('finite width with predict=1: the mean-correlation plot carries the guess, the Monte Carlo waits for it', async ({ page }) => {
  await openLab(page, 'view=finite&act=relu&sb2=0&L=4&M=60&nmin=8&nmax=32&backend=cpu&predict=1');
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-state', 'waiting');
  await finalDigest(page);
  // Hidden until the guess: no Monte Carlo marks yet, but the widths are on the axis.
  const mean = page.getByTestId('plot-finite-rho');
  await expect(mean.locator('.errorbars-mc-mean .errorbar')).toHaveCount(0);
  await expect(mean.locator('.axis-x .tick text')).toHaveText(['8', '16', '32']);
  await expect(page.getByTestId('prediction-area')).toBeVisible();
});

test('weight law: a non-Gaussian law with method=gram is refused with the reason, and one click switches to explicit', async ({ page }) => {
  await openLab(page, 'view=finite&act=identity&sw2=1&sb2=0&L=3&M=60&nmin=8&nmax=16&backend=cpu');
  // The weight law is a dropdown (issue 14 §6).
  await page.getByTestId('select-weights').selectOption('orthogonal');
  await expect(page.getByTestId('problem-weights')).toContainText('explicit');
  await expect(page.getByTestId('message-fix')).toHaveText('Switch to method=explicit');
  expect(queryOf(page).get('weights')).toBeNull(); // refused: still Gaussian
  await page.getByTestId('message-fix').click();
  await expect.poll(() => queryOf(page).get('method')).toBe('explicit');
  expect(queryOf(page).get('weights')).toBe('orthogonal');
  await expect(page.getByTestId('problem-weights')).toHaveCount(0);
  await finalDigest(page);
  // Orthogonal linear nets have their own exact law of Q (a Beta projection at layer 1, then isometries).
  await expect(page.getByTestId('finite-norm-unavailable')).toHaveCount(0);
  await expect(page.getByTestId('plot-finite-second-moment').locator('.legend')).toContainText('orthogonal weights');
  await expect(page.getByTestId('plot-finite-second-moment').locator('.errorbars-mc .errorbar')).toHaveCount(2);
  await expect(page.getByTestId('plot-finite-rho').locator('.errorbars-mc-mean .errorbar')).toHaveCount(2);
  await page.screenshot({ path: `${DIR}/finite-orthogonal.png`, fullPage: true });
});

for (const [name, query] of [
  ['phase diagram', 'view=phase&act=tanh&grid=11&M=0'],
  ['finite width', 'view=finite&act=relu&sb2=0&L=3&M=40&nmin=8&nmax=32&backend=cpu'],
] as const) {
  test(`axe-core: no serious violations on the ${name}`, async ({ page }) => {
    await openLab(page, query);
    await finalDigest(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('screenshot: phase diagram in projector mode', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await phaseMapDrawn(page, 'view=phase&act=tanh&grid=21&M=0&proj=1', 441);
  const sizes = await page
    .getByTestId('plot-phase')
    .locator('svg text')
    .evaluateAll((els) => els.filter((e) => (e.textContent ?? '').trim() !== '').map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  await page.screenshot({ path: `${DIR}/phase-projector.png`, fullPage: true });
});

test('screenshot: ReLU phase diagram by q* — the vertical critical line σw² = 2, q* = ∞ beyond it in grey', async ({ page }) => {
  const map = await phaseMapDrawn(page, 'view=phase&act=relu&grid=17&M=0', 289);
  await page.getByTestId('phase-quantity').selectOption('qStar');
  await expect(map.locator('.colorbar-label')).toContainText('q');
  // σw² > 2: the squared length grows without bound; no q*, drawn grey (the legend says so).
  expect(await map.locator('rect.cell[fill="#7b828c"]').count()).toBeGreaterThan(50);
  await expect(map.locator('.legend')).toContainText('q* = ∞');
  await page.screenshot({ path: `${DIR}/phase-relu.png`, fullPage: true });
});
