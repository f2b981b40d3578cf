/**
 * The CPU backend's WebAssembly SIMD kernel (src/core/wasm) in the page: it instantiates in the
 * Worker of Debian's Chromium, and the page's draws equal the CLI's (Node): the digest of the
 * same link, computed in both, is the same.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resultDigest } from '../src/experiments/digest.ts';
import { expect, finalDigest, openLab, test } from './fixtures.ts';

const run = promisify(execFile);

for (const method of ['explicit', 'gram'] as const) {
  test(`backend=cpu, ${method}: the page draws with WebAssembly SIMD and gets the CLI's digest`, async ({ page }) => {
    const query = `n=128&L=6&M=8&method=${method}&backend=cpu`;
    await openLab(page, query);
    const digest = await finalDigest(page);
    const badge = page.getByTestId('backend');
    await expect(badge).toHaveAttribute('data-backend', 'cpu');
    await expect(badge).toContainText('WebAssembly SIMD');
    const { stdout } = await run('node', ['bin/limits-lab.mjs', 'run', query], { maxBuffer: 64 << 20 });
    const cli = JSON.parse(stdout) as { spec: unknown; backend: { adapter: string } };
    expect(cli.backend.adapter).toContain('WebAssembly SIMD');
    expect(resultDigest(cli)).toBe(digest);
  });
}
