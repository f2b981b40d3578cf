/**
 * Issue 14 §5: the digest identifies the numbers, not the page. The same experiment opened with
 * proj, predict, embed or backend=cpu|auto finishes with the same digest (equal to the CLI's, see
 * src/url/frozenLinks.test.ts), and Copy link hands out neither proj=1 nor predict=1.
 */
import { expect, finalDigest, openLab, test } from './fixtures.ts';

const EXPERIMENT = 'act=tanh&sw2=1.5&sb2=0.05&n=32&L=6&M=30';

test('proj, predict, embed and backend do not change the digest', async ({ page }) => {
  await openLab(page, `${EXPERIMENT}&backend=cpu`);
  const digest = await finalDigest(page);
  for (const extra of ['backend=auto', 'backend=cpu&proj=1', 'backend=cpu&predict=1', 'backend=cpu&embed=1', 'backend=cpu&proj=1&predict=1&embed=1']) {
    await openLab(page, `${EXPERIMENT}&${extra}`);
    expect(await finalDigest(page), extra).toBe(digest);
  }
});

test('Copy link in projector and predict mode hands out the experiment without proj or predict', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLab(page, `${EXPERIMENT}&backend=cpu&proj=1&predict=1`);
  const digest = await finalDigest(page);
  await page.getByTestId('copy-link').click();
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.searchParams.has('proj')).toBe(false);
  expect(copied.searchParams.has('predict')).toBe(false);
  expect(copied.searchParams.get('n')).toBe('32');
  await page.goto(`${copied.pathname}${copied.search}`);
  expect(await finalDigest(page)).toBe(digest);
});
