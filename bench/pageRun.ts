/**
 * What e2e/run.spec.ts used to assert with wall-clock thresholds (issue 14 §7), now measured and
 * reported here: on the built page in Chromium, during a long CPU run (10⁴ networks, n = 1024,
 * L = 50), how long Cancel takes to stop it, the frame gaps and main-thread long tasks while a
 * person uses the page, and the latency of a click. The e2e test keeps the behaviour (Cancel
 * stops the run, the page answers), without timings.
 */
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { stats } from './frameStats.ts';

const LONG_RUN = 'n=1024&L=50&M=10000&backend=cpu';

// In-page code as text (tsx would wrap functions in a __name helper the page does not have).
const RECORD = `(() => {
  const w = window; w.__gaps = []; w.__long = []; w.__stop = false;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask' });
  let last = performance.now();
  const tick = (t) => { w.__gaps.push(t - last); last = t; if (!w.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;
const STOP = `(() => { window.__stop = true; return { gaps: window.__gaps.slice(1), long: window.__long }; })()`;
const CANCEL = `(async () => {
  const t0 = performance.now();
  document.querySelector('[data-testid=cancel]').click();
  const status = document.querySelector('[data-testid=run-status]');
  while (status.getAttribute('data-status') !== 'cancelled') {
    if (performance.now() - t0 > 10000) return null;
    await new Promise((r) => requestAnimationFrame(r));
  }
  return performance.now() - t0;
})()`;

export async function benchPageRun(options: { baseUrl?: string } = {}): Promise<object> {
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  let baseUrl = options.baseUrl;
  if (!baseUrl) {
    await build({ logLevel: 'warn' });
    server = await preview({ preview: { port: 4175, strictPort: false }, logLevel: 'warn' });
    baseUrl = server.resolvedUrls?.local[0] ?? 'http://localhost:4175/';
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const open = async () => {
      await page.goto(`${baseUrl}?${LONG_RUN}`);
      // Locator waits, not waitForFunction: a string predicate is eval'd in the page, which the
      // page's CSP (no 'unsafe-eval') refuses.
      await page.getByTestId('progress').and(page.locator(':not([value="0"])')).waitFor({ timeout: 60_000 });
    };
    await open();
    await page.evaluate(RECORD);
    const clickMs: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = Date.now();
      await page.getByTestId('toggle-panel').click();
      await page.getByTestId('toggle-panel').and(page.locator(`[aria-expanded="${i % 2 === 0 ? 'false' : 'true'}"]`)).waitFor();
      clickMs.push(Date.now() - t0);
      await page.mouse.wheel(0, i % 2 === 0 ? 300 : -300);
      await page.waitForTimeout(250);
    }
    const { gaps, long } = (await page.evaluate(STOP)) as { gaps: number[]; long: number[] };
    const cancelMs = (await page.evaluate(CANCEL)) as number | null;
    const windowMs = gaps.reduce((a, b) => a + b, 0);
    return {
      bench: 'pageRun',
      run: LONG_RUN,
      cancelMs,
      frameGapMs: stats(gaps),
      longTasksMs: stats(long),
      longTaskShareOfWindow: windowMs > 0 ? long.reduce((a, b) => a + b, 0) / windowMs : null,
      clickLatencyMs: stats(clickMs),
      note: 'formerly asserted in e2e/run.spec.ts: cancel < 1000 ms, median frame gap < 25 ms, max gap < 1000 ms, long tasks < 20 % of the window, click latency < 1000 ms',
    };
  } finally {
    await browser.close();
    await server?.close();
  }
}
