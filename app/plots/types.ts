/**
 * Plot-ready data: what a draw function needs, in plot terms (x, y, bands, markers), with labels.
 * Views turn engine results into these (views/*Data.ts); draw functions turn these into SVG.
 */
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
}

export interface LineSeries extends SeriesBase {
  readonly kind: 'line';
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly dash?: string;
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

export type XYSeries = LineSeries | PointSeries | BandSeries | RuleSeries;

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
}

export interface HistogramBin {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

export interface VerticalMarker extends SeriesBase {
  readonly x: number;
  readonly dash?: string;
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
  readonly emptyText?: string;
}

/** A pure draw function: plot data and a size in CSS pixels to a new, detached <svg>. */
export type DrawFunction<D> = (data: D, size: PlotSize) => SVGSVGElement;
