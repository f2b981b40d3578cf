/**
 * The Content-Security-Policy of every page (issue 20 §5), in one place: vite.config.ts writes it
 * into each HTML page as <meta http-equiv> and sends it as a header from `vite preview` and the dev
 * server; e2e/csp.spec.ts checks both and that no view violates it.
 *
 *   script-src 'self' 'wasm-unsafe-eval' only the bundle's own modules: no inline script, no eval;
 *                                        'wasm-unsafe-eval' lets the CPU engine compile its own
 *                                        WebAssembly kernel (src/core/wasm) and nothing else
 *   style-src 'self' 'unsafe-inline'     React and KaTeX set style attributes
 *   worker-src 'self' blob:              the Monte Carlo Worker
 *   img-src 'self' data: blob:           the PNG export draws the SVG through a blob: image
 *   connect-src 'self'                   nothing leaves the page (the dev server's websocket is 'self')
 *   object-src 'none', base-uri 'self', form-action 'none'
 * frame-ancestors is a header-only directive (ignored, with a console error, in <meta>); it is not
 * set, so that the lab can be embedded in a course page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
