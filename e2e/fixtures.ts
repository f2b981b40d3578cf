/**
 * The test fixture every e2e test uses: it collects console errors, uncaught page errors and
 * dialogs (an injected alert() would be one), and fails the test if there were any.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface PageProblems {
  readonly errors: string[];
}

export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      page.on('dialog', (dialog) => {
        errors.push(`dialog (${dialog.type()}): ${dialog.message()}`);
        void dialog.dismiss();
      });
      // A Content-Security-Policy violation anywhere fails the test (issue 20 §5; scripts/csp.ts).
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          // e2e/csp.spec.ts provokes one on purpose, to show the policy is in force.
          if (!(window as unknown as { __expectCspViolation?: boolean }).__expectCspViolation) console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
        });
      });
      page.on('worker', (worker) => {
        worker.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(`worker console.error: ${msg.text()}`);
        });
      });
      const problems = { errors };
      await use(problems);
      expect(errors, 'console errors, page errors or dialogs during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * What a view needs besides `view=<id>` to show what it is for: the sde view the shaped MLP, the
 * phase diagram a smooth φ, the signature view a controlled ResNet (small, for CI), the comparison
 * of standard and shaped attention an attention network.
 */
export const VIEW_NEEDS: Readonly<Record<string, string>> = { sde: '&arch=shaped', phase: '&act=tanh', signature: '&arch=cresnet&M=20&nmax=64&Lmax=16', collapse: '&arch=attention' };

/** Open the lab at a query and wait until the first plot is drawn; a run that asks first (estimated over 30 s) is confirmed. */
export async function openLab(page: Page, query = ''): Promise<void> {
  await page.goto(query ? `./?${query}` : './');
  await expect(page.locator('.plot-frame svg').first()).toBeVisible();
  const ask = page.locator('[data-testid=run][data-confirm=true]');
  if (await ask.count()) await ask.click();
}

/** Wait for the Monte Carlo of the current spec to finish; returns its digest. */
export async function finalDigest(page: Page, timeout = 60_000): Promise<string> {
  const digest = page.getByTestId('digest');
  await expect(digest).toHaveAttribute('data-final', 'true', { timeout });
  const text = (await digest.textContent())?.trim() ?? '';
  expect(text).toMatch(/^[0-9a-f]{16}$/);
  return text;
}

/** The query string of the page's current address, as key → value. */
export function queryOf(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}
