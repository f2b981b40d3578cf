/**
 * The tab never freezes (issue 14 §8): the heaviest theory specs run to the end with the page
 * answering (the theory is computed in a Worker; the main thread only draws). The longest
 * main-thread task (PerformanceObserver 'longtask', Chromium) is recorded and reported as an
 * annotation and on stdout — not asserted: no test asserts a wall-clock time (a loaded 2-core CI
 * machine stretches every task). The goal (≤ 200 ms for every spec) is measured with pass/fail by
 * `npm run bench` (bench/longTasks.ts, which also runs every default view and lesson); its --trace
 * option shows what each long task is made of. What the traces showed and what was done: plots
 * drawn in steps through the draw queue (an x–y plot yields after each curve of > 2000 vertices,
 * the phase map after its raster and each region label), each curve vertex projected once before
 * min–max decimation, no flattened copies of 10⁴-point curves or 201² grids; what remains in the
 * longest tasks is the browser's own style/layout of the page and the first evaluation of the
 * bundle.
 */
import { LONG_TASK_PROBE } from '../bench/longTaskProbe.ts';
import { expect, finalDigest, test } from './fixtures.ts';

/** Issue 14 §8's goal for the longest main-thread task (reported, not asserted). */
const GOAL_MS = 200;

/** The specs issue 14 §8 measured at 3.2 s, 1.3 s and 1.2 s on the main thread. */
const HEAVY = [
  ['ResNet tanh, L = 10⁴', 'arch=resnet&act=tanh&L=10000&M=0'],
  ['ResNet silu, L = 10⁴', 'arch=resnet&act=silu&L=10000&M=0'],
  ['phase diagram, tanh, 201 × 201', 'view=phase&act=tanh&grid=201&M=0'],
] as const;

for (const [name, query] of HEAVY) {
  test(`the theory of ${name} is computed off the main thread and drawn; the page answers (longest task reported against the ${GOAL_MS} ms goal)`, async ({ page }, info) => {
    // The page reports its own long tasks on the console once its theory is exact and its run done
    // (bench/longTasks.ts's probe): no locator polls the page meanwhile, because Playwright's
    // injected script runs on the main thread and would add long tasks of its own.
    // A hang guard, not a timing: the 201² phase diagram's Worker run takes ~30 s at load 15 and
    // over a minute at load 25 on 2 cores, past the default 90 s test timeout.
    test.setTimeout(300_000);
    await page.addInitScript(LONG_TASK_PROBE);
    const report = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('lab-longtasks:'), timeout: 240_000 });
    await page.goto(`./?${query}`);
    const tasks = JSON.parse((await report).text().slice('lab-longtasks:'.length)) as number[];
    const ms = Math.max(0, ...tasks);
    // The exact theory of this very spec is on the page (the phase diagram: its Worker run is done).
    await expect(page.getByTestId('app')).toHaveAttribute('data-theory', 'exact');
    if (query.includes('view=phase')) {
      await finalDigest(page, 60_000);
      await expect(page.getByTestId('plot-phase').locator('svg')).toBeVisible();
    }
    await expect(page.locator('.plot-frame svg').first()).toBeVisible();
    info.annotations.push({ type: 'longest main-thread task (ms)', description: ms.toFixed(0) });
    console.log(`[longtask] ${name}: longest main-thread task ${ms.toFixed(0)} ms`);
    expect(Number.isFinite(ms)).toBe(true);
    // The page answers after the heavy theory: a click on the Projector toggle takes effect.
    await page.getByTestId('projector').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('proj')).toBe('1');
  });
}
