/**
 * The x–y plot used by most views: quantile bands (translucent fills), sample paths (thin lines),
 * limits (solid lines or horizontal rules), Monte Carlo estimates (points, points with error bars),
 * a legend above the plot area and notes in its corners. Pure: (data, size) → a new detached <svg>;
 * no React, no store. The marks themselves are drawn by xySeries.ts.
 */
import { drawable, drawAxes, makeScale, paddedDomain } from './axes.ts';
import { createPlotFrame, drawEmptyNote, drawNotes } from './frame.ts';
import { writeScaleGeometry } from './geometry.ts';
import { NORMAL_STYLE, type PlotStyle } from './theme.ts';
import { drawAll, type DrawFunction, type PlotSize, type XYPlotData } from './types.ts';
import { drawSeries, legendItem, SERIES_ORDER, seriesExtent } from './xySeries.ts';

let clipCounter = 0;

/** A series with more vertices than this ends a step of the drawing (drawXYSteps). */
const STEP_VERTICES = 2000;

/** Vertices a series draws (a step of drawXYSteps ends after the large ones). */
function vertexCount(s: XYPlotData['series'][number]): number {
  if (s.kind === 'paths') return s.ys.reduce((a, p) => a + p.length, 0);
  return s.kind === 'hrule' || s.kind === 'fault' ? 1 : s.x.length;
}

/** The x–y plot in one go (exports, every caller that does not draw through the draw queue). */
export const drawXY: DrawFunction<XYPlotData> = Object.assign((data: XYPlotData, size: PlotSize, style: PlotStyle = NORMAL_STYLE) => drawAll(drawXYSteps(data, size, style)), {
  steps: (data: XYPlotData, size: PlotSize, style: PlotStyle = NORMAL_STYLE) => drawXYSteps(data, size, style),
});

/**
 * The x–y plot in steps (issue 14 §8): the frame and axes, then the series, yielding after each
 * one of more than STEP_VERTICES vertices (a ResNet at L = 10⁴ draws four curves of 10⁴ layers in
 * each plot); the detached <svg> is returned at the end, so nothing partial is ever shown.
 */
export function* drawXYSteps(data: XYPlotData, size: PlotSize, style: PlotStyle = NORMAL_STYLE): Generator<void, SVGSVGElement, void> {
  const frame = createPlotFrame(size, data.title, data.series.filter((s) => s.legend !== false).map(legendItem), style);
  const { svg, g, w, h, margins } = frame;

  const okX = drawable(data.xScale);
  const okY = drawable(data.yScale);
  // paddedDomain reads only the extent of the drawable values: each series' two ends give the same domain.
  const xDomain = data.xDomain ?? paddedDomain(data.series.flatMap((s) => seriesExtent(s, 'x', okX)), data.xScale, 0.02);
  const yDomain = data.yDomain ?? paddedDomain(data.series.flatMap((s) => seriesExtent(s, 'y', okY)), data.yScale);
  const x = makeScale(data.xScale, xDomain, [0, w], data.xDomain !== undefined);
  const y = makeScale(data.yScale, yDomain, [h, 0], data.yDomain !== undefined);

  drawAxes(g, { x, y, xKind: data.xScale, yKind: data.yScale, width: w, height: h, xLabel: data.xLabel, yLabel: data.yLabel, margins, xTicks: data.xTicks, style });

  const clipId = `xy-clip-${++clipCounter}`;
  svg.append('defs').append('clipPath').attr('id', clipId).append('rect').attr('width', w).attr('height', h);
  const body = g.append('g').attr('clip-path', `url(#${clipId})`);
  const labels = g.append('g').attr('class', 'labels');

  const sorted = [...data.series].sort((a, b) => SERIES_ORDER[a.kind] - SERIES_ORDER[b.kind]);
  for (const s of sorted) {
    drawSeries(body, s, { x, y, w, h, okX, okY, style }, labels);
    if (vertexCount(s) > STEP_VERTICES) yield;
  }

  if (data.notes) drawNotes(frame, data.notes);
  if (data.emptyText && data.series.every((s) => s.kind === 'hrule' || s.kind === 'fault' || s.x.length === 0)) drawEmptyNote(frame, data.emptyText);
  const node = svg.node()!;
  writeScaleGeometry(node, margins, { kind: data.xScale, scale: x }, { kind: data.yScale, scale: y });
  return node;
}
