/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './scripts/csp.ts';

/** The CSP as the first <meta> of every page (scripts/csp.ts). */
const cspMeta: Plugin = {
  name: 'limits-lab-csp',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
};
const securityHeaders = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

// One config for the page (vite dev/build), the Worker and the unit tests (vitest).
export default defineConfig({
  root: '.',
  publicDir: 'public',
  base: './',
  build: {
    outDir: 'dist',
    target: 'es2022',
    // No source maps shipped unless asked (LAB_SOURCEMAP=1 npm run build).
    sourcemap: process.env.LAB_SOURCEMAP === '1',
    chunkSizeWarningLimit: 1200,
    // Two pages: the lab and the lessons gallery.
    rollupOptions: { input: { main: 'index.html', lessons: 'lessons.html' } },
  },
  plugins: [cspMeta],
  worker: { format: 'es' },
  oxc: { jsx: { runtime: 'automatic' } },
  server: { port: 5173, strictPort: false, headers: securityHeaders },
  preview: { port: 4173, strictPort: false, headers: securityHeaders },
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts', 'bin/**/*.test.ts', 'scripts/**/*.test.ts', 'deploy/**/*.test.ts'],
    environment: 'node',
    // Deadlock guards, not timings (issue 14 §7): the heaviest Monte Carlo tests take ~1 min on an
    // idle core and several times that on a loaded 2-core machine; a hang still fails after 10 min.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Tests that use the GPU (Dawn/SwiftShader) share one device per file; keep files in parallel
    // but bounded (CI has 2 cores).
    maxWorkers: 2,
  },
});
