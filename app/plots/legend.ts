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

export function legendRows(items: readonly LegendItem[], width: number, style: PlotStyle = NORMAL_STYLE): LegendItem[][] {
  const rows: LegendItem[][] = [[]];
  let x = 0;
  for (const item of items) {
    const w = itemWidth(item, style);
    if (x > 0 && x + w > width) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push(item);
    x += w;
  }
  return rows.filter((r) => r.length > 0);
}

export function legendHeight(items: readonly LegendItem[], width: number, style: PlotStyle = NORMAL_STYLE): number {
  return items.length === 0 ? 0 : legendRows(items, width, style).length * rowHeight(style) + 4;
}

export function drawLegend(
  parent: Selection<SVGGElement, unknown, null, undefined>,
  items: readonly LegendItem[],
  width: number,
  style: PlotStyle = NORMAL_STYLE,
): number {
  const g = parent.append('g').attr('class', 'legend');
  const rows = legendRows(items, width, style);
  const ROW = rowHeight(style);
  const r0 = style.stroke.pointRadius;
  rows.forEach((row, r) => {
    let x = 0;
    const y = r * ROW + ROW / 2;
    for (const item of row) {
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
      const text = entry
        .append('text')
        .attr('x', SWATCH + 6)
        .attr('dy', '0.35em')
        .attr('font-size', style.font.legend)
        .attr('fill', style.name === 'projector' ? style.ink : '#1d2127');
      appendRichText(text.node()!, item.label, scriptSize(style));
      x += itemWidth(item, style);
    }
  });
  return legendHeight(items, width, style);
}
