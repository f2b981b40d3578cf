/**
 * The phase diagram (view=phase) as one colour map over the (σw², σb²) plane: each grid value is
 * the centre of a cell coloured by the chosen quantity (viridis: perceptually uniform and
 * colour-blind safe; log scale for depth scales), cells without a value in grey, the regions named
 * on the map, the lines drawn over it (the critical line χ₁ = 1: a limit, so a line) and the spec's
 * own point as a marker; a colour bar with its label and units on the right. The plot geometry is
 * written on the <svg> (geometry.ts) so a click maps back to (σw², σb²). Pure: (data, size, style)
 * → a new detached <svg>.
 */
import * as d3 from 'd3';
import type { Selection } from 'd3';
import { createPlotSvg, drawable, drawAxes, logTickLabel, makeScale, type Scale } from './axes.ts';
import { baseMargins, drawEmptyNote } from './frame.ts';
import { writeScaleGeometry } from './geometry.ts';
import { drawLegend, legendHeight, type LegendItem } from './legend.ts';
import type { PhaseMapData } from './phaseMapTypes.ts';
import { appendRichText, plainText } from './richText.ts';
import { OKABE_ITO, NORMAL_STYLE, scriptSize, strokeWidth, textWidth, type PlotStyle } from './theme.ts';
import { drawAll, type DrawFunction, type PlotSize } from './types.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Grey of cells without a value (q* = ∞, ξ = ∞ …) and of cells not computed yet. */
export const PHASE_CELL_COLOR = { none: '#7b828c', pending: '#eceff3' } as const;
/** The spec's own point. */
export const POINT_COLOR = OKABE_ITO.vermillion;
const BAR_WIDTH = 18;
/** Above this many cells the map is drawn as one raster image (see drawPhaseMap). */
export const MAX_CELL_RECTS = 2601;

let counter = 0;

/** Half a grid step on each side: the cells are centred on the grid values. */
function cellDomain(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const step = values.length > 1 ? (values[values.length - 1] - values[0]) / (values.length - 1) : Math.max(Math.abs(values[0]), 1) * 0.1;
  return [values[0] - step / 2, values[values.length - 1] + step / 2];
}

