/**
 * The x–y plot used by the depth profile and the width sweep: quantile bands (translucent fills),
 * limits (solid lines or horizontal rules), Monte Carlo medians (points), a legend above the plot
 * area. Pure: (data, size) → a new detached <svg>; no React, no store.
 */
import * as d3 from 'd3';
import { drawAxes, makeScale, paddedDomain } from './axes.ts';
import { createPlotFrame, drawEmptyNote } from './frame.ts';
import type { LegendItem } from './legend.ts';
import { STROKE } from './theme.ts';
import type { PlotSize, XYPlotData, XYSeries } from './types.ts';

let clipCounter = 0;

function legendItem(s: XYSeries): LegendItem {
  switch (s.kind) {
    case 'line':
      return { label: s.label, swatch: 'line', color: s.color, dash: s.dash };
    case 'hrule':
      return { label: s.label, swatch: 'line', color: s.color, dash: s.dash };
    case 'points':
      return { label: s.label, swatch: 'points', color: s.color };
    case 'band':
      return { label: s.label, swatch: 'band', color: s.color, opacity: s.opacity };
  }
}

function allValues(series: readonly XYSeries[], axis: 'x' | 'y'): number[] {
  const out: number[] = [];
  for (const s of series) {
    if (axis === 'x') {
      if (s.kind !== 'hrule') out.push(...Array.from(s.x));
    } else if (s.kind === 'band') out.push(...Array.from(s.lo), ...Array.from(s.hi));
    else if (s.kind === 'hrule') out.push(s.y);
    else out.push(...Array.from(s.y));
  }
  return out;
}

export function drawXY(data: XYPlotData, size: PlotSize): SVGSVGElement {
  const frame = createPlotFrame(size, data.title, data.series.map(legendItem));
  const { svg, g, w, h, margins } = frame;

  const okX = (v: number) => Number.isFinite(v) && (data.xScale === 'linear' || v > 0);
  const okY = (v: number) => Number.isFinite(v) && (data.yScale === 'linear' || v > 0);
  const xDomain = data.xDomain ?? paddedDomain(allValues(data.series, 'x'), data.xScale, 0.02);
  const yDomain = data.yDomain ?? paddedDomain(allValues(data.series, 'y'), data.yScale);
  const x = makeScale(data.xScale, xDomain, [0, w], data.xDomain !== undefined);
  const y = makeScale(data.yScale, yDomain, [h, 0], data.yDomain !== undefined);

  drawAxes(g, { x, y, xKind: data.xScale, yKind: data.yScale, width: w, height: h, xLabel: data.xLabel, yLabel: data.yLabel, margins, xTicks: data.xTicks });

  const clipId = `xy-clip-${++clipCounter}`;
  svg.append('defs').append('clipPath').attr('id', clipId).append('rect').attr('width', w).attr('height', h);
  const body = g.append('g').attr('clip-path', `url(#${clipId})`);

  const order = { band: 0, line: 1, hrule: 1, points: 2 } as const;
  const sorted = [...data.series].sort((a, b) => order[a.kind] - order[b.kind]);
  for (const s of sorted) {
    if (s.kind === 'band') {
      const idx = d3.range(s.x.length).filter((i) => okX(s.x[i]) && okY(s.lo[i]) && okY(s.hi[i]));
      const area = d3
        .area<number>()
        .x((i) => x(s.x[i]))
        .y0((i) => y(s.lo[i]))
        .y1((i) => y(s.hi[i]));
      body.append('path').attr('class', `band band-${s.id}`).attr('d', area(idx)).attr('fill', s.color).attr('fill-opacity', s.opacity);
    } else if (s.kind === 'line') {
      const line = d3
        .line<number>()
        .defined((i) => okX(s.x[i]) && okY(s.y[i]))
        .x((i) => x(s.x[i]))
        .y((i) => y(s.y[i]));
      body
        .append('path')
        .attr('class', `line line-${s.id}`)
        .attr('d', line(d3.range(s.x.length)))
        .attr('fill', 'none')
        .attr('stroke', s.color)
        .attr('stroke-width', STROKE.line)
        .attr('stroke-linejoin', 'round')
        .attr('stroke-dasharray', s.dash ?? null);
    } else if (s.kind === 'hrule') {
      if (okY(s.y)) {
        body
          .append('line')
          .attr('class', `rule rule-${s.id}`)
          .attr('x1', 0)
          .attr('x2', w)
          .attr('y1', y(s.y))
          .attr('y2', y(s.y))
          .attr('stroke', s.color)
          .attr('stroke-width', STROKE.rule)
          .attr('stroke-dasharray', s.dash ?? null);
      }
    } else {
      // Dense profiles (hundreds of layers) get smaller points so that the line stays visible.
      const r = Math.max(2.25, Math.min(STROKE.pointRadius, (0.4 * w) / Math.max(1, s.x.length)));
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

  if (data.emptyText && data.series.every((s) => s.kind === 'hrule' || s.x.length === 0)) drawEmptyNote(frame, data.emptyText);
  return svg.node()!;
}
