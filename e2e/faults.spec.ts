/**
 * Issue 20: where the numbers leave f64 the plot says so — the curve ends at a marker with a
 * message, never a drop to 0 or a silent gap — and the exported JSON carries the `faults` list.
 */
import { readFile } from 'node:fs/promises';
import type { LabResult } from '../src/experiments/result.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

test('act=relu&sw2=64&L=300: q ends at a marker saying it overflows f64 at layer 205; ρ goes on', async ({ page }) => {
  await openLab(page, 'act=relu&sw2=64&L=300&M=4&n=16&backend=cpu');
  const q = page.getByTestId('plot-depth-q');
  const marker = q.locator('g.fault-fault-limit');
  await expect(marker).toHaveCount(1);
  await expect(marker.locator('text.fault-text')).toHaveText('limit variance: overflows f64 at layer 205; the curve ends');
  await expect(marker.locator('circle.fault-marker')).toBeVisible();
  await expect(marker).toHaveAttribute('data-x', '204');
  // The hover text is the full sentence of the fault.
  await expect(marker.locator('title')).toContainText('not computed from there on');
  // ρ is scale-free: its limit is drawn to layer 300, with no marker.
  await expect(page.getByTestId('plot-depth-rho').locator('g.fault-fault-limit')).toHaveCount(0);
  await finalDigest(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const result = JSON.parse(await readFile((await download.path())!, 'utf8')) as LabResult;
  expect(result.faults?.find((f) => f.block === 'theory' && f.quantity === 'q11')).toMatchObject({ layer: 205, cause: 'overflow' });
  expect(result.theory.rho[299]).toBeGreaterThan(0.99);
  expect(result.theory.q11[204]).toBeNull(); // ∞ in the engine, null in JSON, named by the fault
});

test('act=softplus&sw2=64&sb2=64&L=1000: both limits end at layer 204 with a marker', async ({ page }) => {
  await openLab(page, 'act=softplus&sw2=64&sb2=64&L=1000&M=0');
  for (const [panel, name] of [['plot-depth-rho', 'correlation'], ['plot-depth-q', 'variance']] as const) {
    await expect(page.getByTestId(panel).locator('g.fault-fault-limit text.fault-text')).toHaveText(`limit ${name}: overflows f64 at layer 205; the curve ends`);
  }
});

test('a profile that stays in f64 has no marker and no faults', async ({ page }) => {
  await openLab(page, 'act=tanh&L=30&M=0');
  await expect(page.getByTestId('plot-depth-rho').locator('path.line-limit')).toHaveCount(1);
  await expect(page.locator('g.fault')).toHaveCount(0);
});
