/**
 * Every lesson (app/presets.ts), end to end: the gallery lists it and its card opens it; the lab
 * draws its plots with data and no console error (the fixture); a predict-first lesson hides the
 * networks until a guess is placed and revealed; a screenshot is saved (e2e/screenshots/lesson-*.png,
 * for people to look at); and the JSON the page exports equals what the CLI prints for the same
 * link (CLI parity). Heavy lessons run with fewer networks here (the same M on both sides).
 *
 * "Equals": the same keys, arrays, strings and integers, the same digest, and every float equal to
 * 1e−9 relative (1e−6 in the phase diagram's roots and depth scales; 1e−12 absolute for numerical
 * zeros). Not bit for bit, because Chromium's and Node's V8 differ in the last bit of
 * Math.log / Math.exp / Math.sin (~1 % of calls; src/experiments/digest.ts); the largest relative
 * difference seen is printed.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { LESSONS } from '../app/presets.ts';
import { resultDigest } from '../src/experiments/digest.ts';
import { expect, finalDigest, test } from './fixtures.ts';

const run = promisify(execFile);

/** Smaller M for the lessons that take more than a few seconds on SwiftShader's CPU. */
const CI_M: Record<string, number> = {
  'commute-mlp-resnet': 12,
  'fixed-width-3-vs-4': 2000,
  'shaped-sde': 200,
  'three-limits': 200,
  nngp: 60,
  'orthogonal-weights': 40,
  'finite-l-over-n': 200,
};

/**
 * Smaller training runs for the training lessons (narrower widest nets, fewer nets; the same on both
 * sides): their claims are checked at the lesson's own settings by app/lessonClaims.training.test.ts.
 */
const CI_KEYS: Record<string, Record<string, string>> = {
  'kernel-machine': { nmax: '256', nets: '3' },
  'mup-transfer': { nmax: '128' },
};

function ciQuery(id: string, url: string): string {
  const q = new URLSearchParams(url);
  if (CI_M[id] !== undefined) q.set('M', String(CI_M[id]));
  for (const [key, value] of Object.entries(CI_KEYS[id] ?? {})) q.set(key, value);
  return q.toString();
}

/** The page's exported result document (the first plot's JSON button). */
async function exportedJson(page: Page): Promise<unknown> {
  const button = page.getByTestId('export-json').first();
  await expect(button).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return JSON.parse(await readFile((await download.path())!, 'utf8'));
}

const REL = 1e-9;
/**
 * The phase diagram holds roots (Brent, tolerance ~1e−10) and depth scales ξ = −1/log χ, which
 * magnify a last-bit difference near χ = 1: compared to 1e−6 relative.
 */
const REL_PHASE = 1e-6;
/** Values that are zero in exact arithmetic (c* of an odd φ with σb = 0) come out as ±1e−14 noise. */
const ABS = 1e-12;

/** Where two JSON documents differ beyond REL (paths), and the largest relative float difference. */
function compare(a: unknown, b: unknown, path = '$', out = { diffs: [] as string[], maxRel: 0 }): typeof out {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return out;
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    if (Math.abs(a - b) > ABS) out.maxRel = Math.max(out.maxRel, rel);
    if (!(Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) > 1) && (rel <= (path.startsWith('$.phase') ? REL_PHASE : REL) || Math.abs(a - b) <= ABS)) return out;
    out.diffs.push(`${path}: ${a} ≠ ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.diffs.push(`${path}: length ${a.length} ≠ ${b.length}`);
    else a.forEach((v, i) => compare(v, b[i], `${path}[${i}]`, out));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) out.diffs.push(`${path}: keys ${ka.join()} ≠ ${kb.join()}`);
    else for (const k of ka) compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (a !== b) out.diffs.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  return out;
}

/** Place a guess in the middle of the target plot and reveal. */
async function predictAndReveal(page: Page): Promise<void> {
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('reveal')).toBeDisabled();
  // Hidden: the JSON export too (it would give the answer away).
  await expect(page.getByTestId('export-json').first()).toBeDisabled();
  const area = page.getByTestId('prediction-area');
  const box = (await area.boundingBox())!;
  await area.click({ position: { x: box.width / 2, y: box.height / 3 } });
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-state', 'placed');
  await page.getByTestId('reveal').click();
  // The outcome needs the finished run: the training lessons train for seconds (tens on a loaded CI machine).
  await expect(page.getByTestId('prediction-outcome')).toContainText('Your guess', { timeout: 120_000 });
}

test('the gallery shows every lesson as a card that opens it', async ({ page }) => {
  await page.goto('./lessons.html');
  await expect(page.getByTestId('gallery')).toBeVisible();
  for (const l of LESSONS) await expect(page.getByTestId(`card-${l.id}`)).toContainText(l.title);
  await page.screenshot({ path: 'e2e/screenshots/lessons-gallery.png', fullPage: true });
  await page.getByTestId('open-branch-scaling').click();
  await expect(page.locator('.plot-frame svg').first()).toBeVisible();
  expect(new URL(page.url()).searchParams.get('arch')).toBe('resnet');
});

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id}: renders with data, and its exported JSON equals the CLI's`, async ({ page }) => {
    test.setTimeout(150_000);
    const query = ciQuery(lesson.id, lesson.url);
    await page.goto(`./?${query}`);
    await expect(page.locator('.plot-frame svg').first()).toBeVisible();
    const predicting = new URLSearchParams(query).get('predict') === '1';
    if (predicting) await predictAndReveal(page);
    const digest = await finalDigest(page, 120_000);
    // Data on the plots: marks beyond the axes (points, bars, cells or paths with a length).
    await expect.poll(async () => page.locator('.plot-frame svg').locator('circle, rect.cell, rect.bar, path.line, path.band, .heatmap rect').count()).toBeGreaterThan(3);
    await page.screenshot({ path: `e2e/screenshots/lesson-${lesson.id}.png`, fullPage: true });

    const pageJson = (await exportedJson(page)) as Record<string, unknown>;
    const address = new URL(page.url()).search.slice(1);
    const { stdout } = await run('node', ['bin/limits-lab.mjs', 'run', address], { maxBuffer: 256 << 20 });
    const cliJson = JSON.parse(stdout) as Record<string, unknown>;
    // Which backend ran, and why, describes the machine, not the experiment: both ran the CPU here.
    const pageBackend = pageJson.backend as { name: string };
    const cliBackend = cliJson.backend as { name: string };
    expect(pageBackend.name).toBe(cliBackend.name);
    const { diffs, maxRel } = compare({ ...pageJson, backend: null }, { ...cliJson, backend: null });
    expect(diffs.slice(0, 10)).toEqual([]);
    expect(resultDigest(cliJson as { spec: unknown })).toBe(digest);
    console.log(`${lesson.id}: page JSON = CLI JSON; largest relative float difference (beyond numerical zeros) ${maxRel.toExponential(1)}`);
  });
}
