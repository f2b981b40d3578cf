/**
 * Where the plot area of a drawn x–y plot lies and how its axes map values to pixels, written on
 * the <svg> as a data attribute by the draw function. React overlays (the guess marker of
 * predict-then-reveal) read it back, so they sit exactly on the drawn axes without redrawing.
 */
import * as d3 from 'd3';
import type { ScaleKind } from './types.ts';

export interface AxisGeometry {
  readonly kind: ScaleKind;
  readonly domain: readonly [number, number];
}

export interface PlotGeometry {
  /** The plot area inside the svg, CSS pixels. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly x: AxisGeometry;
  readonly y: AxisGeometry;
}

const ATTRIBUTE = 'data-geometry';

export function writeGeometry(svg: SVGSVGElement, geometry: PlotGeometry): void {
  svg.setAttribute(ATTRIBUTE, JSON.stringify(geometry));
}

export function readGeometry(svg: Element | null | undefined): PlotGeometry | undefined {
  const text = svg?.getAttribute(ATTRIBUTE);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as PlotGeometry;
  } catch {
    return undefined;
  }
}

/** Write the geometry of a plot area at (left, top) whose axes are the scales x (range [0, w]) and y (range [h, 0]). */
export function writeScaleGeometry(
  svg: SVGSVGElement,
  origin: { readonly left: number; readonly top: number },
  x: { readonly kind: ScaleKind; readonly scale: d3.ScaleContinuousNumeric<number, number> },
  y: { readonly kind: ScaleKind; readonly scale: d3.ScaleContinuousNumeric<number, number> },
): void {
  const [x0, x1] = x.scale.domain();
  const [y0, y1] = y.scale.domain();
  const width = x.scale.range()[1];
  const height = y.scale.range()[0];
  writeGeometry(svg, { left: origin.left, top: origin.top, width, height, x: { kind: x.kind, domain: [x0, x1] }, y: { kind: y.kind, domain: [y0, y1] } });
}

/** The axis as a d3 scale from values to pixels inside the plot area (y: 0 at the top). */
export function axisScale(axis: AxisGeometry, length: number, vertical: boolean): d3.ScaleContinuousNumeric<number, number> {
  const s = axis.kind === 'log' ? d3.scaleLog() : d3.scaleLinear();
  return s.domain([axis.domain[0], axis.domain[1]]).range(vertical ? [length, 0] : [0, length]);
}
