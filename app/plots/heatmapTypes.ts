/**
 * Plot-ready data for small multiples of heatmaps on one grid (the commutation map): cells in
 * grid-index space (column c ↔ x value columns[c], row r ↔ y value rows[r], row 0 at the bottom),
 * one shared logarithmic colour scale, and paths drawn over every map. Index C = columns.length is
 * the "∞" strip right of the grid, R = rows.length the strip above it, so a path can end "at n = ∞".
 */

/** value: computed; pending: not computed yet (hatched); none: computed, no finite sample (grey). */
export type CellState = 'value' | 'pending' | 'none';

export interface HeatmapMap {
  readonly id: string;
  readonly label: string;
  /** [row][column]. */
  readonly values: readonly (readonly number[])[];
  readonly states: readonly (readonly CellState[])[];
  /** Tooltip of each cell, [row][column]. */
  readonly titles: readonly (readonly string[])[];
}

/** A route through the grid drawn over each map: polylines in index space, an arrowhead on each. */
export interface GridOverlay {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
  readonly legs: readonly (readonly (readonly [number, number])[])[];
}

export interface HeatmapsData {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly columns: readonly number[];
  readonly rows: readonly number[];
  readonly maps: readonly HeatmapMap[];
  /** Colour-bar label (rich text) with units. */
  readonly colorLabel: string;
  /** Shared log colour domain, or undefined while no cell has a positive value. */
  readonly colorDomain?: readonly [number, number];
  readonly overlays: readonly GridOverlay[];
  readonly stateLabels: { readonly pending: string; readonly none: string };
  /** false: no "∞" strips (a grid without limits beyond it, e.g. a Gram matrix); default: drawn. */
  readonly limitStrips?: false;
}
