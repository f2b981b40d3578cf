/**
 * The classroom features of issue 7: projector mode (key P; axe-core clean; no text under 18 px),
 * the exports of a plot (SVG parses and has its axes; the CSV has a header and one row per mark the
 * plot shows; the PNG is a PNG), the compact copied link reproducing the same numbers, and the
 * cite / reproduce box.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

async function download(page: Page, button: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFile((await file.path())!);
}

/** RFC 4180 rows (quoted fields may hold commas). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\r\n').filter((l) => l.length > 0)) {
    const fields: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') fields.push(cur), (cur = '');
      else cur += c;
    }
    fields.push(cur);
    rows.push(fields);
  }
  return rows;
}

/** Visible text smaller than `min` px anywhere on the page (HTML and SVG), one line each. */
async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      // Zero-width struts (KaTeX's layout spans) are not text anyone reads.
      const text = (node.textContent ?? '').replace(/[\u200b\s]/g, '');
      const el = node.parentElement;
      if (!text || !el) continue;
      if (el.closest('[hidden], .katex-mathml, title, .visually-hidden, script, style, noscript')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const size = parseFloat(style.fontSize);
      if (size < min - 0.01) bad.push(`${size.toFixed(1)} px: “${text.slice(0, 40)}” (${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '')})`);
    }
    return bad;
  }, min);
}

test('projector mode: key P toggles it, in the link; large type, no serious axe violations', async ({ page }) => {
  await openLab(page, 'M=60&L=12');
  await finalDigest(page);
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveClass(/projector/);
  await expect.poll(() => new URL(page.url()).searchParams.get('proj')).toBe('1');
  // The controls collapse (and come back with their button); the Monte Carlo is not rerun.
  await expect(page.locator('#controls')).toBeHidden();
  await expect(page.getByTestId('digest')).toHaveAttribute('data-final', 'true');
  // The plots are redrawn in the projector style.
  await expect(page.locator('[data-testid=plot-depth-rho] svg')).toHaveAttribute('data-style', 'projector');
  await page.screenshot({ path: 'e2e/screenshots/projector-mode.png', fullPage: true });
  expect(await smallText(page, 18)).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  // Typing P into a field does not toggle it; the key outside does.
  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveClass(/projector/);
  await expect(page.locator('[data-testid=plot-depth-rho] svg')).toHaveAttribute('data-style', 'normal');
});

test('projector mode opens from the link, also on the width sweep, with every text ≥ 18 px', async ({ page }) => {
  await openLab(page, 'view=width&M=20&nmax=64&L=6&proj=1');
  await finalDigest(page);
  await expect(page.locator('html')).toHaveClass(/projector/);
  expect(await smallText(page, 18)).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
});

test('exports: the SVG parses with its axes, the CSV has one row per drawn mark, the PNG is a PNG', async ({ page }) => {
  await openLab(page, 'M=80&L=10&n=64');
  await finalDigest(page);
  const tools = page.getByTestId('exports-plot-depth-rho');

  const svgText = (await download(page, tools.getByTestId('export-svg'))).toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI,
      axes: doc.querySelectorAll('g.axis-x, g.axis-y').length,
      labels: [...doc.querySelectorAll('.axis-label')].map((t) => t.textContent),
    };
  }, svgText);
  expect(parsed).toMatchObject({ error: false, root: 'svg', ns: 'http://www.w3.org/2000/svg', axes: 2 });
  expect(parsed.labels.join(' ')).toContain('layer');

  const rows = parseCsv((await download(page, tools.getByTestId('export-csv'))).toString('utf8'));
  expect(rows[0]).toEqual(['series', 'label', 'kind', 'path', 'x', 'y', 'lo', 'hi']);
  const plot = page.locator('[data-testid=plot-depth-rho] svg');
  const count = (kind: string, series?: string) => rows.slice(1).filter((r) => r[2] === kind && (series === undefined || r[0] === series)).length;
  // One row per point drawn, per vertex of the limit line, per x of each band.
  expect(count('points')).toBe(await plot.locator('g.points circle').count());
  expect(count('points')).toBe(10);
  const vertices = async (selector: string) => ((await plot.locator(selector).getAttribute('d')) ?? '').match(/[ML]/g)?.length ?? 0;
  expect(count('line', 'limit')).toBe(await vertices('path.line-limit'));
  expect(2 * count('band', 'mc-p25-p75')).toBe(await vertices('path.band-mc-p25-p75'));
  expect(rows.length - 1).toBe(count('points') + count('line') + count('band') + count('hrule'));

  const png = await download(page, tools.getByTestId('export-png'));
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(5000);

  // The JSON is the result document (the CLI parity of every lesson is in lessons.spec.ts).
  const json = JSON.parse((await download(page, tools.getByTestId('export-json'))).toString('utf8'));
  expect(json.mc.M).toBe(80);
  expect(json.spec).toMatchObject({ n: 64, L: 10, M: 80 });
});

