/**
 * The Monte Carlo runs in a Worker: a long run streams progress, never blocks the page, restarts
 * (not queues) when the spec changes, and Cancel stops it. No wall-clock thresholds: the latencies
 * are measured by `npm run bench` (bench/pageRun.ts).
 */
import type { Page } from '@playwright/test';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

/** 10⁴ networks of width 1024 and depth 50 on the CPU: about a minute of work. */
const LONG_RUN = 'n=1024&L=50&M=10000&backend=cpu';

async function progressValue(page: Page): Promise<number> {
  return Number(await page.getByTestId('progress').getAttribute('value'));
}

async function waitForProgress(page: Page): Promise<void> {
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect.poll(() => progressValue(page), { timeout: 30_000 }).toBeGreaterThan(0);
}

test('Cancel stops a long run, and the run stays stopped (its latency is in npm run bench)', async ({ page }) => {
  await openLab(page, LONG_RUN);
  await waitForProgress(page);
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('progress')).toHaveCount(0);
  const text = await page.getByTestId('run-text').textContent();
  expect(text).toMatch(/^Cancelled after [\d\u202f]+ \/ 10\u202f000 networks$/);
  // Nothing more arrives from the stopped run.
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('run-text')).toHaveText(text!);
  await expect(page.getByTestId('digest')).toHaveAttribute('data-final', 'false');
  // Run starts it again.
  await page.getByTestId('run').click();
  await waitForProgress(page);
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
});

test('during a 10⁴-network run at n = 1024, L = 50 the page answers every click and the run goes on (frame times: npm run bench)', async ({ page }) => {
  await openLab(page, LONG_RUN);
  await waitForProgress(page);
  const startProgress = await progressValue(page);
  for (let i = 0; i < 6; i++) {
    const toggle = page.getByTestId('toggle-panel');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', i % 2 === 0 ? 'false' : 'true');
    await page.getByTestId('copy-link').hover();
    await page.mouse.wheel(0, i % 2 === 0 ? 300 : -300);
  }
  // The run went on meanwhile (it runs in a Worker), and is still going.
  await expect.poll(() => progressValue(page)).toBeGreaterThan(startProgress);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
});

/** Six times LONG_RUN, under the cost model's 900 s limit (the page asks first; openLab confirms): queued behind it, a small run could not finish for minutes. */
const VERY_LONG_RUN = 'n=1024&L=100&M=30000&backend=cpu';

test('changing the spec during a long run restarts it for the new spec instead of queueing', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page, VERY_LONG_RUN);
  await waitForProgress(page);
  const entry = page.getByTestId('entry-M');
  await entry.fill('40');
  await entry.press('Enter');
  // Restarted, the 40-network run finishes long before the 3·10⁴-network run it replaced could have
  // (minutes of work even on an idle machine): the wait below is a deadline, not a measurement.
  await finalDigest(page, 90_000);
  await expect(page.getByTestId('run-text')).toContainText('Done: 40 networks');
  await expect(page.getByTestId('plot-depth-rho').locator('.points-mc-median circle')).toHaveCount(100); // L = 100 layers
});
