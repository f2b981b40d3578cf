/**
 * Issue 17 §4: the training views on the page — each renders from a link, its captions carry the
 * numbers of the result it shows (checked against the page's exported JSON), partial results are
 * drawn while it trains and a run can be cancelled; screenshots at 1440×900 and at a projector's
 * 1024×768 (e2e/screenshots/training-*.png, for people to look at).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { CoordCheckBlock, MovementBlock, NtkInitBlock, NtkRegimeBlock, TransferBlock } from '../src/training/blocks.ts';
import { seriousViolations } from './axe.ts';
import { expect, finalDigest, openLab, queryOf, test } from './fixtures.ts';

/** Small links (CI: a loaded 2-core machine): each view's own keys, a few widths and nets. */
const LINKS = {
  coord: 'view=coord&act=tanh&sw2=1&nmin=32&nmax=128&nets=3',
  movement: 'view=movement&act=tanh&sw2=1&nmin=32&nmax=128&nets=2&steps=5',
  ntkreg: 'view=ntkreg&act=tanh&sw2=1&nmin=32&nmax=128&nets=2&steps=5',
  transfer: 'view=transfer&act=tanh&sw2=1&nmin=16&nmax=64&Lmin=2&Lmax=8&twidth=16&steps=10',
  ntkinit: 'view=ntkinit&act=relu&sw2=2&nmin=16&nmax=64&Lmin=2&Lmax=8&tdepth=2&twidth=32&M=16',
} as const;

/** The page's exported result document (the first plot's JSON button). */
async function exportedJson(page: Page): Promise<Record<string, unknown>> {
  const button = page.getByTestId('export-json').first();
  await expect(button).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return JSON.parse(await readFile((await download.path())!, 'utf8')) as Record<string, unknown>;
}

/** A slope as the page writes it: two decimals, U+2212 minus (written here, not imported from the page's code). */
const f2 = (v: number) => v.toFixed(2).replace('-', '−');

async function captionHas(page: Page, panel: string, texts: readonly string[]): Promise<void> {
  const caption = page.getByTestId(`panel-${panel}`).locator('figcaption');
  for (const t of texts) await expect(caption).toContainText(t);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/training-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `e2e/screenshots/training-${name}-1024.png`, fullPage: false });
}

test('coord check: one panel per parametrisation, one series per layer, the caption quotes the slopes of the run', async ({ page }) => {
  await openLab(page, LINKS.coord);
  await finalDigest(page, 120_000);
  await expect(page.getByTestId('run-text')).toContainText("Done: the coord check's training runs in");
  const doc = await exportedJson(page);
  const block = doc.coord as CoordCheckBlock;
  expect(block.params.map((p) => p.param)).toEqual(['sp', 'ntk', 'mup']);
  for (const p of block.params) await expect(page.getByTestId(`plot-coord-${p.param}`).locator('.errorbars .point')).toHaveCount(3 * block.widths.length);
  const slopes = (t: number) => block.params.flatMap((p) => p.slopes[t - 1].map((f) => `${f2(f!.slope)} ± ${f!.se.toFixed(2)}`));
  await captionHas(page, 'coord-sp', [`n = ${block.widths[0]} … ${block.widths[block.widths.length - 1]} after t = 1 step`, ...slopes(1)]);
  // Step 2 of 3: the caption follows the selector.
  await page.getByTestId('coord-step').selectOption('2');
  await captionHas(page, 'coord-sp', ['after t = 2 steps', ...slopes(2)]);
  await shoot(page, 'coord');
});

test('feature movement: the kernel and every weight matrix against the width, the caption quotes the run', async ({ page }) => {
  await openLab(page, LINKS.movement);
  await finalDigest(page, 120_000);
  const block = (await exportedJson(page)).movement as MovementBlock;
  await expect(page.getByTestId('plot-movement-kernel').locator('.errorbars .point')).toHaveCount(2 * block.widths.length);
  await expect(page.getByTestId('plot-movement-weights-mup').locator('.points circle')).toHaveCount(3 * block.widths.length);
  await captionHas(page, 'movement-kernel', block.params.map((p) => `slope ${f2(p.kernelSlope!.slope)} ± ${p.kernelSlope!.se.toFixed(2)}`));
  await shoot(page, 'movement');
});

test('NTK regime: loss curves against the kernel prediction, the distance against the width, the verdict of the run', async ({ page }) => {
  await openLab(page, LINKS.ntkreg);
  await finalDigest(page, 120_000);
  const block = (await exportedJson(page)).ntkreg as NtkRegimeBlock;
  await expect(page.getByTestId('plot-ntk-loss-ntk').locator('path.line-kernel-prediction')).toHaveCount(1);
  await expect(page.getByTestId('plot-ntk-loss-ntk').locator('path.line')).toHaveCount(1 + block.widths.length);
  // The slice: the kernel prediction's band and mean, and one curve per width.
  const slice = page.getByTestId('plot-ntk-slice-ntk');
  await expect(slice.locator('path.band-kernel-band')).toHaveCount(1);
  await expect(slice.locator('path.line')).toHaveCount(1 + block.widths.length);
  await expect(page.getByTestId('panel-ntk-slice-ntk').locator('figcaption')).toContainText(`At n = ${block.widths[block.widths.length - 1]} the nets`);
  await captionHas(page, 'ntk-distance', block.params.filter((p) => p.distanceSlope).map((p) => `slope ${f2(p.distanceSlope!.slope)} ± ${p.distanceSlope!.se.toFixed(2)}`));
  await shoot(page, 'ntkreg');
});

