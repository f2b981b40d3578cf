/**
 * Small multiples of heatmaps on one (x, y) grid with one shared logarithmic colour scale (viridis:
 * perceptually uniform and colour-blind safe), a colour bar with its units, hatched cells for
 * values not computed yet, and routes (arrows) drawn over every map with a legend. Pure:
 * (data, size) → a new detached <svg>.
 */
import * as d3 from 'd3';
import type { Selection } from 'd3';
import { createPlotSvg, logTickLabel } from './axes.ts';
import type { HeatmapsData } from './heatmapTypes.ts';
import { drawLegend, legendHeight, type LegendItem } from './legend.ts';
import { appendRichText, plainText } from './richText.ts';
import { NORMAL_STYLE, scriptSize, textWidth, type PlotStyle } from './theme.ts';
import type { PlotSize } from './types.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Width of the "∞" strips beyond the grid, in cells. */
const STRIP = 0.7;
const M = { left: 70, right: 118, bottom: 64, gap: 26 };
/** Narrowest map worth drawing side by side; narrower windows stack the maps. */
const MIN_MAP_WIDTH = 190;
/**
 * Height of the band above each map that holds its title (baseline 10 px above the map): the
 * title's cap height and a raised exponent (ResNet, branch L^{−1/2}) with room to spare, so the
 * title never touches the legend above it (it did at projector size with a fixed 30 px).
 */
function titleBand(style: PlotStyle): number {
  return Math.ceil(1.9 * style.font.label) + 4;
}
export const CELL_COLOR = { none: '#7b828c', pendingLine: '#a3abb5', strip: '#eceff3' } as const;

let counter = 0;

/**
 * Which of the labels centred at increasing `centres` (with extents `sizes`) to draw so that none
 * overlaps another or the `reserved` label (the ∞ strip) — greedy from the first, a gap of 4 px.
 */
export function spacedLabels(centres: readonly number[], sizes: readonly number[], reserved?: { at: number; size: number }): boolean[] {
  const GAP = 4;
  let lastEnd = -Infinity;
  const limit = reserved ? reserved.at - reserved.size / 2 - GAP : Infinity;
  return centres.map((c, i) => {
    const start = c - sizes[i] / 2;
    const end = c + sizes[i] / 2;
    if (start < lastEnd + GAP || end > limit) return false;
    lastEnd = end;
    return true;
  });
}

/** Piecewise-linear index → pixel map: cells of size `cell`, then the ∞ strip (index = count). */
function indexToPixel(count: number, cell: number): (i: number) => number {
  return (i) => (i <= count - 0.5 ? (i + 0.5) * cell : count * cell + (i - (count - 0.5)) * STRIP * cell);
}

