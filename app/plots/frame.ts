/**
 * The frame every plot starts from: the root <svg>, a legend row above the plot area, the plot
 * area's group and its inner size. Also the note drawn when there is nothing to plot yet.
 */
import type { Selection } from 'd3';
import { createPlotSvg, type Margins } from './axes.ts';
import { drawLegend, legendHeight, type LegendItem } from './legend.ts';
import { NORMAL_STYLE, type PlotStyle } from './theme.ts';
import type { PlotNote, PlotSize } from './types.ts';

/** Margins around the plot area; they grow with the type size (tick labels, axis titles). */
export function baseMargins(style: PlotStyle): Margins {
  const k = style.font.tick / NORMAL_STYLE.font.tick;
  return { top: 10, right: Math.round(20 * k), bottom: Math.round(58 * k), left: Math.round(78 * k) };
}

export interface PlotFrame {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  /** The plot area, translated to its top-left corner. */
  readonly g: Selection<SVGGElement, unknown, null, undefined>;
  /** Inner width and height of the plot area. */
  readonly w: number;
  readonly h: number;
  readonly margins: Margins;
  readonly style: PlotStyle;
}

export function createPlotFrame(size: PlotSize, title: string, legend: readonly LegendItem[], style: PlotStyle = NORMAL_STYLE): PlotFrame {
  const width = Math.max(200, Math.floor(size.width));
  const height = Math.max(180, Math.floor(size.height));
  const svg = createPlotSvg(width, height, title, style);
  const base = baseMargins(style);
  const w = width - base.left - base.right;
  const margins: Margins = { ...base, top: base.top + legendHeight(legend, w, style) };
  const h = Math.max(40, height - margins.top - margins.bottom);
  drawLegend(svg.append('g').attr('transform', `translate(${margins.left},${base.top})`), legend, w, style);
  const g = svg.append('g').attr('class', 'plot-area').attr('transform', `translate(${margins.left},${margins.top})`);
  return { svg, g, w, h, margins, style };
}

/** A note in the middle of an empty plot ("waiting for the Monte Carlo…"). */
export function drawEmptyNote(frame: Pick<PlotFrame, 'g' | 'w' | 'h' | 'style'>, text: string): void {
  frame.g
    .append('text')
    .attr('class', 'empty')
    .attr('x', frame.w / 2)
    .attr('y', frame.h / 2)
    .attr('text-anchor', 'middle')
    .attr('font-size', frame.style.font.label)
    .attr('fill', frame.style.name === 'projector' ? frame.style.ink : '#555')
    .text(text);
}

/** Notes in the corners of the plot area (fitted slopes, …), on a white backing so they stay legible. */
export function drawNotes(frame: PlotFrame, notes: readonly PlotNote[]): void {
  const pad = 10;
  const size = frame.style.font.note;
  const line = size + 6;
  const stacked = new Map<string, number>();
  for (const note of notes) {
    const right = note.corner.endsWith('right');
    const bottom = note.corner.startsWith('bottom');
    const k = stacked.get(note.corner) ?? 0;
    stacked.set(note.corner, k + 1);
    frame.g
      .append('text')
      .attr('class', `note note-${note.id}`)
      .attr('x', right ? frame.w - pad : pad)
      .attr('y', bottom ? frame.h - pad - k * line : pad + size + k * line)
      .attr('text-anchor', right ? 'end' : 'start')
      .attr('font-size', size)
      .attr('font-weight', 600)
      .attr('fill', frame.style.name === 'projector' ? frame.style.ink : '#1d2127')
      .attr('paint-order', 'stroke')
      .attr('stroke', '#fff')
      .attr('stroke-width', 5)
      .text(note.text);
  }
}
