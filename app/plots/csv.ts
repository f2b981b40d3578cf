/**
 * The data behind a plot as CSV: a header row, then one row per point the plot shows. "A point the
 * plot shows" is, per kind of plot (the e2e tests count the same marks in the SVG):
 *  - x–y plots (drawXY): every drawn vertex of every series — a point, a vertex of a line, a band's
 *    x with its lo and hi, an error bar (x, y, lo, hi), every vertex of every sample path, and one
 *    row per horizontal rule (its y). Values the axes cannot show (not finite; ≤ 0 on a log axis)
 *    are not drawn, so they are not rows either.
 *  - histograms (drawHistogram): one row per drawn bar (x0, x1, count), then one per marker, per
 *    vertex of an overlaid density and per atom.
 *  - heatmaps (drawHeatmaps): one row per cell of every map (x, y, value, state).
 *  - the phase map (drawPhaseMap): one row per cell (σw², σb², value, phase), then the vertices of
 *    the lines drawn over it and the marked point.
 * Numbers are written in full (String(v): shortest round-trip), so the CSV carries the plotted
 * values exactly. Pure functions.
 */
import { drawable } from './axes.ts';
import { csvText } from './richText.ts';
import type { HeatmapsData } from './heatmapTypes.ts';
import type { PhaseMapData } from './phaseMapTypes.ts';
import type { HistogramData, XYPlotData } from './types.ts';

type Cell = string | number | undefined;

/** One CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break). */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header and rows, every row padded to the header's width (RFC 4180: the same number of fields per line). */
export function csvTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const pad = (r: readonly Cell[]) => [...r, ...new Array<Cell>(Math.max(0, header.length - r.length)).fill(undefined)];
  return [header, ...rows.map(pad)].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const XY_HEADER = ['series', 'label', 'kind', 'path', 'x', 'y', 'lo', 'hi'] as const;

export function xyCsv(data: XYPlotData): string {
  const okX = drawable(data.xScale);
  const okY = drawable(data.yScale);
  const rows: Cell[][] = [];
  for (const s of data.series) {
    switch (s.kind) {
      case 'hrule':
        if (okY(s.y)) rows.push([s.id, csvText(s.label), s.kind, undefined, undefined, s.y]);
        break;
      case 'band':
        for (let i = 0; i < s.x.length; i++) if (okX(s.x[i]) && okY(s.lo[i]) && okY(s.hi[i])) rows.push([s.id, csvText(s.label), s.kind, undefined, s.x[i], undefined, s.lo[i], s.hi[i]]);
        break;
      case 'errorbars':
        for (let i = 0; i < s.x.length; i++) if (okX(s.x[i]) && okY(s.y[i])) rows.push([s.id, csvText(s.label), s.kind, undefined, s.x[i], s.y[i], s.lo[i], s.hi[i]]);
        break;
      case 'fault':
        rows.push([s.id, s.label, s.kind, undefined, s.x, s.y]);
        break;
      case 'paths':
        s.ys.forEach((ys, p) => {
          for (let i = 0; i < Math.min(s.x.length, ys.length); i++) if (okX(s.x[i]) && okY(ys[i])) rows.push([s.id, csvText(s.label), s.kind, p, s.x[i], ys[i]]);
        });
        break;
      default:
        for (let i = 0; i < s.x.length; i++) if (okX(s.x[i]) && okY(s.y[i])) rows.push([s.id, csvText(s.label), s.kind, undefined, s.x[i], s.y[i]]);
    }
  }
  return csvTable(XY_HEADER, rows);
}

export const HISTOGRAM_HEADER = ['series', 'label', 'kind', 'x0', 'x1', 'count', 'x', 'y'] as const;

export function histogramCsv(data: HistogramData): string {
  const rows: Cell[][] = [];
  for (const b of data.bins) if (b.count > 0) rows.push(['bars', data.barLabel, 'bar', b.x0, b.x1, b.count]);
  const okX = drawable(data.xScale);
  for (const m of data.markers) if (okX(m.x)) rows.push([m.id, csvText(m.label), 'marker', undefined, undefined, undefined, m.x]);
  for (const c of data.curves ?? []) {
    for (let i = 0; i < c.x.length; i++) if (okX(c.x[i]) && Number.isFinite(c.y[i])) rows.push([c.id, csvText(c.label), 'curve', undefined, undefined, undefined, c.x[i], c.y[i]]);
  }
  for (const a of data.atoms ?? []) rows.push([a.id, csvText(a.label), 'atom', undefined, undefined, undefined, a.x, a.mass]);
  return csvTable(HISTOGRAM_HEADER, rows);
}

export function heatmapsCsv(data: HeatmapsData): string {
  const rows: Cell[][] = [];
  for (const map of data.maps) {
    data.rows.forEach((yv, r) =>
      data.columns.forEach((xv, c) => {
        const state = map.states[r]?.[c] ?? 'pending';
        rows.push([map.id, csvText(map.label), xv, yv, state === 'value' ? map.values[r]?.[c] : undefined, state]);
      }),
    );
  }
  return csvTable(['map', 'label', 'x', 'y', 'value', 'state'], rows);
}

export function phaseMapCsv(data: PhaseMapData): string {
  const rows: Cell[][] = [];
  data.ys.forEach((y, j) =>
    data.xs.forEach((x, i) => {
      rows.push(['cells', csvText(data.colorLabel), 'cell', x, y, data.values[j]?.[i] ?? undefined, data.regions[j]?.[i]]);
    }),
  );
  for (const line of data.lines) {
    for (let i = 0; i < line.x.length; i++) {
      const x = line.x[i];
      const y = line.y[i];
      if (x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y)) rows.push([line.id, csvText(line.label), 'line', x, y]);
    }
  }
  if (data.point) rows.push(['point', csvText(data.point.label), 'point', data.point.x, data.point.y]);
  return csvTable(['series', 'label', 'kind', 'x', 'y', 'value', 'phase'], rows);
}
