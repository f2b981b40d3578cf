/**
 * Curve-animation bench (issue 18 acceptance: "the page's curve animation runs at ≥ 30 fps for
 * k = 256 on this machine"). Opens the built page in Chromium (Debian's, as the e2e tests) with
 * curve=circle:256 through L = 32 layers, presses play and records, in the page:
 *   - requestAnimationFrame timestamps of the frames in which the animation drew (its canvas's frame
 *     counter moved): frames per second = (frames − 1)/span, and
 *     the frame intervals (60 Hz display: 16.7 ms when every frame keeps up; > 33.3 ms: below 30 fps);
 *   - the animation callback's own work per frame (the page's 'lab:curve-frame' User Timing measure:
 *     blend two layers, one canvas path of 257 vertices, the layer readout);
 *   - main-thread long tasks (> 50 ms) while it plays;
 *   - for comparison, the still plot (React + SVG, the path the animation replaced): stepping the
 *     layer slider, the time until each layer's path is drawn.
 * and the load average before and after (the machine is shared: a figure taken at load 10 says
 * little about a quiet machine). `benchCurveAnimation()` builds, serves with `vite preview` and
 * returns the summary; `node bin/run-ts.mjs bench/curveAnimation.ts` prints it.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { stats } from './frameStats.ts';

export interface CurveAnimationOptions {
  /** A page already served (skips the build and the preview server). */
  readonly baseUrl?: string;
  readonly k?: number;
  readonly L?: number;
  /** Plays recorded (each 31 layer steps at 4 layers/s ≈ 7.75 s). */
  readonly repeats?: number;
}

// In-page code as text: tsx (esbuild keepNames) would wrap functions in a __name helper the page lacks.
const START = `(() => {
  const rec = { frames: [], long: [], stop: false };
  window.__curveBench = rec;
  performance.clearMeasures('lab:curve-frame');
  new PerformanceObserver((list) => { for (const e of list.getEntries()) rec.long.push(e.duration); }).observe({ type: 'longtask' });
  // A frame counts when the canvas has drawn a new animation frame since the last one (its frame counter moved).
  let last = document.querySelector('[data-testid=geometry-canvas]').dataset.frames;
  const tick = (t) => {
    const now = document.querySelector('[data-testid=geometry-canvas]').dataset.frames;
    if (now !== last) rec.frames.push(t);
    last = now;
    if (!rec.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const STOP = `(() => {
  const rec = window.__curveBench;
  rec.stop = true;
  const work = performance.getEntriesByName('lab:curve-frame', 'measure').map((m) => m.duration);
  const drawn = Number(document.querySelector('[data-testid=geometry-canvas]').dataset.frames);
  return { frames: rec.frames, long: rec.long, work, drawn };
})()`;

/** The still plot: step the slider through every layer, each step until that layer's path is drawn (ms per layer). */
const STILL = `(async () => {
  const input = document.querySelector('[data-testid=geometry-layer]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const path = () => document.querySelector('[data-testid=plot-geometry-image] path.line-image-curve')?.getAttribute('d');
  const out = [];
  for (let i = 0; i <= Number(input.max); i++) {
    const old = path();
    const t0 = performance.now();
    setter.call(input, String(i));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (let w = 0; w < 200 && path() === old; w++) await new Promise((r) => requestAnimationFrame(r));
    out.push(performance.now() - t0);
  }
  return out;
})()`;

export async function benchCurveAnimation(options: CurveAnimationOptions = {}): Promise<object> {
  const k = options.k ?? 256;
  const L = options.L ?? 32;
  const repeats = options.repeats ?? 3;
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  let baseUrl = options.baseUrl;
  if (!baseUrl) {
    await build({ logLevel: 'warn' });
    server = await preview({ preview: { port: 4175, strictPort: false }, logLevel: 'warn' });
    baseUrl = server.resolvedUrls?.local[0] ?? 'http://localhost:4175/';
  }
  const loadBefore = loadavg().map((v) => Math.round(v * 10) / 10);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${baseUrl}?curve=circle:${k}&act=tanh&sw2=2.5&sb2=0.05&L=${L}&n=64&M=2&backend=cpu`);
    const ask = page.locator('[data-testid=run][data-confirm=true]');
    await page.getByTestId('digest').and(page.locator('[data-final=true]')).or(ask).first().waitFor({ timeout: 300_000 });
    if (await ask.count()) await ask.click();
    await page.getByTestId('digest').and(page.locator('[data-final=true]')).waitFor({ timeout: 300_000 });
    await page.getByTestId('geometry-play').scrollIntoViewIfNeeded();
    const plays: { fps: number; seconds: number; drawn: number; intervalMs: object; over33ms: number; workMs: object; longTasksMs: object }[] = [];
    for (let r = 0; r < repeats; r++) {
      await page.evaluate(START);
      await page.getByTestId('geometry-play').click();
      await page.getByTestId('geometry-play').and(page.locator('[aria-pressed=false]')).waitFor({ timeout: 120_000 });
      const rec = (await page.evaluate(STOP)) as { frames: number[]; long: number[]; work: number[]; drawn: number };
      const frames = rec.frames;
      const intervals = frames.slice(1).map((t, i) => t - frames[i]);
      const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
      plays.push({
        fps: Math.round(((frames.length - 1) / seconds) * 10) / 10,
        seconds: Math.round(seconds * 100) / 100,
        drawn: rec.drawn,
        intervalMs: stats(intervals),
        over33ms: intervals.filter((d) => d > 1000 / 30).length,
        workMs: stats(rec.work),
        longTasksMs: stats(rec.long),
      });
    }
    const still = (await page.evaluate(STILL)) as number[];
    return {
      bench: 'curveAnimation',
      spec: { curve: `circle:${k}`, L, n: 64, M: 2 },
      goalFps: 30,
      plays,
      minFps: Math.min(...plays.map((p) => p.fps)),
      stillPlotMsPerLayer: stats(still),
      loadAverage: { before: loadBefore, after: loadavg().map((v) => Math.round(v * 10) / 10) },
      userAgent: await page.evaluate('navigator.userAgent'),
    };
  } finally {
    await browser.close();
    await server?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchCurveAnimation({ baseUrl: process.env.LAB_BASE_URL })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
