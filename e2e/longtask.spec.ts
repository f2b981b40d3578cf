/**
 * The tab never freezes (issue 14 §8): while the heaviest theory specs run to the end, every
 * main-thread task stays under 200 ms (PerformanceObserver 'longtask', Chromium). This is the one
 * behavioural bound on time the suite holds: it measures the page's task structure (work sliced or
 * moved to a Worker), not the speed of the machine — a task of seconds on the main thread fails it
 * on any machine, and a page that never holds the thread for long passes it on a loaded one.
 */
import type { Page } from '@playwright/test';
import { expect, finalDigest, test } from './fixtures.ts';

const BOUND_MS = 200;

/** The specs issue 14 §8 measured at 3.2 s, 1.3 s and 1.2 s on the main thread. */
const HEAVY = [
  ['ResNet tanh, L = 10⁴', 'arch=resnet&act=tanh&L=10000&M=0'],
  ['ResNet silu, L = 10⁴', 'arch=resnet&act=silu&L=10000&M=0'],
  ['phase diagram, tanh, 201 × 201', 'view=phase&act=tanh&grid=201&M=0'],
] as const;

async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function longest(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
}

for (const [name, query] of HEAVY) {
  test(`no main-thread task over ${BOUND_MS} ms while the theory of ${name} is computed`, async ({ page }, info) => {
    await observeLongTasks(page);
    await page.goto(`./?${query}`);
    // The exact theory of this very spec is on the page (the phase diagram: its Worker run is done).
    await expect(page.getByTestId('app')).toHaveAttribute('data-theory', 'exact', { timeout: 60_000 });
    if (query.includes('view=phase')) {
      await finalDigest(page, 60_000);
      await expect(page.getByTestId('plot-phase').locator('svg')).toBeVisible();
    }
    await expect(page.locator('.plot-frame svg').first()).toBeVisible();
    // Two frames more: a task that started with the last update has ended.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const ms = await longest(page);
    info.annotations.push({ type: 'longest main-thread task (ms)', description: ms.toFixed(0) });
    console.log(`[longtask] ${name}: longest main-thread task ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThanOrEqual(BOUND_MS);
  });
}
