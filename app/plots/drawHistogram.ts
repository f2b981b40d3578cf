/**
 * Histogram of a per-network statistic (ρ̂, q̂) over the M networks, with vertical markers for the
 * limit and the Monte Carlo median. Pure: (data, size) → a new detached <svg>.
 */
import { drawAxes, makeScale, paddedDomain } from './axes.ts';
import { createPlotFrame, drawEmptyNote } from './frame.ts';
import type { LegendItem } from './legend.ts';
import { STROKE } from './theme.ts';
import type { HistogramData, PlotSize } from './types.ts';

export function drawHistogram(data: HistogramData, size: PlotSize): SVGSVGElement {
  const legend: LegendItem[] = [
    { label: data.barLabel, swatch: 'bar', color: data.barColor, opacity: 0.85 },
    ...data.markers.map((m): LegendItem => ({ label: m.label, swatch: 'line', color: m.color, dash: m.dash })),
  ];
  const frame = createPlotFrame(size, data.title, legend);
  const { svg, g, w, h, margins } = frame;

  const xs = [...data.bins.flatMap((b) => [b.x0, b.x1]), ...data.markers.map((m) => m.x)];
  let domain = paddedDomain(xs, data.xScale, 0.03);
  if (data.xLimits) domain = [Math.max(domain[0], data.xLimits[0]), Math.min(domain[1], data.xLimits[1])];
  const x = makeScale(data.xScale, domain, [0, w], data.xLimits !== undefined);
  const maxCount = Math.max(1, ...data.bins.map((b) => b.count));
  const y = makeScale('linear', [0, maxCount * 1.05], [h, 0]);
  drawAxes(g, { x, y, xKind: data.xScale, yKind: 'linear', width: w, height: h, xLabel: data.xLabel, yLabel: data.yLabel, margins });

  const bars = g.append('g').attr('class', 'bars').attr('fill', data.barColor).attr('fill-opacity', 0.85);
  for (const b of data.bins) {
    if (b.count === 0) continue;
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
  for (const m of data.markers) {
    if (!Number.isFinite(m.x) || (data.xScale === 'log' && !(m.x > 0))) continue;
    g.append('line')
      .attr('class', `marker marker-${m.id}`)
      .attr('x1', x(m.x))
      .attr('x2', x(m.x))
      .attr('y1', 0)
      .attr('y2', h)
      .attr('stroke', m.color)
      .attr('stroke-width', STROKE.line)
      .attr('stroke-dasharray', m.dash ?? null);
  }
  if (data.bins.length === 0 && data.emptyText) drawEmptyNote(frame, data.emptyText);
  return svg.node()!;
}
