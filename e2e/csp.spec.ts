/**
 * The Content-Security-Policy (issue 20 §5, scripts/csp.ts): present as <meta> and as a header on
 * every page, and no view violates it (the fixture turns any `securitypolicyviolation` into a
 * failure; this file visits every view, a run, the exports and the lessons page).
 */
import { CONTENT_SECURITY_POLICY } from '../scripts/csp.ts';
import { VIEWS } from '../src/core/spec.ts';
import { expect, openLab, test, VIEW_NEEDS } from './fixtures.ts';

for (const path of ['./', './lessons.html']) {
  test(`${path}: the CSP is sent as a header and as <meta>, and no source map is shipped`, async ({ page, request }) => {
    const response = await request.get(path);
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await page.goto(path);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
    await expect(page.locator('#root > *').first()).toBeVisible();
    // The bundle does not point at source maps (built without LAB_SOURCEMAP=1).
    const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of scripts) expect(await (await request.get(src)).text()).not.toMatch(/sourceMappingURL=/);
  });
}

test('every view renders and runs without a CSP violation', async ({ page }) => {
  test.setTimeout(30_000 + 15_000 * VIEWS.length);
  for (const view of VIEWS) {
    // Small sizes (no key twice: a repeated key is refused); the signature view brings its own.
    const small = view === 'phase' ? '&grid=9&M=0' : view === 'signature' ? '' : '&n=16&L=4&M=4&nmin=4&nmax=16&Lmin=1&Lmax=4';
    await openLab(page, `view=${view}&backend=cpu${small}${VIEW_NEEDS[view] ?? ''}`);
    await expect(page.locator('.plot-frame svg').first()).toBeVisible();
    await expect(page.getByTestId('digest')).toHaveAttribute('data-final', 'true', { timeout: 60_000 });
  }
});

test('the policy is in force: an injected inline script does not run', async ({ browser }) => {
  // A page of its own: Chromium logs the (expected) violation as a console error, which the
  // shared fixture would count as a failure.
  const page = await browser.newPage();
  await page.goto('./?M=0');
  await expect(page.locator('.plot-frame svg').first()).toBeVisible();
  const ran = await page.evaluate(async () => {
    (window as unknown as { __expectCspViolation?: boolean }).__expectCspViolation = true;
    const seen = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    const directive = await seen;
    return { inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, directive };
  });
  expect(ran).toEqual({ inline: false, directive: 'script-src-elem' });
  await page.close();
});
