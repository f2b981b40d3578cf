/**
 * Issue 14 §2 and §6 on the page: a lesson's banner and its controls, embed mode, keyboard steps on
 * log sliders, history (Back / Forward), Escape in the Lessons menu, and what the tabs open.
 */
import { LESSONS } from '../app/presets.ts';
import { expect, finalDigest, openLab, queryOf, test } from './fixtures.ts';

const lesson = (id: string) => LESSONS.find((l) => l.id === id)!;

test('a lesson link opens its banner: title, question, paper, numbered steps, claim folded, neighbours; only its controls', async ({ page }) => {
  const l = lesson('branch-scaling');
  await openLab(page, l.url);
  const banner = page.getByTestId('lesson-banner');
  await expect(banner).toContainText(l.title);
  await expect(banner).toContainText(l.paper.cite);
  await expect(page.getByTestId('lesson-steps').locator('li')).toHaveCount(l.steps.length);
  // Not a predict round: the claim is folded until opened.
  await expect(page.getByTestId('lesson-claim')).toBeHidden();
  await page.getByTestId('lesson-claim-folded').locator('summary').click();
  await expect(page.getByTestId('lesson-claim')).toBeVisible();
  const i = LESSONS.indexOf(l);
  await expect(page.getByTestId('lesson-previous')).toHaveAttribute('href', `?${LESSONS[i - 1].url}`);
  await expect(page.getByTestId('lesson-next')).toHaveAttribute('href', `?${LESSONS[i + 1].url}`);
  // Only the lesson's controls, every other one a click away.
  const shown = await page.locator('#controls .control[data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  expect(new Set(shown)).toEqual(new Set(l.controls));
  await page.getByTestId('lesson-controls-toggle').click();
  expect(await page.locator('#controls .control[data-key]').count()).toBeGreaterThan(l.controls.length);
  // Moving a slider keeps the lesson open; closing the banner shows every control.
  await page.getByTestId('entry-L').fill('32');
  await page.getByTestId('entry-L').press('Enter');
  await expect(banner).toBeVisible();
  await page.getByTestId('lesson-close').click();
  await expect(banner).toHaveCount(0);
});

test('a predict lesson shows its claim only after Reveal', async ({ page }) => {
  const l = lesson('relu-he');
  await openLab(page, l.url);
  await expect(page.getByTestId('lesson-claim-hidden')).toBeVisible();
  await expect(page.getByTestId('lesson-claim')).toHaveCount(0);
  await finalDigest(page);
  const plot = page.getByTestId('plot-depth-rho');
  const box = (await plot.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('lesson-claim')).toBeVisible();
});

// That embed=1 (like proj, predict and backend) leaves the digest alone is e2e/digest.spec.ts's (issue 14 §5).
test('embed=1: no header, no citation, only the first plot and the lesson controls', async ({ page }) => {
  const l = lesson('branch-scaling');
  await openLab(page, `${l.url}&embed=1`);
  await finalDigest(page);
  await expect(page.locator('.app-header')).toHaveCount(0);
  await expect(page.getByTestId('reproduce')).toHaveCount(0);
  await expect(page.getByTestId('embed-controls')).toBeVisible();
  const shown = await page.locator('[data-testid=embed-controls] .control[data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  expect(new Set(shown)).toEqual(new Set(l.controls));
  const visiblePanels = await page.locator('.panel').evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
  expect(visiblePanels).toBe(1);
});

test('→ on the L slider changes L on every press: 20 presses, 20 new depths', async ({ page }) => {
  await openLab(page, 'L=20&M=0');
  const slider = page.getByTestId('slider-L');
  await slider.focus();
  const seen = [20];
  for (let i = 0; i < 20; i++) {
    await slider.press('ArrowRight');
    await expect.poll(async () => Number(await page.getByTestId('entry-L').inputValue())).toBeGreaterThan(seen[seen.length - 1]);
    seen.push(Number(await page.getByTestId('entry-L').inputValue()));
  }
  expect(new Set(seen).size).toBe(21);
});

test('Back and Forward walk through discrete changes', async ({ page }) => {
  await openLab(page, 'L=10&M=0');
  for (const L of ['11', '12']) {
    await page.getByTestId('entry-L').fill(L);
    await page.getByTestId('entry-L').press('Enter');
    await expect.poll(() => queryOf(page).get('L')).toBe(L);
  }
  await page.goBack();
  await expect(page.getByTestId('entry-L')).toHaveValue('11');
  await page.goBack();
  await expect(page.getByTestId('entry-L')).toHaveValue('10');
  await page.goForward();
  await expect(page.getByTestId('entry-L')).toHaveValue('11');
});

test('Escape in the Lessons menu closes it and returns focus to its button', async ({ page }) => {
  await openLab(page, 'M=0');
  const summary = page.getByTestId('lessons').locator('summary');
  await summary.click();
  await page.getByTestId(`lesson-${LESSONS[0].id}`).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lessons')).not.toHaveAttribute('open', '');
  await expect(summary).toBeFocused();
});

test('the tabs: the phase diagram opens on tanh, Shaped SDE on the shaped MLP; the weight law is a dropdown', async ({ page }) => {
  await openLab(page, 'M=0');
  await page.getByTestId('view-phase').click();
  await expect.poll(() => queryOf(page).get('act')).toBe('tanh');
  await page.getByTestId('view-sde').click();
  await expect.poll(() => queryOf(page).get('arch')).toBe('shaped');
  await expect(page.getByTestId('view-unavailable')).toHaveCount(0);
  // A link keeps what it says: view=phase without act is the ReLU diagram, as it always was.
  await openLab(page, 'view=phase&M=0');
  expect(queryOf(page).get('act')).toBeNull();
  await expect(page.getByTestId('panel-phase-map')).toContainText('relu');
  await openLab(page, 'view=depth&M=0');
  await expect(page.getByTestId('select-weights').locator('option')).toHaveCount(5);
  // The width sweep hides n (it sweeps nmin … nmax itself).
  await openLab(page, 'view=width&M=0');
  await expect(page.locator('#controls .control[data-key=n]')).toHaveCount(0);
  await expect(page.locator('#controls .control[data-key=nmax]')).toHaveCount(1);
});

test('below 1200 px the view tabs are one dropdown and the header one line; it opens views; wider, the tabs come back', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openLab(page, 'M=20');
  await expect(page.getByTestId('view-select')).toBeVisible();
  await expect(page.getByTestId('view-depth')).toHaveCount(0);
  const header = (await page.locator('.app-header').boundingBox())!;
  expect(header.height, 'one-line header at 1024 px').toBeLessThan(70);
  await page.getByTestId('view-select').selectOption('width');
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('width');
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByTestId('view-select')).toHaveCount(0);
  await expect(page.getByTestId('view-width')).toHaveAttribute('aria-pressed', 'true');
});
