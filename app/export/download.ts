/**
 * Saving what the page shows: a plot as SVG or PNG, the data behind it as CSV, the result document
 * as JSON (the CLI's format). Browser-only helpers (Blob, <a download>, canvas); the content itself
 * comes from pure functions (plots/csv.ts, resultJson below) that the tests check.
 */
import type { Spec } from '../../src/core/spec.ts';
import type { LabResult } from '../../src/experiments/result.ts';
import { shareQuery } from '../../src/url/codec.ts';
import { experimentOf } from '../state/pageKeys.ts';

/**
 * The page address that reproduces `spec` (compact `z=` form when the plain query is long). The
 * page-only keys (proj, predict, embed) are left out unless `withPageKeys` asks for them: a link
 * copied in projector or predict mode opens the experiment, not the lecturer's screen.
 */
export function shareUrl(spec: Spec, options: { withPageKeys?: boolean } = {}): string {
  return `${location.origin}${location.pathname}?${shareQuery(options.withPageKeys ? spec : experimentOf(spec))}`;
}

/** Offer `content` as a file download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

/** The result document exactly as `limits-lab run '<link>' --pretty` prints it. */
export function resultJson(result: LabResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** A drawn plot as a standalone SVG file (namespaced, with an XML declaration). */
export function svgFile(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // A white page behind the plot: viewers default to transparent (and dark themes make it unreadable).
  const backing = copy.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect');
  backing.setAttribute('width', '100%');
  backing.setAttribute('height', '100%');
  backing.setAttribute('fill', '#ffffff');
  copy.insertBefore(backing, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** A drawn plot rasterised at `scale` × its CSS size (2: sharp on slides and high-DPI screens). */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight;
  const url = URL.createObjectURL(new Blob([svgFile(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the plot could not be rasterised'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
