/**
 * End-to-end tests in Debian's Chromium (Playwright's own browser download cannot work here), on the
 * production build served by `vite preview` on localhost (a secure context: navigator.gpu exists,
 * and WebGPU runs on SwiftShader). `npm test` reads the JSON report (scripts/test-all.mjs).
 */
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--disable-gpu-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // SwiftShader compiles Vulkan's workgroup-memory zeroing slowly (seconds per pipeline); Dawn's
  // in-shader zeroing gives the same result (see src/backends/webgpu/node.ts).
  '--disable-dawn-features=use_vulkan_zero_initialize_workgroup_memory_extension',
];

/** LAB_E2E_PORT lets two checkouts (git worktrees) run their e2e suites side by side. */
const PORT = Number(process.env.LAB_E2E_PORT ?? 4173);
/** Test a page served elsewhere (e.g. `vite preview` already running) instead of building one. */
const external = process.env.LAB_BASE_URL;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    baseURL: external ?? `http://localhost:${PORT}/`,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /run\.spec\.ts/ },
    // The long-run tests (Cancel stops a run, the page answers during one) run last and alone: they
    // keep a core busy for their whole length. They assert behaviour only; the latencies they used
    // to assert are measured by `npm run bench` (bench/pageRun.ts).
    { name: 'long-run', use: { browserName: 'chromium' }, testMatch: /run\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: external
    ? undefined
    : {
        command: `npx vite build --logLevel warn && npx vite preview --port ${PORT} --strictPort`,
        url: `http://localhost:${PORT}/`,
        reuseExistingServer: false,
        timeout: 180_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
