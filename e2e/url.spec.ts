/**
 * URL state: every control writes the address (replaceState, debounced); opening an address
 * restores every control and reruns the same seeded experiment (same digest).
 */
import { expect, finalDigest, openLab, queryOf, test } from './fixtures.ts';

test('changing the width writes the URL, and reloading it gives identical Monte Carlo numbers', async ({ page }) => {
  await openLab(page, 'M=50');
  const first = await finalDigest(page);
  const entry = page.getByTestId('entry-n');
  await entry.fill('64');
  await entry.press('Enter');
  await expect.poll(() => queryOf(page).get('n')).toBe('64');
  const digest = await finalDigest(page);
  expect(digest).not.toBe(first);
  const points = await page.getByTestId('plot-depth-rho').locator('.points-mc-median circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('cy')));

  await page.reload();
  await expect(page.getByTestId('entry-n')).toHaveValue('64');
  expect(await finalDigest(page)).toBe(digest);
  const again = await page.getByTestId('plot-depth-rho').locator('.points-mc-median circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('cy')));
  expect(again).toEqual(points);
});

test('every kind of control writes the URL, and opening that URL restores every control', async ({ page }) => {
  await openLab(page, 'M=20&backend=cpu');
  await page.getByTestId('select-arch').selectOption('resnet');
  await page.getByTestId('select-act').selectOption('tanh');
  await page.getByTestId('select-method').selectOption('explicit');
  for (const [key, value] of [['L', '12'], ['sw2', '1.5'], ['sb2', '0.05'], ['alpha', '0.5'], ['q1', '2'], ['q2', '0.5'], ['rho0', '-0.3'], ['M', '30'], ['seed', '7'], ['n', '48']] as const) {
    const entry = page.getByTestId(`entry-${key}`);
    await entry.fill(value);
    await entry.press('Enter');
  }
  // A slider moved with the keyboard: one step to the right of α = 0.5.
  await page.getByTestId('slider-alpha').focus();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('view-hist').click();

  const expected = { arch: 'resnet', act: 'tanh', method: 'explicit', L: '12', sw2: '1.5', sb2: '0.05', alpha: '0.51', q1: '2', q2: '0.5', rho0: '-0.3', M: '30', seed: '7', n: '48', view: 'hist' };
  await expect.poll(() => Object.fromEntries(Object.keys(expected).map((k) => [k, queryOf(page).get(k)]))).toEqual(expected);
  const digest = await finalDigest(page);

  // A colleague opens the link in a fresh page.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByTestId('select-arch')).toHaveValue('resnet');
  await expect(other.getByTestId('select-act')).toHaveValue('tanh');
  await expect(other.getByTestId('select-method')).toHaveValue('explicit');
  for (const key of ['L', 'sw2', 'sb2', 'alpha', 'q1', 'q2', 'rho0', 'M', 'seed', 'n'] as const) {
    await expect(other.getByTestId(`entry-${key}`)).toHaveValue(expected[key]);
  }
  await expect(other.getByTestId('view-hist')).toHaveAttribute('aria-pressed', 'true');
  expect(await finalDigest(other)).toBe(digest);
  await other.close();
});

test('a link with a #fragment works like a query', async ({ page }) => {
  await page.goto('./#n=32&L=5&M=10&backend=cpu');
  await expect(page.getByTestId('entry-n')).toHaveValue('32');
  await finalDigest(page);
  await expect(page.getByTestId('plot-depth-rho').locator('.points-mc-median circle')).toHaveCount(5);
  await expect.poll(() => queryOf(page).get('n')).toBe('32');
});

test('editing the #fragment of an open tab applies it (hashchange)', async ({ page }) => {
  await openLab(page, 'n=32&L=5&M=0&backend=cpu');
  await expect(page.getByTestId('entry-n')).toHaveValue('32');
  await page.evaluate(() => (window.location.hash = '#n=48&L=6'));
  await expect(page.getByTestId('entry-n')).toHaveValue('48');
  await expect(page.getByTestId('entry-L')).toHaveValue('6');
  await expect.poll(() => queryOf(page).get('n')).toBe('48');
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  // A rejected value is reported by its key and the control keeps its value.
  await page.evaluate(() => (window.location.hash = '#n=0x100'));
  await expect(page.locator('[data-testid=message][data-key="n"]')).toContainText('n="0x100"');
  await expect(page.getByTestId('entry-n')).toHaveValue('48');
});
