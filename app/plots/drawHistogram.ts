/**
 * Histogram of a per-network statistic (ρ̂, q̂, log q̂/q^∞) over the M networks, with vertical
 * markers (a point limit, the median), limit densities drawn over the bars, and atoms (mass at one
 * point) as spikes labelled with their mass. Pure: (data, size) → a new detached <svg>.
 */
import * as d3 from 'd3';
import { drawable, drawAxes, makeScale, paddedDomain } from './axes.ts';
import { createPlotFrame, drawEmptyNote } from './frame.ts';
import type { LegendItem } from './legend.ts';
import { NORMAL_STYLE, type PlotStyle } from './theme.ts';
import type { HistogramData, PlotSize } from './types.ts';

let clipCounter = 0;

/** Bars set the y range; a limit density may rise above them (a sharp law) up to 3× before it is clipped. */
function yMax(data: HistogramData): number {
  const bars = Math.max(0, ...data.bins.map((b) => b.count));
  const curves = Math.max(0, ...(data.curves ?? []).flatMap((c) => Array.from(c.y).filter(Number.isFinite)));
  if (bars === 0) return Math.max(curves, 1) * 1.05;
  return Math.max(bars, Math.min(curves, 3 * bars)) * 1.05;
}

export function drawHistogram(data: HistogramData, size: PlotSize, style: PlotStyle = NORMAL_STYLE): SVGSVGElement {
  const legend: LegendItem[] = [
    { label: data.barLabel, swatch: 'bar', color: data.barColor, opacity: 0.85 },
    ...(data.curves ?? []).map((c): LegendItem => ({ label: c.label, swatch: 'line', color: c.color, dash: c.dash })),
    ...data.markers.map((m): LegendItem => ({ label: m.label, swatch: 'line', color: m.color, dash: m.dash })),
    ...(data.atoms ?? []).map((a): LegendItem => ({ label: a.label, swatch: 'spike', color: a.color })),
  ];
  const frame = createPlotFrame(size, data.title, legend, style);
  const okX = drawable(data.xScale);
  const { svg, g, w, h, margins } = frame;

  let domain: [number, number];
  if (data.xDomain) domain = [data.xDomain[0], data.xDomain[1]];
  else {
    const xs = [...data.bins.flatMap((b) => [b.x0, b.x1]), ...data.markers.map((m) => m.x)];
    domain = paddedDomain(xs, data.xScale, 0.03);
    if (data.xLimits) domain = [Math.max(domain[0], data.xLimits[0]), Math.min(domain[1], data.xLimits[1])];
  }
  const exact = data.xDomain !== undefined || data.xLimits !== undefined;
  const x = makeScale(data.xScale, domain, [0, w], exact);
  const y = makeScale('linear', [0, yMax(data)], [h, 0]);
  drawAxes(g, { x, y, xKind: data.xScale, yKind: 'linear', width: w, height: h, xLabel: data.xLabel, yLabel: data.yLabel, margins, style });

  const clipId = `hist-clip-${++clipCounter}`;
  svg.append('defs').append('clipPath').attr('id', clipId).append('rect').attr('width', w).attr('height', h);
  const body = g.append('g').attr('clip-path', `url(#${clipId})`);

  const bars = body.append('g').attr('class', 'bars').attr('fill', data.barColor).attr('fill-opacity', 0.6);
  for (const b of data.bins) {
    if (!(b.count > 0)) continue;
    const x0 = x(b.x0);
    const x1 = x(b.x1);
    bars
      .append('rect')
      .attr('class', 'bar')
      .attr('x', Math.min(x0, x1) + 0.5)
      .attr('width', Math.max(1, Math.abs(x1 - x0) - 1))
      .attr('y', y(b.count))
      .attr('height', h - y(b.count));
  }
  for (const c of data.curves ?? []) {
    const ok = (i: number) => okX(c.x[i]) && Number.isFinite(c.y[i]);
    const line = d3
      .line<number>()
      .defined(ok)
      .x((i) => x(c.x[i]))
      .y((i) => y(c.y[i]));
    body
      .append('path')
      .attr('class', `curve curve-${c.id}`)
      .attr('d', line(d3.range(c.x.length)))
      .attr('fill', 'none')
      .attr('stroke', c.color)
      .attr('stroke-width', style.stroke.line)
      .attr('stroke-linejoin', 'round')
      .attr('stroke-dasharray', c.dash ?? null);
  }
  // The limit lines stand out from the bars (issue 14 §6): thicker than a curve, on a white casing
  // that separates them from bars of any colour.
  const markerWidth = 1.5 * style.stroke.line;
  for (const m of data.markers) {
    if (!okX(m.x)) continue;
    g.append('line')
      .attr('class', `marker-casing marker-casing-${m.id}`)
      .attr('x1', x(m.x))
      .attr('x2', x(m.x))
      .attr('y1', 0)
      .attr('y2', h)
      .attr('stroke', '#fff')
      .attr('stroke-width', markerWidth + 4);
    g.append('line')
      .attr('class', `marker marker-${m.id}`)
      .attr('x1', x(m.x))
      .attr('x2', x(m.x))
      .attr('y1', 0)
      .attr('y2', h)
      .attr('stroke', m.color)
      .attr('stroke-width', markerWidth)
      .attr('stroke-dasharray', m.dash ?? null);
  }
  for (const a of data.atoms ?? []) {
    const px = Math.max(2, Math.min(w - 2, x(a.x)));
    const spike = g.append('g').attr('class', `atom atom-${a.id}`);
    spike.append('line').attr('x1', px).attr('x2', px).attr('y1', h).attr('y2', 8).attr('stroke', a.color).attr('stroke-width', 3.5);
    spike.append('circle').attr('cx', px).attr('cy', 8).attr('r', 5).attr('fill', a.color);
    spike
      .append('text')
      .attr('x', px + (px > w / 2 ? -9 : 9))
      .attr('y', 13)
      .attr('text-anchor', px > w / 2 ? 'end' : 'start')
      .attr('font-size', style.font.tick)
      .attr('font-weight', 600)
      .attr('fill', a.color)
      .attr('paint-order', 'stroke')
      .attr('stroke', '#fff')
      .attr('stroke-width', 4)
      .text(`mass ${a.mass < 0.01 ? a.mass.toExponential(1) : a.mass.toFixed(3)}`);
  }
  if (data.bins.length === 0 && data.emptyText) drawEmptyNote(frame, data.emptyText);
  return svg.node()!;
}
