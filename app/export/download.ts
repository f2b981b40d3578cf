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

/** What a PNG carries above the plot (issue 14 §3): its title and the parameters that made it. */
export interface PngHeading {
  readonly title: string;
  /** The experiment's query, e.g. 'act=tanh&L=50' (and the digest when known). */
  readonly params: string;
}

/** Words of `text` in lines no wider than `width` (canvas text metrics). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=[\s&])/)) {
    if (line && ctx.measureText(line + word).width > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += word;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

const HEADING_FONT = { title: 15, params: 12, line: 1.35, pad: 8 } as const;

/**
 * A drawn plot rasterised at `scale` × its CSS size (2: sharp on slides and high-DPI screens),
 * with its title and parameters written above it when `heading` is given.
 */
export async function pngBlob(svg: SVGSVGElement, scale = 2, heading?: PngHeading): Promise<Blob> {
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const plotHeight = Number(svg.getAttribute('height')) || svg.clientHeight;
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
    const measure = document.createElement('canvas').getContext('2d');
    const family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
    const F = HEADING_FONT;
    let titleLines: string[] = [];
    let paramLines: string[] = [];
    if (heading && measure) {
      measure.font = `600 ${F.title}px ${family}`;
      titleLines = wrap(measure, heading.title, width - 2 * F.pad);
      measure.font = `${F.params}px ${family}`;
      paramLines = wrap(measure, heading.params, width - 2 * F.pad);
    }
    const top = titleLines.length + paramLines.length > 0 ? F.pad + (titleLines.length * F.title + paramLines.length * F.params) * F.line + F.pad / 2 : 0;
    const height = plotHeight + top;
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas');
    ctx.scale(scale, scale);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    let y = F.pad;
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#1d2127';
    ctx.font = `600 ${F.title}px ${family}`;
    for (const l of titleLines) {
      ctx.fillText(l, F.pad, y);
      y += F.title * F.line;
    }
    ctx.fillStyle = '#4a515c';
    ctx.font = `${F.params}px ${family}`;
    for (const l of paramLines) {
      ctx.fillText(l, F.pad, y);
      y += F.params * F.line;
    }
    ctx.drawImage(img, 0, top, width, plotHeight);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