test('copy link: a long state is shared compact (z=…) and reproduces the same digest', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const long = 'act=tanh&sw2=1.7&sb2=0.07&L=9&n=48&M=40&q1=1.3&q2=0.8&rho0=0.25&seed=77&method=explicit&k=3&ntk=1&layer=4&view=hist&nmin=8&nmax=512';
  await openLab(page, long);
  const digest = await finalDigest(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(copied);
  expect([...url.searchParams.keys()]).toEqual(['z']);
  expect(copied.length).toBeLessThan(`${url.origin}${url.pathname}?${long}`.length);
  await page.goto(`${url.pathname}${url.search}`);
  expect(await finalDigest(page)).toBe(digest);
});

test('cite / reproduce: the command line, the digest and the lesson paper', async ({ page }) => {
  await openLab(page, 'arch=resnet&alpha=0.5&n=128&L=64&M=200');
  const digest = await finalDigest(page);
  await page.getByTestId('reproduce').locator('summary').click();
  const command = (await page.getByTestId('cli-command').textContent()) ?? '';
  expect(command).toMatch(/^npx limits-lab run '[^']*arch=resnet[^']*' --pretty$/);
  expect(command).toContain('L=64');
  await expect(page.getByTestId('citation')).toContainText(digest);
  await expect(page.getByTestId('citation')).toContainText('Hayou & Yang 2023');
});

test('predict, then reveal from the keyboard: the marker is a slider; the networks appear only after Reveal', async ({ page }) => {
  await openLab(page, 'predict=1&M=40&L=8');
  await finalDigest(page);
  const plot = page.getByTestId('plot-depth-rho');
  // Finished, but hidden: no Monte Carlo points yet, and no answer in any export.
  await expect(plot.locator('g.points circle')).toHaveCount(0);
  const marker = page.getByTestId('prediction-marker');
  await expect(marker).toHaveAttribute('aria-valuetext', 'not placed yet');
  await marker.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('PageUp');
  const placed = Number(await marker.getAttribute('aria-valuenow'));
  const [lo, hi] = [Number(await marker.getAttribute('aria-valuemin')), Number(await marker.getAttribute('aria-valuemax'))];
  expect(placed).toBeCloseTo((lo + hi) / 2 + 0.11 * (hi - lo), 2);
  await page.getByTestId('reveal').click();
  await expect(plot.locator('g.points-mc circle, g.points circle').first()).toBeVisible();
  await expect(page.getByTestId('prediction-outcome')).toContainText(`Your guess ${placed.toPrecision(3)}`);
  // The guess stays on the plot after the reveal, as a dashed rule labelled in the legend.
  await expect(plot.locator('line.rule-guess-line')).toHaveCount(1);
  await expect(plot.locator('.legend')).toContainText('your guess');
});

test('predict=1 in a view without a prediction target says where to play it', async ({ page }) => {
  await openLab(page, 'view=hist&predict=1&M=30&L=6');
  await expect(page.getByTestId('prediction-notice')).toContainText('Depth profile');
  await expect(page.getByTestId('prediction')).toHaveCount(0);
});