test('LR transfer: optima against width and depth, one loss curve per width, the drift of the run in the caption', async ({ page }) => {
  await openLab(page, LINKS.transfer);
  await finalDigest(page, 180_000);
  const block = (await exportedJson(page)).transfer as TransferBlock;
  const sp = block.width.families.find((f) => f.id === 'sp')!;
  await expect(page.getByTestId('plot-transfer-sp').locator('path.line')).toHaveCount(sp.curves.length);
  await expect(page.getByTestId('plot-transfer-optima-n').locator('.points-optima-sp circle')).toHaveCount(sp.curves.filter((c) => c.bestLog2Eta !== null).length);
  // The optimum's drift from the first width to the last, as a factor (η*_last/η*_first or its inverse).
  const d = sp.curves[sp.curves.length - 1].bestLog2Eta! - sp.curves[0].bestLog2Eta!;
  const factor = 2 ** Math.abs(d);
  const shown = factor < 10 ? `${Number(factor.toPrecision(factor < 1.1 ? 3 : 2))}×` : `${Math.round(factor)}×`;
  // "at least" when an end optimum sits on the grid's edge (the page says so).
  const caption = page.getByTestId('panel-transfer-optima-n').locator('figcaption');
  await expect(caption).toContainText(new RegExp(`standard \\(SP\\): the optimum moves (at least )?${shown.replace('.', '\\.')}`));
  await expect(caption).toContainText('from n = 16 to 64');
  await shoot(page, 'transfer');
});

test('NTK at initialisation: mean against the analytic NTK along n and along L, the spread against L/n', async ({ page }) => {
  await openLab(page, LINKS.ntkinit);
  await finalDigest(page, 120_000);
  await expect(page.getByTestId('run-text')).toContainText('Done: 16 networks per cell of the NTK at initialisation in');
  const block = (await exportedJson(page)).ntkinit as NtkInitBlock;
  await expect(page.getByTestId('plot-ntkinit-mean-n').locator('.errorbars .point')).toHaveCount(block.alongN.cells.length);
  await expect(page.getByTestId('plot-ntkinit-mean-L').locator('.errorbars .point')).toHaveCount(block.alongL.cells.length);
  await expect(page.getByTestId('plot-ntkinit-spread').locator('.points circle')).toHaveCount(block.alongN.cells.length + block.alongL.cells.length);
  const cells = [...block.alongN.cells, ...block.alongL.cells];
  const worst = cells.reduce((a, c) => Math.max(a, Math.abs(c.mean - c.analytic) / c.se), 0);
  const bound = Number((Math.ceil(worst * 10 - 1e-9) / 10).toFixed(1));
  const quoted = await page.getByTestId('panel-ntkinit-mean-n').locator('figcaption').textContent();
  const m = /within ([\d.]+) standard errors/.exec(quoted ?? '');
  expect(Number(m?.[1])).toBe(bound);
  expect(bound).toBeGreaterThanOrEqual(worst);
  await shoot(page, 'ntkinit');
});

test('a training view streams partial results and can be cancelled', async ({ page }) => {
  // Widths 32…512: the first widths finish (and are drawn) long before the last.
  await openLab(page, 'view=coord&act=tanh&sw2=1&nmin=32&nmax=512&nets=6&steps=3');
  await expect(page.getByTestId('plot-coord-sp').locator('.errorbars .point').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
});

test('the training controls show in the training views only', async ({ page }) => {
  await openLab(page, LINKS.coord);
  await expect(page.locator('.control[data-key=param]')).toBeVisible();
  await openLab(page, 'M=20&n=16&L=4');
  await expect(page.locator('.control[data-key=param]')).toHaveCount(0);
});

test('a training view that cannot run a spec says why and offers the one change that lets it', async ({ page }) => {
  await page.goto('./?view=ntkreg&act=tanh&sw2=1&task=spirals&nmin=16&nmax=32&nets=2&steps=3');
  const why = page.getByTestId('view-unavailable');
  await expect(why).toContainText('task=spirals: the kernel prediction of the NTK regime is for the mse loss of a regression; allowed: task=teacher');
  await page.getByTestId('view-fix').click();
  expect(queryOf(page).get('task')).toBeNull(); // teacher is the default: the link drops the key
  await finalDigest(page, 120_000);
  await expect(page.getByTestId('plot-ntk-distance').locator('.errorbars .point')).toHaveCount(4);
});

for (const view of ['coord', 'movement', 'ntkreg', 'transfer', 'ntkinit'] as const) {
  test(`axe-core: no serious violations on the ${view} view`, async ({ page }) => {
    await openLab(page, LINKS[view]);
    await finalDigest(page, 180_000);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
