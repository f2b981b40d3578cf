/**
 * Shared plot frame: margins, scales (linear or log), axes with readable ticks, grid lines and the
 * axis labels (rich text: ρ^{ℓ}, layer ℓ, width n).
 */
import * as d3 from 'd3';
import type { ScaleContinuousNumeric, Selection } from 'd3';
import { appendRichText } from './richText.ts';
import type { ScaleKind } from './types.ts';
import { NORMAL_STYLE, scriptSize, type PlotStyle } from './theme.ts';

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export type Scale = ScaleContinuousNumeric<number, number>;

/** Whether a value can be drawn on an axis of this kind (finite; > 0 on a log axis). The CSV export writes exactly these. */
export function drawable(kind: ScaleKind): (v: number) => boolean {
  return kind === 'log' ? (v) => Number.isFinite(v) && v > 0 : Number.isFinite;
}

/** A scale over `domain`; linear scales are widened to round ticks unless `exact`. */
export function makeScale(kind: ScaleKind, domain: readonly [number, number], range: [number, number], exact = false): Scale {
  const s = kind === 'log' ? d3.scaleLog() : d3.scaleLinear();
  s.domain(domain as [number, number]).range(range);
  if (kind === 'linear' && !exact) s.nice();
  return s;
}

/** A domain that contains `values`, padded; degenerate and empty inputs get a sensible width. */
export function paddedDomain(values: readonly number[], kind: ScaleKind, pad = 0.06): [number, number] {
  const finite = values.filter(drawable(kind));
  if (finite.length === 0) return kind === 'log' ? [1, 10] : [0, 1];
  let [lo, hi] = d3.extent(finite) as [number, number];
  // Padding never pushes a bound out of f64: values near 1e308 (issue 20) would pad to ∞ and
  // break the scale, tiny ones to 0 on a log axis.
  const inRange = (a: number, b: number): [number, number] => [Math.max(a, kind === 'log' ? 2.2250738585072014e-308 : -Number.MAX_VALUE), Math.min(b, Number.MAX_VALUE)];
  if (kind === 'log') {
    if (hi / lo < 1.5) return inRange(lo / 1.25, hi * 1.25);
    const r = Math.exp(pad * (Math.log(hi) - Math.log(lo)));
    return inRange(lo / r, hi * r);
  }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const w = Math.max(Math.abs(hi) * 0.05, 0.05);
    return inRange(lo - w, hi + w);
  }
  const w = (hi / 2 - lo / 2) * 2 * pad;
  return inRange(lo - w, hi + w);
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10^k as '10⁻⁵' (a log axis over many decades reads as powers, not as 1e+20 or 100000). */
export function powerOfTen(exponent: number): string {
  return `10${String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c])}`;
}

/** A log-axis tick label for 1, 2 and 5 × 10^k only (the other ticks stay unlabelled: ''). */
export function logTickLabel(v: number): string {
  const mantissa = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? d3.format('~g')(v) : '';
}

function tickFormat(scale: Scale, kind: ScaleKind, ticks: number): (v: number) => string {
  if (kind === 'log') {
    const f = d3.format('~g');
    const [lo, hi] = scale.domain();
    // Over many decades d3 already thins the ticks to powers of ten: label those (as 10ᵏ when
    // large); over a few decades, label 1, 2, 5 × 10^k.
    const decades = Math.log10(hi / lo);
    return (v) => {
      const e = Math.floor(Math.log10(v) + 1e-9);
      const mantissa = v / Math.pow(10, e);
      if (decades > 4) return Math.abs(mantissa - 1) < 1e-6 ? (Math.abs(e) >= 4 ? powerOfTen(e) : f(v)) : '';
      return logTickLabel(v);
    };
  }
  const f = scale.tickFormat(ticks);
  return (v) => f(v).replace('-', '−');
}

export function drawAxes(
  g: Selection<SVGGElement, unknown, null, undefined>,
  options: {
    x: Scale;
    y: Scale;
    xKind: ScaleKind;
    yKind: ScaleKind;
    width: number;
    height: number;
    xLabel: string;
    yLabel: string;
    margins: Margins;
    xTicks?: readonly number[];
    style?: PlotStyle;
  },
): void {
  const { x, y, width, height } = options;
  const style = options.style ?? NORMAL_STYLE;
  // Fewer ticks for larger type (projector): the labels keep the same spacing in characters.
  const spread = style.font.tick / NORMAL_STYLE.font.tick;
  const xCount = Math.max(2, Math.floor(width / (90 * spread)));
  const yCount = Math.max(2, Math.floor(height / (55 * spread)));

  const xAxis = d3.axisBottom(x).tickSizeOuter(0);
  if (options.xTicks) xAxis.tickValues(options.xTicks as number[]).tickFormat((v) => d3.format('~g')(v as number));
  else xAxis.ticks(xCount).tickFormat((v) => tickFormat(x, options.xKind, xCount)(v as number));
  const yAxis = d3
    .axisLeft(y)
    .ticks(yCount)
    .tickSizeOuter(0)
    .tickFormat((v) => tickFormat(y, options.yKind, yCount)(v as number));

  // Grid first, under everything.
  const grid = g.append('g').attr('class', 'grid').attr('stroke', style.grid).attr('stroke-width', 1);
  const yLabelled = tickFormat(y, options.yKind, yCount);
  for (const t of y.ticks(yCount)) if (yLabelled(t) !== '') grid.append('line').attr('x1', 0).attr('x2', width).attr('y1', y(t)).attr('y2', y(t));

  const xg = g.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${height})`).call(xAxis);
  const yg = g.append('g').attr('class', 'axis axis-y').call(yAxis);
  for (const axis of [xg, yg]) {
    axis.attr('font-size', style.font.tick).attr('font-family', style.font.family).attr('color', style.ink);
    axis.selectAll('path.domain').attr('stroke-width', style.stroke.axis);
    axis.selectAll('.tick line').attr('stroke-width', style.stroke.axis);
  }

  const xl = g
    .append('text')
    .attr('class', 'axis-label axis-label-x')
    .attr('x', width / 2)
    .attr('y', height + options.margins.bottom - 10)
    .attr('text-anchor', 'middle')
    .attr('font-size', style.font.label)
    .attr('fill', style.ink);
  appendRichText(xl.node()!, options.xLabel, scriptSize(style));
  const yl = g
    .append('text')
    .attr('class', 'axis-label axis-label-y')
    .attr('transform', `translate(${-options.margins.left + style.font.label + 4},${height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', style.font.label)
    .attr('fill', style.ink);
  appendRichText(yl.node()!, options.yLabel, scriptSize(style));
}

/** The root <svg> of every plot: sized in CSS pixels, with a title for assistive technology. */
export function createPlotSvg(width: number, height: number, title: string, style: PlotStyle = NORMAL_STYLE): Selection<SVGSVGElement, unknown, null, undefined> {
  const svg = (d3.create('svg') as unknown as Selection<SVGSVGElement, unknown, null, undefined>)
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', title)
    .attr('data-style', style.name)
    .attr('font-family', style.font.family);
  svg.append('title').text(title);
  return svg;
}
