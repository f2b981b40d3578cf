/**
 * A legend row above the plot area (never over the data): one swatch per series, wrapped onto as
 * many rows as the width needs. Returns the height it used.
 */
import type { Selection } from 'd3';
import { appendRichText, plainText } from './richText.ts';
import { NORMAL_STYLE, scriptSize, strokeWidth, textWidth, type PlotStyle } from './theme.ts';

export interface LegendItem {
  readonly label: string;
  /** line: a limit; points / errorbar: estimates; band, bar: spreads and counts; spike: an atom. */
  readonly swatch: 'line' | 'points' | 'errorbar' | 'band' | 'bar' | 'spike';
  readonly color: string;
  readonly dash?: string;
  readonly opacity?: number;
  /** Line width for 'line' (thin context curves look thin in the legend too). */
  readonly width?: number;
  /** Fill for 'band' / 'bar' instead of `color` (e.g. url(#hatch) for cells not computed yet). */
  readonly fill?: string;
}

const SWATCH = 26;
const GAP = 18;
const rowHeight = (style: PlotStyle) => style.font.legend + 10;

function itemWidth(item: LegendItem, style: PlotStyle): number {
  return SWATCH + 6 + textWidth(plainText(item.label), style.font.legend) + GAP;
}

/**
 * A rich label cut at spaces (never inside a {…} script group) into lines no wider than `max`
 * pixels; a single word wider than that stays whole on its line.
 */
export function wrapLabel(label: string, max: number, fontSize: number): string[] {
  const words: string[] = [];
  let depth = 0;
  let word = '';
  for (const c of label) {
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ' ' && depth === 0) {
      if (word) words.push(word);
      word = '';
    } else word += c;
  }
  if (word) words.push(word);
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(plainText(`${last} ${w}`), fontSize) <= max) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines.length > 0 ? lines : [label];
}

/** One legend entry placed: its row, its x, and its label's lines (more than one only when the label alone is wider than the legend). */
interface PlacedItem {
  readonly item: LegendItem;
  readonly row: number;
  readonly x: number;
  readonly lines: string[];
}

/**
 * Entries side by side, wrapped onto as many rows as the width needs; an entry wider than the whole
 * legend (a long label in a narrow plot, e.g. the three-limits view) gets rows of its own, its label
 * wrapped at spaces, instead of running out of the plot.
 */
function layoutLegend(items: readonly LegendItem[], width: number, style: PlotStyle): { placed: PlacedItem[]; rows: number } {
  const placed: PlacedItem[] = [];
  let row = 0;
  let x = 0;
  for (const item of items) {
    const w = itemWidth(item, style);
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    if (w > width) {
      const lines = wrapLabel(item.label, width - SWATCH - 6 - GAP, style.font.legend);
      placed.push({ item, row, x: 0, lines });
      row += lines.length;
      x = 0;
      continue;
    }
    placed.push({ item, row, x, lines: [item.label] });
    x += w;
  }
  return { placed, rows: x > 0 ? row + 1 : row };
}

export function legendHeight(items: readonly LegendItem[], width: number, style: PlotStyle = NORMAL_STYLE): number {
  return items.length === 0 ? 0 : layoutLegend(items, width, style).rows * rowHeight(style) + 4;
}

export function drawLegend(
  parent: Selection<SVGGElement, unknown, null, undefined>,
  items: readonly LegendItem[],
  width: number,
  style: PlotStyle = NORMAL_STYLE,
): number {
  const g = parent.append('g').attr('class', 'legend');
  const ROW = rowHeight(style);
  const r0 = style.stroke.pointRadius;
  for (const { item, row, x, lines } of layoutLegend(items, width, style).placed) {
    const y = row * ROW + ROW / 2;
    const entry = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},${y})`);
    if (item.swatch === 'line') {
      entry
        .append('line')
        .attr('x1', 0)
        .attr('x2', SWATCH)
        .attr('stroke', item.color)
        .attr('stroke-width', strokeWidth(style, item.width ?? NORMAL_STYLE.stroke.line))
        .attr('stroke-opacity', item.opacity ?? 1)
        .attr('stroke-dasharray', item.dash ?? null);
    } else if (item.swatch === 'points' || item.swatch === 'errorbar') {
      if (item.swatch === 'errorbar') entry.append('line').attr('x1', SWATCH / 2).attr('x2', SWATCH / 2).attr('y1', -8).attr('y2', 8).attr('stroke', item.color).attr('stroke-width', 2);
      entry.append('circle').attr('cx', SWATCH / 2).attr('r', r0).attr('fill', item.color).attr('stroke', '#fff').attr('stroke-width', 1);
    } else if (item.swatch === 'spike') {
      entry.append('line').attr('x1', SWATCH / 2).attr('x2', SWATCH / 2).attr('y1', 8).attr('y2', -6).attr('stroke', item.color).attr('stroke-width', 3);
      entry.append('circle').attr('cx', SWATCH / 2).attr('cy', -6).attr('r', 3.5).attr('fill', item.color);
    } else {
      entry
        .append('rect')
        .attr('x', 0)
        .attr('y', -7)
        .attr('width', SWATCH)
        .attr('height', 14)
        .attr('fill', item.fill ?? item.color)
        .attr('fill-opacity', item.opacity ?? 1)
        .attr('stroke', item.fill ? '#8a93a0' : null);
    }
    lines.forEach((line, k) => {
      const text = entry
        .append('text')
        .attr('x', SWATCH + 6)
        .attr('dy', '0.35em')
        .attr('font-size', style.font.legend)
        .attr('fill', style.name === 'projector' ? style.ink : '#1d2127');
      if (k > 0) text.attr('y', k * ROW);
      appendRichText(text.node()!, line, scriptSize(style));
    });
  }
  return legendHeight(items, width, style);
}