/** The colour domain: the data's, else the extent of the drawable values (positive on a log scale). */
function colorDomainOf(data: PhaseMapData): [number, number] | undefined {
  if (data.colorDomain) return [data.colorDomain[0], data.colorDomain[1]];
  const log = data.colorScale === 'log';
  const ok = drawable(log ? 'log' : 'linear');
  // One pass, no flattened copy of the 201² grid (issue 14 §8).
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of data.values) {
    for (const v of row) {
      if (v === null || !ok(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return undefined;
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi))) return log ? [lo / 1.25, hi * 1.25] : [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/**
 * Chessboard distance of each cell of `region` to the nearest cell of another region or to the
 * edge of the grid (0 outside the region): two-pass distance transform, O(cells), on a flat typed
 * array with a border of zeros (outside the grid is "not this region") — a 201² map is redrawn per
 * partial result, so no per-cell closures, bounds tests or boxing (issue 14 §8). Cell (i, j) is at
 * d[(j + 1)·(C + 2) + i + 1].
 */
function regionDepths(regions: readonly (readonly string[])[], region: string): { d: Int32Array; R: number; C: number } {
  const R = regions.length;
  let C = 0;
  for (const row of regions) C = Math.max(C, row.length);
  const BIG = 1 << 30;
  const W = C + 2;
  const d = new Int32Array((R + 2) * W);
  for (let j = 0; j < R; j++) {
    const row = regions[j];
    for (let i = 0; i < row.length; i++) if (row[i] === region) d[(j + 1) * W + i + 1] = BIG;
  }
  // Forward pass (neighbours above and to the left), then backward (below and to the right).
  for (let j = 1; j <= R; j++) {
    for (let k = j * W + 1, end = j * W + C; k <= end; k++) {
      if (d[k] === 0) continue;
      const m = Math.min(d[k - W - 1], d[k - W], d[k - W + 1], d[k - 1]);
      if (m + 1 < d[k]) d[k] = m + 1;
    }
  }
  for (let j = R; j >= 1; j--) {
    for (let k = j * W + C, start = j * W + 1; k >= start; k--) {
      if (d[k] === 0) continue;
      const m = Math.min(d[k + W + 1], d[k + W], d[k + W - 1], d[k + 1]);
      if (m + 1 < d[k]) d[k] = m + 1;
    }
  }
  return { d, R, C };
}

/**
 * Where to write a region's name: the cell of that region farthest (chessboard distance) from any
 * other region and from the edge of the grid (the first such cell, row by row).
 */
export function regionAnchor(regions: readonly (readonly string[])[], region: string): { i: number; j: number; depth: number } | undefined {
  return labelAnchor(regions, region, { left: 0, right: 0, down: 0, up: 0 });
}

/** How many cells a label reaches from the cell it is centred on, on each side (row j + 1 is above row j). */
export interface LabelReach {
  readonly left: number;
  readonly right: number;
  readonly down: number;
  readonly up: number;
}

/**
 * The cell of `region` on which a label reaching `reach` cells around it lies entirely on cells of
 * that region (so the name never crosses into another region, e.g. over the critical line), the
 * deepest such cell (regionAnchor's distance), first row by row; undefined when the label fits
 * nowhere. A summed-area table of the other regions' cells makes each test O(1).
 */
export function labelAnchor(regions: readonly (readonly string[])[], region: string, reach: LabelReach): { i: number; j: number; depth: number } | undefined {
  const { d, R, C } = regionDepths(regions, region);
  const W = C + 2;
  // other[(j)·(C + 1) + i]: cells of rows < j and columns < i that are not of the region.
  const S = C + 1;
  const other = new Int32Array((R + 1) * S);
  for (let j = 0; j < R; j++) {
    let run = 0;
    for (let i = 0; i < C; i++) {
      run += d[(j + 1) * W + i + 1] === 0 ? 1 : 0;
      other[(j + 1) * S + i + 1] = other[j * S + i + 1] + run;
    }
  }
  let best: { i: number; j: number; depth: number } | undefined;
  let bestDepth = 0;
  for (let j = reach.down; j < R - reach.up; j++) {
    for (let i = reach.left; i < C - reach.right; i++) {
      const v = d[(j + 1) * W + i + 1];
      if (v <= bestDepth) continue;
      const i0 = i - reach.left;
      const i1 = i + reach.right + 1;
      const j0 = j - reach.down;
      const j1 = j + reach.up + 1;
      if (other[j1 * S + i1] - other[j0 * S + i1] - other[j1 * S + i0] + other[j0 * S + i0] !== 0) continue;
      bestDepth = v;
      best = { i, j, depth: v };
    }
  }
  return best;
}

/** v ↦ its clamped position in [0, 1] on a linear or log axis over `domain` (as d3.scaleLinear/scaleLog().domain(domain).range([0, 1]).clamp(true)). */
export function positionOn(domain: readonly [number, number], log: boolean): (v: number) => number {
  const a = log ? Math.log(domain[0]) : domain[0];
  const b = (log ? Math.log(domain[1]) : domain[1]) - a;
  // A zero-width domain maps everything to the middle (d3's normalize: b ? (x − a)/b : 0.5).
  if (!b) return () => 0.5;
  return (v) => {
    const x = ((log ? Math.log(v) : v) - a) / b;
    return x < 0 ? 0 : x > 1 ? 1 : x;
  };
}

function formatNumber(v: number): string {
  return d3.format('.3~g')(v).replace('-', '−');
}

/** The phase map in one go (exports, every caller that does not draw through the draw queue). */
export const drawPhaseMap: DrawFunction<PhaseMapData> = Object.assign((data: PhaseMapData, size: PlotSize, style: PlotStyle = NORMAL_STYLE) => drawAll(drawPhaseMapSteps(data, size, style)), {
  steps: (data: PhaseMapData, size: PlotSize, style: PlotStyle = NORMAL_STYLE) => drawPhaseMapSteps(data, size, style),
});

/**
 * The phase map in steps (issue 14 §8): a 201² map is redrawn for each partial result; the raster
 * and each region's label (a distance transform over the grid) are separate steps, so the draw
 * queue can give the main thread back between them.
 */
export function* drawPhaseMapSteps(data: PhaseMapData, size: PlotSize, style: PlotStyle = NORMAL_STYLE): Generator<void, SVGSVGElement, void> {
  const width = Math.max(320, Math.floor(size.width));
  const height = Math.max(260, Math.floor(size.height));
  const font = style.font;
  const uid = ++counter;
  const svg = createPlotSvg(width, height, data.title, style);

  // Right margin: the colour bar, its tick labels and its rotated label.
  const base = baseMargins(style);
  const right = BAR_WIDTH + 16 + textWidth('0.000', font.tick) + font.label + 22;
  const legend: LegendItem[] = [
    ...data.lines.map((l): LegendItem => ({ label: l.label, swatch: 'line', color: l.color, dash: l.dash, width: l.dash ? 1.75 : 4 })),
    ...(data.point ? [{ label: data.point.label, swatch: 'points' as const, color: POINT_COLOR }] : []),
    { label: data.noneLabel ?? 'no value', swatch: 'bar', color: PHASE_CELL_COLOR.none },
  ];
  const legendWidth = width - base.left - 10;
  const margins = { top: base.top + legendHeight(legend, legendWidth, style) + 6, right, bottom: base.bottom, left: base.left };
  drawLegend(svg.append('g').attr('transform', `translate(${base.left},${base.top})`), legend, legendWidth, style);
  const w = Math.max(60, width - margins.left - margins.right);
  const h = Math.max(60, height - margins.top - margins.bottom);
  const g: G = svg.append('g').attr('class', 'plot-area').attr('transform', `translate(${margins.left},${margins.top})`);

  const x: Scale = makeScale('linear', cellDomain(data.xs), [0, w], true);
  const y: Scale = makeScale('linear', cellDomain(data.ys), [h, 0], true);
  drawAxes(g, { x, y, xKind: 'linear', yKind: 'linear', width: w, height: h, xLabel: data.xLabel, yLabel: data.yLabel, margins, style });

  const domain = colorDomainOf(data);
  const log = data.colorScale === 'log';
  const colorable = drawable(log ? 'log' : 'linear');
  const color = log ? d3.scaleSequentialLog(d3.interpolateViridis) : d3.scaleSequential(d3.interpolateViridis);
  if (domain) color.domain(domain).clamp(true);

  // Cells: [x0, x1] × [y0, y1] around each grid value.
  const [dx0, dx1] = cellDomain(data.xs);
  const [dy0, dy1] = cellDomain(data.ys);
  const cw = data.xs.length > 0 ? (dx1 - dx0) / data.xs.length : 0;
  const ch = data.ys.length > 0 ? (dy1 - dy0) / data.ys.length : 0;
  const colorText = plainText(data.colorLabel);
  const cells = g.append('g').attr('class', 'cells').attr('shape-rendering', 'crispEdges');
  const fillOf = (i: number, j: number): { fill: string; region: string; v: number | null; ok: boolean } => {
    const v = data.values[j]?.[i] ?? null;
    const region = data.regions[j]?.[i] ?? 'pending';
    const ok = v !== null && colorable(v) && domain !== undefined;
    return { fill: ok ? color(v) : region === 'pending' ? PHASE_CELL_COLOR.pending : PHASE_CELL_COLOR.none, region, v, ok };
  };
  const box = (i: number, j: number) => {
    const px0 = x(data.xs[i] - cw / 2);
    const py0 = y(data.ys[j] + ch / 2);
    // A hair of overlap so that anti-aliasing leaves no seams between cells.
    return { x: px0, y: py0, w: x(data.xs[i] + cw / 2) - px0 + 0.5, h: y(data.ys[j] - ch / 2) - py0 + 0.5 };
  };
  let valued = 0;
  if (data.xs.length * data.ys.length <= MAX_CELL_RECTS) {
    data.ys.forEach((yv, j) =>
      data.xs.forEach((xv, i) => {
        const { fill, region, v, ok } = fillOf(i, j);
        if (ok) valued++;
        const b = box(i, j);
        cells
          .append('rect')
          .attr('class', 'cell')
          .attr('data-region', region)
          .attr('data-i', i)
          .attr('data-j', j)
          .attr('x', b.x)
          .attr('y', b.y)
          .attr('width', b.w)
          .attr('height', b.h)
          .attr('fill', fill)
          .append('title')
          .text(`σw² = ${formatNumber(xv)}, σb² = ${formatNumber(yv)}: ${region}; ${colorText} = ${v === null ? 'none' : formatNumber(v)}`);
      }),
    );
  } else {
    // A fine grid (up to 201 × 201 = 40 401 cells): one raster image, one pixel per cell, scaled
    // up without smoothing, instead of one <rect> per cell (issue 14 §8: a 201² map of rects held
    // the main thread for seconds per partial result). The image is a PNG data URL inside the SVG,
    // so the SVG and PNG exports carry it. The cell under the keyboard cursor is read out below the
    // map (PhaseView), not in a per-cell tooltip.
    const C = data.xs.length;
    const R = data.ys.length;
    const canvas = document.createElement('canvas');
    canvas.width = C;
    canvas.height = R;
    const ctx = canvas.getContext('2d');
    const pixels = ctx?.createImageData(C, R);
    // Colours by index into viridis's 256-colour ramp (what d3.interpolateViridis returns for
    // t in [i/256, (i+1)/256)), without a colour string per cell: 40 401 strings per redraw were
    // most of the garbage of a partial result.
    const ramp = Array.from({ length: 256 }, (_, i) => d3.rgb(d3.interpolateViridis((i + 0.5) / 256)));
    // The colour scale's position t ∈ [0, 1] written out (what d3's clamped linear or log scale
    // over `domain` onto [0, 1] computes: (f(v) − f(d0)) / (f(d1) − f(d0)), f = identity or log),
    // without a scale call per cell.
    const t = domain ? positionOn(domain, log) : undefined;
    const none = d3.rgb(PHASE_CELL_COLOR.none);
    const pending = d3.rgb(PHASE_CELL_COLOR.pending);
    for (let j = 0; j < R; j++) {
      const row = data.values[j];
      const regionRow = data.regions[j];
      for (let i = 0; i < C; i++) {
        const v = row?.[i] ?? null;
        const ok = v !== null && t !== undefined && colorable(v);
        if (ok) valued++;
        if (!pixels) continue;
        const rgb = ok ? ramp[Math.min(255, Math.max(0, Math.floor(t(v) * 256)))] : (regionRow?.[i] ?? 'pending') === 'pending' ? pending : none;
        // Row j = 0 is the smallest σb², drawn at the bottom.
        const o = 4 * ((R - 1 - j) * C + i);
        pixels.data[o] = rgb.r;
        pixels.data[o + 1] = rgb.g;
        pixels.data[o + 2] = rgb.b;
        pixels.data[o + 3] = 255;
      }
    }
    if (ctx && pixels) {
      ctx.putImageData(pixels, 0, 0);
      const b0 = box(0, R - 1);
      const b1 = box(C - 1, 0);
      cells
        .append('image')
        .attr('class', 'cells-raster')
        .attr('x', b0.x)
        .attr('y', b0.y)
        .attr('width', b1.x + b1.w - 0.5 - b0.x)
        .attr('height', b1.y + b1.h - 0.5 - b0.y)
        .attr('preserveAspectRatio', 'none')
        .attr('style', 'image-rendering: pixelated')
        .attr('href', canvas.toDataURL('image/png'));
    }
  }
  // Axes over the cells (drawAxes put them first).
  g.selectAll<SVGGElement, unknown>('.axis').raise();
  g.selectAll<SVGTextElement, unknown>('.axis-label').raise();

  const clipId = `phase-clip-${uid}`;
  svg.append('defs').append('clipPath').attr('id', clipId).append('rect').attr('width', w).attr('height', h);
  const over = g.append('g').attr('class', 'overlays').attr('clip-path', `url(#${clipId})`);

  const large = data.xs.length * data.ys.length > MAX_CELL_RECTS;
  if (large) yield;
  for (const _ of drawRegionLabels(over, data, x, y, w, h, style)) if (large) yield;
  drawLines(over, data, x, y, style);
  if (data.cursor) {
    const cx0 = x(data.cursor.x - cw / 2);
    const cy0 = y(data.cursor.y + ch / 2);
    const cur = over.append('g').attr('class', 'cursor').attr('fill', 'none');
    const box = { x: cx0, y: cy0, width: x(data.cursor.x + cw / 2) - cx0, height: y(data.cursor.y - ch / 2) - cy0 };
    cur.append('rect').attr('x', box.x).attr('y', box.y).attr('width', box.width).attr('height', box.height).attr('stroke', '#fff').attr('stroke-width', 5);
    cur.append('rect').attr('x', box.x).attr('y', box.y).attr('width', box.width).attr('height', box.height).attr('stroke', OKABE_ITO.black).attr('stroke-width', 2.5);
  }
  if (data.point) {
    over
      .append('circle')
      .attr('class', 'spec-point')
      .attr('cx', x(data.point.x))
      .attr('cy', y(data.point.y))
      .attr('r', style.stroke.pointRadius + 2.5)
      .attr('fill', POINT_COLOR)
      .attr('stroke', '#fff')
      .attr('stroke-width', 2.5)
      .append('title')
      .text(`${data.point.label}: σw² = ${formatNumber(data.point.x)}, σb² = ${formatNumber(data.point.y)}`);
  }
  if (valued === 0 && data.emptyText) drawEmptyNote({ g, w, h, style }, data.emptyText);

  drawColorBar(svg, data, domain, color, { x: margins.left + w + 14, y: margins.top, h, uid, right: width }, style);
  const node = svg.node()!;
  writeScaleGeometry(node, margins, { kind: 'linear', scale: x }, { kind: 'linear', scale: y });
  return node;
}

/** Region names on the map, in the cell deepest inside each region, on a white halo. */
function* drawRegionLabels(layer: G, data: PhaseMapData, x: Scale, y: Scale, w: number, h: number, style: PlotStyle): Generator<void, void, void> {
  const size = style.font.label;
  const R = data.ys.length;
  const C = data.xs.length;
  // Cell size in pixels (the grid is uniform; cellDomain puts half a cell beyond each end value).
  const cellW = C > 0 ? w / C : w;
  const cellH = R > 0 ? h / R : h;
  for (const { region, label: full } of data.regionLabels ?? []) {
    // The full name ("chaotic: χ₁ > 1"), else the name alone ("chaotic") where the full one does not
    // fit; a region too small or thin for either is left unnamed rather than named across a line.
    const names = full.includes(':') ? [full, full.slice(0, full.indexOf(':'))] : [full];
    let placed: { label: string; half: number; anchor: { i: number; j: number } } | undefined;
    for (const label of names) {
      // Bold text: 8 % wider than textWidth's regular weight.
      const half = (textWidth(plainText(label), size) * 1.08) / 2 + 6;
      // The label's box around its anchor: ±half across, a line of text (with its halo and
      // subscripts) up and down, plus one cell of margin, so that the name stays inside its region.
      const across = Math.ceil(half / cellW) + 1;
      const up = Math.ceil((size + 4) / cellH) + 1;
      const down = Math.ceil((0.7 * size + 4) / cellH) + 1;
      const anchor = labelAnchor(data.regions, region, { left: across, right: across, up, down });
      // One region's distance transform per step.
      yield;
      if (anchor) {
        placed = { label, half, anchor };
        break;
      }
    }
    if (!placed) continue;
    const { label, half, anchor } = placed;
    const cx = Math.max(half, Math.min(w - half, x(data.xs[anchor.i])));
    const cy = Math.max(size + 4, Math.min(h - 8, y(data.ys[anchor.j]) + size / 3));
    const text = layer
      .append('text')
      .attr('class', `region-label region-label-${region}`)
      .attr('x', cx)
      .attr('y', cy)
      .attr('text-anchor', 'middle')
      .attr('font-size', size)
      .attr('font-weight', 700)
      .attr('fill', style.name === 'projector' ? style.ink : '#1d2127')
      .attr('paint-order', 'stroke')
      .attr('stroke', '#fff')
      .attr('stroke-width', 5)
      .attr('stroke-linejoin', 'round');
    appendRichText(text.node()!, label, scriptSize(style));
  }
}

/** Lines over the map on a white casing (readable over every viridis colour); null vertices break them. */
function drawLines(layer: G, data: PhaseMapData, x: Scale, y: Scale, style: PlotStyle): void {
  for (const l of data.lines) {
    const pts = l.x.map((xv, i) => [xv, l.y[i]] as const);
    const path = d3
      .line<readonly [number | null, number | null]>()
      .defined((p) => p[0] !== null && p[1] !== null && Number.isFinite(p[0]) && Number.isFinite(p[1]))
      .x((p) => x(p[0]!))
      .y((p) => y(p[1]!))(pts);
    const thin = l.dash !== undefined;
    const lw = thin ? strokeWidth(style, 1.75) : strokeWidth(style, 4);
    const gl = layer.append('g').attr('class', `phase-line phase-line-${l.id}`).attr('fill', 'none').attr('stroke-linejoin', 'round').attr('stroke-linecap', 'round');
    if (!thin) gl.append('path').attr('class', 'casing').attr('d', path).attr('stroke', '#fff').attr('stroke-width', lw + 3.5).attr('stroke-opacity', 0.9);
    gl.append('path').attr('class', 'line').attr('d', path).attr('stroke', l.color).attr('stroke-width', lw).attr('stroke-dasharray', l.dash ?? null);
  }
}

function drawColorBar(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  data: PhaseMapData,
  domain: [number, number] | undefined,
  color: (v: number) => string,
  at: { x: number; y: number; h: number; uid: number; right: number },
  style: PlotStyle,
): void {
  const log = data.colorScale === 'log';
  const id = `phase-colorbar-${at.uid}`;
  const grad = svg.select('defs').append('linearGradient').attr('id', id).attr('x1', 0).attr('x2', 0).attr('y1', 1).attr('y2', 0);
  if (domain) {
    for (let i = 0; i <= 32; i++) {
      const t = i / 32;
      const v = log ? domain[0] * Math.pow(domain[1] / domain[0], t) : domain[0] + (domain[1] - domain[0]) * t;
      grad.append('stop').attr('offset', t).attr('stop-color', color(v));
    }
  }
  const bar = svg.append('g').attr('class', 'colorbar').attr('transform', `translate(${at.x},${at.y})`);
  bar.append('rect').attr('width', BAR_WIDTH).attr('height', at.h).attr('fill', domain ? `url(#${id})` : PHASE_CELL_COLOR.pending).attr('stroke', style.ink).attr('stroke-width', 0.75);
  if (domain) {
    const scale = (log ? d3.scaleLog() : d3.scaleLinear()).domain(domain).range([at.h, 0]);
    const count = Math.max(2, Math.floor(at.h / (45 * (style.font.tick / NORMAL_STYLE.font.tick))));
    const f = d3.format('~g');
    const axis = d3
      .axisRight(scale)
      .ticks(count)
      .tickSizeOuter(0)
      .tickFormat((v) => (log ? logTickLabel(v as number) : f(v as number).replace('-', '−')));
    const ag = bar.append('g').attr('class', 'colorbar-axis').attr('transform', `translate(${BAR_WIDTH},0)`).call(axis);
    ag.attr('font-size', style.font.tick).attr('font-family', style.font.family).attr('color', style.ink);
    for (const m of data.colorMarks ?? []) {
      if (!(m.value >= domain[0] && m.value <= domain[1])) continue;
      const my = scale(m.value);
      bar.append('line').attr('class', 'colorbar-mark').attr('x1', -5).attr('x2', BAR_WIDTH + 5).attr('y1', my).attr('y2', my).attr('stroke', '#fff').attr('stroke-width', strokeWidth(style, 4) + 3);
      bar.append('line').attr('class', 'colorbar-mark').attr('x1', -5).attr('x2', BAR_WIDTH + 5).attr('y1', my).attr('y2', my).attr('stroke', OKABE_ITO.black).attr('stroke-width', strokeWidth(style, 4)).append('title').text(m.label);
    }
  }
  const label = svg
    .append('text')
    .attr('class', 'colorbar-label')
    .attr('transform', `translate(${at.right - style.font.label / 2 - 4},${at.y + at.h / 2}) rotate(90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', style.font.label)
    .attr('fill', style.ink);
  appendRichText(label.node()!, data.colorLabel, scriptSize(style));
}
