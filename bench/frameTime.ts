/**
 * Frame-time bench (issue 4 acceptance): drag the depth slider from L = 1 to L = 1000 with a
 * quadrature activation (tanh: no closed-form dual, so every layer of the theory is a 2-D
 * Gauss–Hermite integral) in the built page in Chromium, and record
 *   - frame times: requestAnimationFrame deltas while the pointer moves (60 Hz display → 16.7 ms
 *     when every frame keeps up), and the main-thread long tasks (> 50 ms);
 *   - theory recompute times: the page's 'lab:theory' User Timing measures ('fast' while dragging,
 *     'exact' once released).
 * `benchFrameTime()` builds the page, serves it with `vite preview`, runs the drag and returns the
 * summary; `npx tsx bench/frameTime.ts` prints it.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { stats } from './frameStats.ts';

export interface FrameTimeOptions {
  /** A page already served (skips the build and the preview server). */
  readonly baseUrl?: string;
  readonly act?: string;
  /** Pointer moves over the drag (each is one input event; the browser coalesces them per frame). */
  readonly steps?: number;
  readonly targetL?: number;
}

// In-page code is passed as text: tsx (esbuild keepNames) would wrap functions in a __name helper
// that does not exist in the page.
const START_RECORDING = `(() => {
  const rec = { frames: [], long: [], stop: false };
  window.__bench = rec;
  performance.clearMeasures('lab:theory');
  new PerformanceObserver((list) => { for (const e of list.getEntries()) rec.long.push(e.duration); }).observe({ type: 'longtask' });
  const tick = (t) => { rec.frames.push(t); if (!rec.stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

const STOP_RECORDING = `(() => {
  const rec = window.__bench;
  rec.stop = true;
  const theory = performance.getEntriesByName('lab:theory', 'measure').map((m) => ({ start: m.startTime, ms: m.duration, ...m.detail }));
  return { frames: rec.frames, long: rec.long, theory };
})()`;

interface Recording {
  /** requestAnimationFrame timestamps (ms). */
  readonly frames: number[];
  readonly long: number[];
  readonly theory: { start: number; ms: number; precision: string; L: number }[];
}

/** Deltas between consecutive frames. */
function deltas(frames: readonly number[]): number[] {
  return frames.slice(1).map((t, i) => t - frames[i]);
}

/** For each recompute, the length of the frame that contained it (its work plus React, D3, paint). */
function framesWithWork(frames: readonly number[], work: readonly { start: number; ms: number }[]): number[] {
  const out: number[] = [];
  for (const w of work) {
    const k = frames.findIndex((t) => t >= w.start + w.ms);
    if (k > 0) out.push(frames[k] - frames[k - 1]);
  }
  return out;
}

async function startRecording(page: Page): Promise<void> {
  await page.evaluate(START_RECORDING);
}

async function stopRecording(page: Page): Promise<Recording> {
  return (await page.evaluate(STOP_RECORDING)) as Recording;
}

/** Drag the L slider from its left end (L = 1) to the position of `targetL`, then release. */
async function dragDepth(page: Page, targetL: number, steps: number): Promise<{ finalL: number; distinctL: number }> {
  const slider = page.getByTestId('slider-L');
  const box = (await slider.boundingBox())!;
  // The thumb's centre travels over the track minus one thumb width (~16 px in Chromium).
  const thumb = 16;
  const fraction = Math.log(targetL) / Math.log(10000); // log slider over [1, 10000]
  const x0 = box.x + thumb / 2;
  const x1 = box.x + thumb / 2 + fraction * (box.width - thumb);
  const y = box.y + box.height / 2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  // Pointer moves are sent back to back (20 per call), faster than the display rate, so every frame
  // has a new slider value to process: the frame times below are the cost of a frame under a
  // continuous drag, not idle frames between slow synthetic moves.
  const seen = new Set<string>();
  const chunks = Math.max(1, Math.round(steps / 20));
  for (let i = 1; i <= chunks; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / chunks, y, { steps: Math.round(steps / chunks) });
    seen.add(await page.getByTestId('entry-L').inputValue());
  }
  await page.mouse.up();
  return { finalL: Number(await page.getByTestId('entry-L').inputValue()), distinctL: seen.size };
}

export async function benchFrameTime(options: FrameTimeOptions = {}): Promise<object> {
  const act = options.act ?? 'tanh';
  const steps = options.steps ?? 400;
  const targetL = options.targetL ?? 1000;
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  let baseUrl = options.baseUrl;
  if (!baseUrl) {
    await build({ logLevel: 'warn' });
    server = await preview({ preview: { port: 4174, strictPort: false }, logLevel: 'warn' });
    baseUrl = server.resolvedUrls?.local[0] ?? 'http://localhost:4174/';
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${baseUrl}?act=${encodeURIComponent(act)}&L=1&backend=cpu`);
    await page.getByTestId('digest').and(page.locator('[data-final=true]')).waitFor({ timeout: 60_000 });
    await startRecording(page);
    const t0 = Date.now();
    const drag = await dragDepth(page, targetL, steps);
    const dragSeconds = (Date.now() - t0) / 1000;
    // Let the release's exact recompute and its redraw happen.
    await page.waitForTimeout(300);
    const rec = await stopRecording(page);
    const fast = rec.theory.filter((t) => t.precision === 'fast');
    const exact = rec.theory.filter((t) => t.precision === 'exact');
    const deepFast = fast.filter((t) => t.L >= 500);
    return {
      bench: 'frameTime',
      act,
      drag: { fromL: 1, toL: drag.finalL, pointerMoves: steps, seconds: dragSeconds, distinctLSampled: drag.distinctL },
      frameMs: stats(deltas(rec.frames)),
      framesWithRecomputeMs: stats(framesWithWork(rec.frames, fast)),
      longTasksMs: stats(rec.long),
      theoryFastMs: stats(fast.map((t) => t.ms)),
      theoryFastAtL500to1000Ms: stats(deepFast.map((t) => t.ms)),
      theoryExactOnReleaseMs: exact.length ? Math.round(exact[exact.length - 1].ms * 100) / 100 : null,
      recomputes: rec.theory.length,
      userAgent: await page.evaluate('navigator.userAgent'),
    };
  } finally {
    await browser.close();
    await server?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchFrameTime({ baseUrl: process.env.LAB_BASE_URL })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
