/**
 * Issue 18: the input-curve panels under the depth profile (curve=circle:k), drawn from the run's
 * geometry and jacobian blocks; none of them without a curve.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { seriousViolations } from './axe.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('curve=circle:16: length, distortion, Jacobian and dimension panels, one median point per layer, mean-field lines', async ({ page }) => {
  await openLab(page, 'curve=circle:16&act=tanh&sw2=2.5&sb2=0.05&L=6&n=64&M=20&backend=cpu');
  await finalDigest(page);
  await expect(page.getByTestId('geometry-panels')).toBeVisible();
  const length = page.getByTestId('plot-geometry-length');
  await expect(length.locator('.points-length-median circle')).toHaveCount(6);
  await expect(length.locator('path.line-length-limit')).toHaveCount(1);
  await expect(length.locator('path.line-polygon-limit')).toHaveCount(1);
  await expect(page.getByTestId('plot-geometry-jacobian').locator('path.line-jacobian-limit')).toHaveCount(1);
  await expect(page.getByTestId('plot-geometry-distortion').locator('.points-distortion-median circle')).toHaveCount(6);
  await expect(page.getByTestId('plot-geometry-dimension').locator('.points-dimension-median circle')).toHaveCount(6);
  await expect(page.getByTestId('panel-geometry-length')).toContainText('grows by a factor');
  // The control shows the key's value.
  await expect(page.getByTestId('entry-curve')).toHaveValue('circle:16');
});

test('without a curve the depth view has no geometry panels', async ({ page }) => {
  await openLab(page, 'L=4&n=32&M=10&backend=cpu');
  await finalDigest(page);
  await expect(page.getByTestId('plot-depth-rho')).toBeVisible();
  await expect(page.getByTestId('geometry-panels')).toHaveCount(0);
});

test('with M = 0 the curve\'s panels say that no networks are sampled; the drawing pad is there', async ({ page }) => {
  await openLab(page, 'curve=circle:8&L=4&n=16&M=0&backend=cpu');
  await expect(page.getByTestId('geometry-pending')).toContainText('with M = 0 none are sampled, so its panels are not drawn');
  await expect(page.getByTestId('curve-drawer-canvas')).toBeVisible();
  await expect(page.getByTestId('geometry-panels')).toHaveCount(0);
});

test('the picture of the image curve plays through depth on a canvas (k = 256): frames advance, the layer readout follows, it stops on the last layer; frames per second reported (not asserted)', async ({ page }) => {
  await openLab(page, 'curve=circle:256&act=tanh&sw2=2.5&sb2=0.05&L=16&n=64&M=2&backend=cpu');
  await finalDigest(page);
  const slider = page.getByTestId('geometry-layer');
  await expect(slider).toHaveValue('15');
  await expect(page.getByTestId('geometry-layer-value')).toHaveText('16');
  await expect(page.getByTestId('geometry-image-readout')).toContainText('Layer 16: R =');
  const curve = page.getByTestId('plot-geometry-image').locator('path.line-image-curve');
  await expect(curve).toHaveCount(1);
  const canvas = page.getByTestId('geometry-canvas');
  await expect(canvas).toBeHidden();
  // Record requestAnimationFrame timestamps and the layer readout while it plays.
  await page.evaluate(`(() => {
    const rec = { t: [], layers: new Set(), drawn: new Set(), stop: false };
    window.__curveRec = rec;
    const tick = (t) => {
      rec.t.push(t);
      rec.layers.add(document.querySelector('[data-testid=geometry-layer-value]').textContent);
      rec.drawn.add(document.querySelector('[data-testid=geometry-canvas]').dataset.frames ?? '0');
      if (!rec.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.getByTestId('geometry-play').click();
  await expect(page.getByTestId('geometry-play')).toHaveAttribute('aria-pressed', 'true');
  await expect(canvas).toBeVisible();
  // Fifteen layer steps at 4 layers/s: it ends on the last layer, paused, the still plot back.
  await expect(page.getByTestId('geometry-play')).toHaveAttribute('aria-pressed', 'false', { timeout: 30_000 });
  await expect(slider).toHaveValue('15');
  await expect(page.getByTestId('geometry-layer-value')).toHaveText('16');
  await expect(canvas).toBeHidden();
  await expect(curve).toBeVisible();
  const rec = (await page.evaluate(`(() => { const r = window.__curveRec; r.stop = true; return { t: r.t, layers: [...r.layers], counts: [...r.drawn].map(Number), drawn: Number(document.querySelector('[data-testid=geometry-canvas]').dataset.frames) }; })()`)) as { t: number[]; layers: string[]; counts: number[]; drawn: number };
  // Frames advanced: the canvas's count of drawn frames took several values, one per animation frame.
  expect(rec.counts.length).toBeGreaterThanOrEqual(4);
  expect(rec.drawn).toBe(Math.max(...rec.counts));
  // The readout followed the animation from layer 1 (a loaded machine may skip a layer between two frames).
  expect(rec.layers).toContain('1');
  expect(rec.layers.length).toBeGreaterThanOrEqual(4);
  const span = (rec.t[rec.t.length - 1] - rec.t[0]) / 1000;
  console.log(`curve animation, k = 256: ${rec.drawn} frames drawn; ${((rec.t.length - 1) / span).toFixed(1)} requestAnimationFrame callbacks/s over ${span.toFixed(2)} s on this machine (load not controlled; see npm run bench)`);
  // The slider still moves the still plot.
  const before = await curve.getAttribute('d');
  await slider.fill('0');
  await expect.poll(() => curve.getAttribute('d')).not.toBe(before);
  await expect(page.getByTestId('geometry-layer-value')).toHaveText('1');
  // Pause mid-way: it stops on a whole layer, and the slider, the readout and the still plot agree.
  await page.getByTestId('geometry-play').click();
  await expect.poll(async () => Number(await page.getByTestId('geometry-layer-value').textContent())).toBeGreaterThanOrEqual(4);
  await page.getByTestId('geometry-play').click();
  await expect(page.getByTestId('geometry-play')).toHaveAttribute('aria-pressed', 'false');
  await expect(canvas).toBeHidden();
  const layer = Number(await page.getByTestId('geometry-layer-value').textContent());
  expect(layer).toBeGreaterThanOrEqual(4);
  await expect(slider).toHaveValue(String(layer - 1));
  await expect(page.getByTestId('geometry-image-readout')).toContainText(`Layer ${layer}: R =`);
  await expect(page.getByTestId('plot-geometry-image').locator('svg').first()).toHaveAttribute('aria-label', new RegExp(`at layer ${layer} `));
});

test('a drawn curve: a stroke on the canvas becomes curve=drawn:k:<code> with the link\'s k, the CLI gives the link the page\'s digest, the panels say "a drawn closed curve"; a stroke through its own centre is refused with the reason', async ({ page }) => {
  await openLab(page, 'curve=circle:16&act=tanh&sw2=2.5&sb2=0.05&L=4&n=32&M=4&backend=cpu');
  await finalDigest(page);
  const pad = page.getByTestId('curve-drawer-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A rounded square, drawn counter-clockwise on screen from its right-hand side.
  await page.mouse.move(cx + 70, cy);
  await page.mouse.down();
  for (let i = 1; i <= 48; i++) {
    const t = (2 * Math.PI * i) / 48;
    const r = 70 / Math.pow(Math.abs(Math.cos(t)) ** 4 + Math.abs(Math.sin(t)) ** 4, 0.25);
    await page.mouse.move(cx + r * Math.cos(t), cy - r * Math.sin(t));
  }
  await page.mouse.up();
  await expect.poll(() => new URL(page.url()).searchParams.get('curve')).toMatch(/^drawn:16:[A-Za-z0-9_-]+$/);
  const digest = await finalDigest(page);
  // The link means the same in the CLI: the same digest for the drawn curve.
  const { stdout } = await promisify(execFile)('node', ['bin/limits-lab.mjs', 'run', new URL(page.url()).search.slice(1)], { maxBuffer: 64 << 20 });
  expect((JSON.parse(stdout) as { digest: string }).digest).toBe(digest);
  await expect(page.getByTestId('panel-geometry-length')).toContainText('a drawn closed curve');
  expect(await seriousViolations(page)).toEqual([]);
  await expect(page.getByTestId('entry-curve')).toHaveValue(new URL(page.url()).searchParams.get('curve')!);
  // A back-and-forth stroke is a segment through its centre: refused, the link unchanged.
  const drawn = new URL(page.url()).searchParams.get('curve');
  await page.mouse.move(cx - 60, cy);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(cx - 60 + 6 * i, cy);
  for (let i = 1; i <= 20; i++) await page.mouse.move(cx + 60 - 6 * i, cy);
  await page.mouse.up();
  await expect(page.getByTestId('curve-drawer-problem')).toContainText('comes within');
  expect(new URL(page.url()).searchParams.get('curve')).toBe(drawn);
});

test('phase diagram → curve: with the box ticked, a click on a map without a curve opens the depth view there with curve=circle:32 and at most 20 networks, and the picture of its image', async ({ page }) => {
  await openLab(page, 'view=phase&act=tanh&n=64&L=6&M=10&grid=11&backend=cpu');
  const box = page.getByTestId('phase-with-curve');
  await expect(box).not.toBeChecked();
  await expect(page.getByTestId('phase-chosen')).toContainText('a circle of 32 inputs through at most 20 networks (curve=circle:32, M ≤ 20)');
  await box.check();
  await page.getByTestId('plot-phase').locator('svg').first().click();
  await expect(page.getByTestId('geometry-panels')).toBeVisible({ timeout: 60_000 });
  const url = new URL(page.url());
  expect(url.searchParams.get('view') ?? 'depth').toBe('depth');
  expect(url.searchParams.get('curve')).toBe('circle:32');
  expect(url.searchParams.get('M')).toBe('10');
  await expect(page.getByTestId('plot-geometry-image').locator('path.line-image-curve')).toHaveCount(1);
});

test('tied to the phase diagram: with a curve in the link, a click on the map opens the depth view at that point with the curve panels', async ({ page }) => {
  await openLab(page, 'view=phase&act=tanh&curve=circle:16&n=64&L=6&M=10&grid=11&backend=cpu');
  await expect(page.getByTestId('plot-phase').locator('svg').first()).toBeVisible();
  await page.getByTestId('plot-phase').locator('svg').first().click();
  await expect(page.getByTestId('geometry-panels')).toBeVisible({ timeout: 60_000 });
  const url = new URL(page.url());
  expect(url.searchParams.get('view') ?? 'depth').toBe('depth');
  expect(url.searchParams.get('curve')).toBe('circle:16');
});
