/**
 * A projector layout that fits (issue 14 §3): at 1024 × 768 and 1280 × 720 in projector mode, the
 * first plot of every view and of every lesson is entirely inside the window without scrolling,
 * the header is one line and nothing is wider than the window. Screenshots of each go to
 * e2e/screenshots/ (gitignored) for people to look at. One page per case visits both sizes (the
 * second by resizing the window: the layout must reflow to fit, not only load fitting).
 */
import type { Page } from '@playwright/test';
import { VIEWS } from '../src/core/spec.ts';
import { LESSONS } from '../app/presets.ts';
import { expect, test, VIEW_NEEDS } from './fixtures.ts';

const DIR = 'e2e/screenshots';

/** What each view's tab opens (registry onOpen): the Shaped SDE tab the shaped MLP, the phase diagram tanh. */

const CASES: [string, string][] = [
  ...VIEWS.map((v): [string, string] => [`view-${v}`, `view=${v}${VIEW_NEEDS[v] ?? ''}`]),
  ...LESSONS.map((l): [string, string] => [`lesson-${l.id}`, l.url]),
];

async function firstPlotInside(page: Page, width: number, height: number, name: string): Promise<void> {
  const plot = page.locator('.plot-frame').first();
  await expect(plot.locator('svg')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('app')).toHaveAttribute('data-theory', 'exact', { timeout: 30_000 });
  // Let late layout (notes, KaTeX slices, the fitted height) settle: two frames after a short wait.
  await page.waitForTimeout(800);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = (await plot.boundingBox())!;
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY, width: document.documentElement.scrollWidth }));
  expect(scroll, `${name}: the page opens unscrolled`).toMatchObject({ x: 0, y: 0 });
  expect(box.x, `${name}: plot left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${name}: plot top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name}: plot right edge within ${width}`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${name}: plot bottom edge within ${height}`).toBeLessThanOrEqual(height);
  // A plot worth looking at, not a sliver.
  expect(box.height, `${name}: plot height`).toBeGreaterThanOrEqual(250);
  expect(scroll.width, `${name}: nothing wider than the window`).toBeLessThanOrEqual(width);
  // The header is one line.
  const header = (await page.locator('.app-header').boundingBox())!;
  expect(header.height, `${name}: one-line header`).toBeLessThan(70);
}

/** Both projector sizes in one page per case: the layout must fit at each, and resizing reflows it. */
const SIZES = [
  [1024, 768],
  [1280, 720],
] as const;

test.describe(`projector mode at ${SIZES.map(([w, h]) => `${w} × ${h}`).join(' and ')}`, () => {
  test.use({ viewport: { width: SIZES[0][0], height: SIZES[0][1] } });
  for (const [name, query] of CASES) {
    test(`${name}: the first plot is entirely visible at both sizes`, async ({ page }) => {
      await page.goto(`./?${query}&proj=1`);
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        await firstPlotInside(page, width, height, `${name} at ${width} × ${height}`);
        await page.screenshot({ path: `${DIR}/proj-${width}x${height}-${name}.png` });
      }
    });
  }
});