export function drawHeatmaps(data: HeatmapsData, size: PlotSize, style: PlotStyle = NORMAL_STYLE): SVGSVGElement {
  const width = Math.max(360, Math.floor(size.width));
  const height = Math.max(260, Math.floor(size.height));
  const svg = createPlotSvg(width, height, data.title, style);
  const ink = style.ink;
  const font = style.font;
  const uid = ++counter;
  const defs = svg.append('defs');
  const hatchId = `hatch-${uid}`;
  const hatch = defs.append('pattern').attr('id', hatchId).attr('patternUnits', 'userSpaceOnUse').attr('width', 7).attr('height', 7).attr('patternTransform', 'rotate(45)');
  hatch.append('rect').attr('width', 7).attr('height', 7).attr('fill', '#fff');
  hatch.append('line').attr('x1', 1).attr('x2', 1).attr('y1', 0).attr('y2', 7).attr('stroke', CELL_COLOR.pendingLine).attr('stroke-width', 2.5);

  const legend: LegendItem[] = [
    ...data.overlays.map((o): LegendItem => ({ label: o.label, swatch: 'line', color: o.color, dash: o.dash })),
    { label: data.stateLabels.pending, swatch: 'bar', color: CELL_COLOR.pendingLine, fill: `url(#${hatchId})` },
    { label: data.stateLabels.none, swatch: 'bar', color: CELL_COLOR.none },
  ];
  const innerW = width - M.left - M.right;
  drawLegend(svg.append('g').attr('transform', `translate(${M.left},10)`), legend, innerW + M.right - 20, style);
  const top = 10 + legendHeight(legend, innerW + M.right - 20, style) + titleBand(style);
  /** Between stacked maps: the x tick labels of one and the title of the next. */
  const rowGap = 34 + titleBand(style);
  const k = Math.max(1, data.maps.length);
  const perRow = Math.max(1, Math.min(k, Math.floor((innerW + M.gap) / (MIN_MAP_WIDTH + M.gap))));
  const mapRows = Math.ceil(k / perRow);
  const mw = (innerW - M.gap * (perRow - 1)) / perRow;
  const mh = Math.max(60, (height - top - M.bottom - (mapRows - 1) * rowGap) / mapRows);
  const mapsHeight = mapRows * mh + (mapRows - 1) * rowGap;
  const C = data.columns.length;
  const R = data.rows.length;
  const cw = mw / (C + STRIP);
  const ch = mh / (R + STRIP);
  const px = indexToPixel(C, cw);
  const pyUp = indexToPixel(R, ch);
  const py = (r: number) => mh - pyUp(r);

  const domain = (data.colorDomain ?? [0.01, 1]) as [number, number];
  const color = d3.scaleSequentialLog(d3.interpolateViridis).domain(domain).clamp(true);
  const markers = new Map<string, string>();
  for (const o of data.overlays) {
    const id = `arrow-${uid}-${o.id}`;
    markers.set(o.id, id);
    defs
      .append('marker')
      .attr('id', id)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 7)
      .attr('refY', 5)
      .attr('markerWidth', 4.5)
      .attr('markerHeight', 4.5)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0L10,5L0,10z')
      .attr('fill', o.color)
      .attr('stroke', '#fff')
      .attr('stroke-width', 1);
  }
  const tickFont = cw < 34 && style.name === 'normal' ? font.tick - 2 : font.tick;

  data.maps.forEach((map, i) => {
    const col = i % perRow;
    const g: G = svg
      .append('g')
      .attr('class', `heatmap heatmap-${map.id}`)
      .attr('transform', `translate(${M.left + col * (mw + M.gap)},${top + Math.floor(i / perRow) * (mh + rowGap)})`);
    // Titles of side-by-side maps never run into each other: smaller type when one is wider than
    // its map and the gap (never under 18 px on a projector, 12 px otherwise).
    const titleWidth = textWidth(plainText(map.label), font.label) * 1.08; // bold
    const titleSize = Math.max(style.name === 'projector' ? 18 : 12, Math.min(font.label, (font.label * (mw + M.gap - 8)) / titleWidth));
    const title = g.append('text').attr('class', 'heatmap-title').attr('x', (C * cw) / 2).attr('y', -10).attr('text-anchor', 'middle').attr('font-size', titleSize).attr('font-weight', 650).attr('fill', ink);
    appendRichText(title.node()!, map.label, scriptSize(style));
    // The ∞ strips: where the width-first (right) and depth-first (top) limits live.
    const strips = data.limitStrips !== false;
    if (strips) {
      g.append('rect').attr('class', 'strip').attr('x', C * cw).attr('y', 0).attr('width', STRIP * cw).attr('height', mh).attr('fill', CELL_COLOR.strip);
      g.append('rect').attr('class', 'strip').attr('x', 0).attr('y', 0).attr('width', C * cw).attr('height', STRIP * ch).attr('fill', CELL_COLOR.strip);
    }
    const cells = g.append('g').attr('class', 'cells').attr('stroke', '#fff').attr('stroke-width', 1);
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const state = map.states[r]?.[c] ?? 'pending';
        const v = map.values[r]?.[c] ?? NaN;
        const fill = state === 'value' ? color(Math.max(v, domain[0])) : state === 'none' ? CELL_COLOR.none : `url(#${hatchId})`;
        cells
          .append('rect')
          .attr('class', 'cell')
          .attr('data-state', state)
          .attr('x', c * cw)
          .attr('y', mh - (r + 1) * ch)
          .attr('width', cw)
          .attr('height', ch)
          .attr('fill', fill)
          .append('title')
          .text(map.titles[r]?.[c] ?? '');
      }
    }
    g.append('rect').attr('x', 0).attr('y', STRIP * ch).attr('width', C * cw).attr('height', mh - STRIP * ch).attr('fill', 'none').attr('stroke', ink).attr('stroke-width', style.stroke.axis);
    const ticks = g.append('g').attr('class', 'ticks').attr('font-size', tickFont).attr('fill', ink);
    // Tick labels never overlap (issue 14 §6): a label is kept only where it clears its kept
    // neighbour and the ∞ label by a gap, at the estimated text width.
    const xText = data.columns.map((v) => d3.format('~g')(v));
    const xKeep = spacedLabels(
      xText.map((_, c) => px(c)),
      xText.map((t) => textWidth(t, tickFont)),
      { at: px(C), size: textWidth('∞', tickFont) },
    );
    data.columns.forEach((_, c) => {
      if (xKeep[c]) ticks.append('text').attr('class', 'tick-x').attr('x', px(c)).attr('y', mh + 18).attr('text-anchor', 'middle').text(xText[c]);
    });
    if (strips) ticks.append('text').attr('class', 'tick-x').attr('x', px(C)).attr('y', mh + 18).attr('text-anchor', 'middle').attr('font-weight', 700).text('∞');
    if (col === 0) {
      // Rows go up the page: spaced by the text height, from the bottom row.
      const yKeep = spacedLabels(
        data.rows.map((_, r) => -py(r)),
        data.rows.map(() => tickFont),
        { at: -py(R), size: tickFont },
      );
      data.rows.forEach((v, r) => {
        if (yKeep[r]) ticks.append('text').attr('class', 'tick-y').attr('x', -8).attr('y', py(r) + 5).attr('text-anchor', 'end').text(d3.format('~g')(v));
      });
      if (strips) ticks.append('text').attr('class', 'tick-y').attr('x', -8).attr('y', py(R) + 5).attr('text-anchor', 'end').attr('font-weight', 700).text('∞');
    }
    drawOverlays(g, data, markers, px, py, style);
  });

  const xl = svg.append('text').attr('class', 'axis-label axis-label-x').attr('x', M.left + innerW / 2).attr('y', top + mapsHeight + 50).attr('text-anchor', 'middle').attr('font-size', font.label).attr('fill', ink);
  appendRichText(xl.node()!, data.xLabel, scriptSize(style));
  const yl = svg.append('text').attr('class', 'axis-label axis-label-y').attr('transform', `translate(18,${top + mapsHeight / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', font.label).attr('fill', ink);
  appendRichText(yl.node()!, data.yLabel, scriptSize(style));
  drawColorBar(svg, data, domain, color, { x: width - M.right + 22, y: top + STRIP * ch, h: mapsHeight - STRIP * ch, uid, right: width }, style);
  return svg.node()!;
}

function drawOverlays(g: G, data: HeatmapsData, markers: Map<string, string>, px: (i: number) => number, py: (i: number) => number, style: PlotStyle): void {
  const layer = g.append('g').attr('class', 'overlays').attr('fill', 'none').attr('stroke-linecap', 'round').attr('stroke-linejoin', 'round');
  const line = d3
    .line<readonly [number, number]>()
    .x((p) => px(p[0]))
    .y((p) => py(p[1]));
  for (const o of data.overlays) {
    const route = layer.append('g').attr('class', `overlay overlay-${o.id}`);
    for (const leg of o.legs) route.append('path').attr('d', line(leg as [number, number][])).attr('stroke', '#fff').attr('stroke-width', 7).attr('stroke-opacity', 0.85);
    for (const leg of o.legs) {
      route
        .append('path')
        .attr('class', 'leg')
        .attr('d', line(leg as [number, number][]))
        .attr('stroke', o.color)
        .attr('stroke-width', style.name === 'projector' ? 4.5 : 3)
        .attr('stroke-dasharray', o.dash ?? null)
        .attr('marker-end', `url(#${markers.get(o.id)})`);
    }
    const start = o.legs[0]?.[0];
    if (start) route.append('circle').attr('cx', px(start[0])).attr('cy', py(start[1])).attr('r', 4.5).attr('fill', o.color).attr('stroke', '#fff').attr('stroke-width', 1.5);
  }
}

