/**
 * Drawing one series of an x–y plot into the clipped plot body: bands, lines (with an optional end
 * label), horizontal rules, points, points with error bars, and bundles of thin sample paths.
 * Used by drawXY.ts; every mark carries a class naming its series id (tests count them).
 */
import { decimatePixels, type PixelPolyline } from './decimate.ts';
import * as d3 from 'd3';
import type { Selection } from 'd3';
import type { Scale } from './axes.ts';
import type { LegendItem } from './legend.ts';
import { NORMAL_STYLE, strokeWidth, type PlotStyle } from './theme.ts';
import type { XYSeries } from './types.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;

export interface SeriesContext {
  readonly x: Scale;
  readonly y: Scale;
  readonly w: number;
  readonly h: number;
  readonly okX: (v: number) => boolean;
  readonly okY: (v: number) => boolean;
  readonly style: PlotStyle;
}

export function legendItem(s: XYSeries): LegendItem {
  switch (s.kind) {
    case 'line':
      return { label: s.label, swatch: 'line', color: s.color, dash: s.dash, width: s.width };
    case 'hrule':
      return { label: s.label, swatch: 'line', color: s.color, dash: s.dash };
    case 'points':
      return { label: s.label, swatch: 'points', color: s.color };
    case 'errorbars':
      return { label: s.label, swatch: 'errorbar', color: s.color };
    case 'paths':
      return { label: s.label, swatch: 'line', color: s.color, width: 2, opacity: Math.min(1, (s.opacity ?? 0.5) + 0.3) };
    case 'band':
      return { label: s.label, swatch: 'band', color: s.color, opacity: s.opacity };
    case 'fault':
      return { label: s.label, swatch: 'points', color: s.color };
  }
}

/**
 * The lowest and highest value a series puts on one axis that `ok` accepts (the axis's drawable
 * values): [] when none. The padded domain needs only these two, so a 10⁴-point curve costs one
 * pass and no copy (issue 14 §8).
 */
export function seriesExtent(s: XYSeries, axis: 'x' | 'y', ok: (v: number) => boolean): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  const scan = (values: ArrayLike<number>) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!ok(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  if (s.kind === 'fault') scan([s[axis]]);
  else if (axis === 'x') {
    if (s.kind !== 'hrule') scan(s.x);
  } else if (s.kind === 'band' || s.kind === 'errorbars') {
    scan(s.lo);
    scan(s.hi);
  } else if (s.kind === 'hrule') scan([s.y]);
  else if (s.kind === 'paths') for (const p of s.ys) scan(p);
  else scan(s.y);
  return lo <= hi ? [lo, hi] : [];
}

/** The SVG path of a decimated polyline (d3.line over its kept vertices, at their pixel positions). */
function pixelPath(p: PixelPolyline): string | null {
  return d3
    .line<number>()
    .defined((i) => p.defined[i] === 1)
    .x((i) => p.px[i])
    .y((i) => p.py[i])(p.kept);
}

/** Drawing order: bands under paths under lines under points. */
export const SERIES_ORDER = { band: 0, paths: 1, line: 2, hrule: 2, errorbars: 3, points: 3, fault: 4 } as const;

export function drawSeries(body: G, s: XYSeries, c: SeriesContext, labels: G): void {
  const { x, y, okX, okY, style } = c;
  const R = style.stroke.pointRadius;
  switch (s.kind) {
    case 'band': {
      const idx = d3.range(s.x.length).filter((i) => okX(s.x[i]) && okY(s.lo[i]) && okY(s.hi[i]));
      const area = d3
        .area<number>()
        .x((i) => x(s.x[i]))
        .y0((i) => y(s.lo[i]))
        .y1((i) => y(s.hi[i]));
      body.append('path').attr('class', `band band-${s.id}`).attr('d', area(idx)).attr('fill', s.color).attr('fill-opacity', s.opacity);
      return;
    }
    case 'line': {
      const ok = (i: number) => okX(s.x[i]) && okY(s.y[i]);
      body
        .append('path')
        .attr('class', `line line-${s.id}`)
        .attr('d', pixelPath(decimatePixels(s.x.length, (i) => x(s.x[i]), (i) => y(s.y[i]), ok)))
        .attr('fill', 'none')
        .attr('stroke', s.color)
        .attr('stroke-width', strokeWidth(style, s.width ?? NORMAL_STYLE.stroke.line))
        .attr('stroke-linejoin', 'round')
        .attr('stroke-dasharray', s.dash ?? null);
      if (s.endLabel) endLabel(labels, s.endLabel, s.color, s, c);
      return;
    }
    case 'hrule':
      if (okY(s.y)) {
        body
          .append('line')
          .attr('class', `rule rule-${s.id}`)
          .attr('x1', 0)
          .attr('x2', c.w)
          .attr('y1', y(s.y))
          .attr('y2', y(s.y))
          .attr('stroke', s.color)
          .attr('stroke-width', style.stroke.rule)
          .attr('stroke-dasharray', s.dash ?? null);
      }
      return;
    case 'paths': {
      const g = body.append('g').attr('class', `paths paths-${s.id}`).attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', strokeWidth(style, s.width ?? 1.25)).attr('stroke-opacity', s.opacity ?? 0.5);
      for (const ys of s.ys) {
        const okAt = (i: number) => okX(s.x[i]) && okY(ys[i]);
        g.append('path').attr('class', 'path').attr('d', pixelPath(decimatePixels(Math.min(s.x.length, ys.length), (i) => x(s.x[i]), (i) => y(ys[i]), okAt)));
      }
      return;
    }
    case 'errorbars': {
      const g = body.append('g').attr('class', `errorbars errorbars-${s.id}`);
      for (let i = 0; i < s.x.length; i++) {
        if (!okX(s.x[i]) || !okY(s.y[i])) continue;
        const cx = x(s.x[i]);
        const bar = g.append('g').attr('class', 'errorbar');
        if (okY(s.lo[i]) && okY(s.hi[i])) {
          bar.append('line').attr('class', 'whisker').attr('x1', cx).attr('x2', cx).attr('y1', y(s.lo[i])).attr('y2', y(s.hi[i])).attr('stroke', s.color).attr('stroke-width', style.stroke.whisker);
          for (const v of [s.lo[i], s.hi[i]]) bar.append('line').attr('x1', cx - 6).attr('x2', cx + 6).attr('y1', y(v)).attr('y2', y(v)).attr('stroke', s.color).attr('stroke-width', style.stroke.whisker);
        }
        bar.append('circle').attr('class', 'point').attr('cx', cx).attr('cy', y(s.y[i])).attr('r', R).attr('fill', s.color).attr('stroke', '#fff').attr('stroke-width', 1);
      }
      return;
    }
    case 'fault':
      faultMarker(labels, s, c);
      return;
    case 'points': {
      // Dense profiles (hundreds of layers) get smaller points so that the line stays visible.
      const r = Math.max(R / 2, Math.min(R, (0.4 * c.w) / Math.max(1, s.x.length)));
      const pts = body
        .append('g')
        .attr('class', `points points-${s.id}`)
        .attr('fill', s.color)
        .attr('stroke', '#fff')
        .attr('stroke-width', r < 3 ? 0.5 : 1);
      for (let i = 0; i < s.x.length; i++) {
        if (!okX(s.x[i]) || !okY(s.y[i])) continue;
        pts.append('circle').attr('class', 'point').attr('cx', x(s.x[i])).attr('cy', y(s.y[i])).attr('r', r);
      }
    }
  }
}

