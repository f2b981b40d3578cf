/**
 * Plot-ready data: what a draw function needs, in plot terms (x, y, bands, markers), with labels.
 * Views turn engine results into these (views/*Data.ts); draw functions turn these into SVG.
 */
import type { PlotStyle } from './theme.ts';

export type ScaleKind = 'linear' | 'log';

export interface PlotSize {
  readonly width: number;
  readonly height: number;
}

interface SeriesBase {
  /** Stable id: becomes a class / data attribute (tests count the points of 'mc-median'). */
  readonly id: string;
  /** Legend text; rich text (ρ^{ℓ}, q_{11}). */
  readonly label: string;
  readonly color: string;
  /** false: drawn without a legend entry (a line joining points that have one). */
  readonly legend?: false;
}

export interface LineSeries extends SeriesBase {
  readonly kind: 'line';
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly dash?: string;
  /** Stroke width (default STROKE.line); thin lines are context ("ghost" curves, fits). */
  readonly width?: number;
  /** A short label written at the line's last visible point (e.g. 'α = 0'). */
  readonly endLabel?: string;
}

export interface PointSeries extends SeriesBase {
  readonly kind: 'points';
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface BandSeries extends SeriesBase {
  readonly kind: 'band';
  readonly x: ArrayLike<number>;
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
  readonly opacity: number;
}

/** A horizontal line across the whole plot (a limit that does not depend on x). */
export interface RuleSeries extends SeriesBase {
  readonly kind: 'hrule';
  readonly y: number;
  readonly dash?: string;
}

/** Points with vertical error bars from lo to hi (e.g. mean ± 2 SE). */
export interface ErrorBarSeries extends SeriesBase {
  readonly kind: 'errorbars';
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
}

/** Many thin sample paths sharing one x grid and one legend entry. */
export interface PathsSeries extends SeriesBase {
  readonly kind: 'paths';
  readonly x: ArrayLike<number>;
  readonly ys: readonly ArrayLike<number>[];
  readonly opacity?: number;
  readonly width?: number;
}

/**
 * Where a curve ends because its values left the float format (issue 20, src/experiments/faults.ts):
 * a marker at its last drawable point (x, y) and a message written next to it, so that the end of
 * a curve is never a silent gap or a drop to 0. `label` is the message (CSV, legend-free).
 */
export interface FaultSeries extends SeriesBase {
  readonly kind: 'fault';
  readonly x: number;
  readonly y: number;
  /** The full sentence (the fault's message), shown on hover. */
  readonly detail?: string;
}

export type XYSeries = LineSeries | PointSeries | BandSeries | RuleSeries | ErrorBarSeries | PathsSeries | FaultSeries;

/** A note written inside the plot area, in a corner (fitted slopes, …). */
export interface PlotNote {
  readonly id: string;
  readonly text: string;
  readonly corner: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
}

export interface XYPlotData {
  /** Accessible name of the figure. */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xScale: ScaleKind;
  readonly yScale: ScaleKind;
  readonly series: readonly XYSeries[];
  /** Explicit tick values (e.g. the swept widths); default: the scale's own ticks. */
  readonly xTicks?: readonly number[];
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Shown in the middle of the plot when there is nothing to draw. */
  readonly emptyText?: string;
  readonly notes?: readonly PlotNote[];
}

export interface HistogramBin {
  readonly x0: number;
  readonly x1: number;
  /** Bar height in the plot's y units: a count, or a density. */
  readonly count: number;
}

export interface VerticalMarker extends SeriesBase {
  readonly x: number;
  readonly dash?: string;
}

/** A curve drawn over the bars (a limit density, in the bars' y units). */
export interface CurveOverlay extends SeriesBase {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly dash?: string;
}

/** A probability atom (mass at one point, e.g. ρ = ±1): a spike with its mass written on it. */
export interface AtomSpike extends SeriesBase {
  readonly x: number;
  readonly mass: number;
}

export interface HistogramData {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** 'log': bins are equal in log x (heavy-tailed positive statistics such as q̂). */
  readonly xScale: ScaleKind;
  /** Values the statistic cannot leave (ρ̂ ∈ [−1, 1]): the padded axis stops there. */
  readonly xLimits?: readonly [number, number];
  readonly bins: readonly HistogramBin[];
  readonly barLabel: string;
  readonly barColor: string;
  readonly markers: readonly VerticalMarker[];
  readonly curves?: readonly CurveOverlay[];
  readonly atoms?: readonly AtomSpike[];
  /** Fixed x range (e.g. the engine's bins on [−8, 4]); default: fitted to the data. */
  readonly xDomain?: readonly [number, number];
  readonly emptyText?: string;
}

/**
 * A pure draw function: plot data, a size in CSS pixels and a style (theme.ts: NORMAL_STYLE or
 * PROJECTOR_STYLE) to a new, detached <svg>.
 */
export type DrawFunction<D> = ((data: D, size: PlotSize, style?: PlotStyle) => SVGSVGElement) & {
  /**
   * The same drawing in steps (issue 14 §8): each `next()` does a bounded piece of the work (a curve
   * of 10⁴ vertices) and the last returns the <svg>, so the draw queue can give the main thread
   * back between pieces. Plots without it are drawn in one go.
   */
  readonly steps?: (data: D, size: PlotSize, style?: PlotStyle) => Generator<void, SVGSVGElement, void>;
};

/** Run a stepwise drawing to its end (exports, tests: where nothing waits on the main thread). */
export function drawAll(steps: Generator<void, SVGSVGElement, void>): SVGSVGElement {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