function drawColorBar(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  data: HeatmapsData,
  domain: [number, number],
  color: (v: number) => string,
  at: { x: number; y: number; h: number; uid: number; right: number },
  style: PlotStyle,
): void {
  const id = `colorbar-${at.uid}`;
  const grad = svg.select('defs').append('linearGradient').attr('id', id).attr('x1', 0).attr('x2', 0).attr('y1', 1).attr('y2', 0);
  for (let i = 0; i <= 32; i++) {
    const t = i / 32;
    grad.append('stop').attr('offset', t).attr('stop-color', color(domain[0] * Math.pow(domain[1] / domain[0], t)));
  }
  const bar = svg.append('g').attr('class', 'colorbar').attr('transform', `translate(${at.x},${at.y})`);
  bar.append('rect').attr('width', 18).attr('height', at.h).attr('fill', data.colorDomain ? `url(#${id})` : CELL_COLOR.strip).attr('stroke', style.ink).attr('stroke-width', 0.75);
  if (data.colorDomain) {
    const scale = d3.scaleLog().domain(domain).range([at.h, 0]);
    const axis = d3.axisRight(scale).ticks(6).tickSizeOuter(0).tickFormat((v) => logTickLabel(v as number));
    const ag = bar.append('g').attr('class', 'colorbar-axis').attr('transform', 'translate(18,0)').call(axis);
    ag.attr('font-size', style.font.tick).attr('font-family', style.font.family).attr('color', style.ink);
  }
  const label = svg
    .append('text')
    .attr('class', 'colorbar-label')
    .attr('transform', `translate(${at.right - 12},${at.y + at.h / 2}) rotate(90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', style.name === 'projector' ? style.font.label : style.font.label - 1)
    .attr('fill', style.ink);
  appendRichText(label.node()!, data.colorLabel, scriptSize(style));
}