/** The label of a line at its last point inside the plot area (outside the clip, on top). */
function endLabel(labels: G, text: string, color: string, s: { x: ArrayLike<number>; y: ArrayLike<number>; id: string }, c: SeriesContext): void {
  for (let i = s.x.length - 1; i >= 0; i--) {
    if (!c.okX(s.x[i]) || !c.okY(s.y[i])) continue;
    const px = c.x(s.x[i]);
    const py = c.y(s.y[i]);
    if (px < 0 || px > c.w || py < 0 || py > c.h) continue;
    // Labels of lines ending close together are stacked instead of drawn over each other.
    const taken = labels
      .selectAll<SVGTextElement, unknown>('text.end-label')
      .nodes()
      .map((n) => Number(n.getAttribute('y')));
    const step = c.style.font.tick + 2;
    const base = Math.max(12, Math.min(c.h - 4, py - 7));
    const free = (y: number) => y >= 12 && y <= c.h - 4 && !taken.some((t) => Math.abs(t - y) < step);
    const ly = [0, -1, 1, -2, 2, -3, 3].map((k) => base + k * step).find(free) ?? base;
    labels
      .append('text')
      .attr('class', `end-label end-label-${s.id}`)
      .attr('x', Math.min(px, c.w) - 4)
      .attr('y', ly)
      .attr('text-anchor', 'end')
      .attr('font-size', c.style.font.tick)
      .attr('font-weight', 600)
      .attr('fill', color)
      .attr('paint-order', 'stroke')
      .attr('stroke', '#fff')
      .attr('stroke-width', 4)
      .text(text);
    return;
  }
}

/**
 * A fault marker (FaultSeries): a ⊗ at the curve's last drawable point — clamped into the plot
 * area, drawn outside the clip so it stays visible — and its message on a white backing, written
 * towards the inside of the plot; several faults stack downwards.
 */
function faultMarker(labels: G, s: Extract<XYSeries, { kind: 'fault' }>, c: SeriesContext): void {
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi, v));
  const px = c.okX(s.x) ? clamp(c.x(s.x), c.w) : c.w;
  const py = c.okY(s.y) ? clamp(c.y(s.y), c.h) : 0;
  const r = Math.max(5, c.style.stroke.pointRadius + 2);
  const g = labels.append('g').attr('class', `fault fault-${s.id}`).attr('data-x', s.x).attr('data-y', s.y);
  if (s.detail) g.append('title').text(s.detail);
  g.append('circle').attr('class', 'fault-marker').attr('cx', px).attr('cy', py).attr('r', r).attr('fill', '#fff').attr('stroke', s.color).attr('stroke-width', 2);
  const d = r * 0.7;
  g.append('path')
    .attr('d', `M${px - d},${py - d}L${px + d},${py + d}M${px - d},${py + d}L${px + d},${py - d}`)
    .attr('stroke', s.color)
    .attr('stroke-width', 2);
  const before = labels.selectAll('g.fault').size() - 1;
  const step = c.style.font.note + 6;
  const left = px > c.w / 2;
  const ty = clamp(py + (py < c.h / 2 ? r + step : -r - 6) + before * step, c.h - 4);
  g.append('text')
    .attr('class', 'fault-text')
    .attr('x', left ? px - r - 4 : px + r + 4)
    .attr('y', Math.max(step, ty))
    .attr('text-anchor', left ? 'end' : 'start')
    .attr('font-size', c.style.font.note)
    .attr('font-weight', 600)
    .attr('fill', c.style.name === 'projector' ? c.style.ink : s.color)
    .attr('paint-order', 'stroke')
    .attr('stroke', '#fff')
    .attr('stroke-width', 4)
    .text(s.label);
}
