/** axe-core scans of the main views: no serious or critical violations. */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [name, query] of [
  ['depth profile', 'M=50'],
  ['distribution', 'view=hist&M=50'],
  ['width sweep', 'view=width&M=20&nmax=64'],
  ['messages shown', 'n=abc&foo=1&M=20'],
  ['commutation map', 'view=commute&nmin=8&nmax=32&Lmin=2&Lmax=8&M=10&backend=cpu'],
  ['fixed-width regime', 'view=regime&n=4&L=8&M=100&backend=cpu'],
  ['shaped SDE', 'view=sde&arch=shaped&n=32&L=16&M=50&nmin=8&backend=cpu'],
  ['three limits', 'view=contrast&n=16&L=16&M=50&backend=cpu'],
] as const) {
  test(`axe-core: no serious violations on the ${name}`, async ({ page }) => {
    await openLab(page, query);
    await finalDigest(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe-core: no serious violations with the Lessons menu open', async ({ page }) => {
  await openLab(page, 'M=20&backend=cpu');
  await page.getByTestId('lessons').locator('summary').click();
  await expect(page.getByTestId('lesson-commute-mlp-resnet')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/lessons-menu.png' });
  // Escape closes it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lesson-commute-mlp-resnet')).toBeHidden();
});
