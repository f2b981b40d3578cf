/**
 * Plot-ready data for the phase diagram (drawPhaseMap): a colour map over the (σw², σb²) plane,
 * the phase of each cell (ordered / chaotic / critical / q* = ∞), lines drawn over it (the critical
 * line χ₁ = 1) and the spec's own point. Cells are indexed [row j ↔ ys[j]][column i ↔ xs[i]].
 */
export interface PhaseMapLine {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
  /** Vertices in data units; null breaks the line. */
  readonly x: readonly (number | null)[];
  readonly y: readonly (number | null)[];
}

export interface PhaseMapData {
  readonly title: string;
  /** Rich-text axis labels (σ_w^2 …). */
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** The coloured quantity per cell; null: not defined (drawn as "none"). */
  readonly values: readonly (readonly (number | null)[])[];
  /** The phase name of each cell. */
  readonly regions: readonly (readonly string[])[];
  /** Colour-bar label with units. */
  readonly colorLabel: string;
  /** Colour domain of the values (log scale when `colorScale` is 'log'). */
  readonly colorDomain?: readonly [number, number];
  readonly colorScale?: 'linear' | 'log';
  readonly lines: readonly PhaseMapLine[];
  /** The spec's (σw², σb²). */
  readonly point?: { readonly x: number; readonly y: number; readonly label: string };
  readonly notes?: readonly string[];
  /** Legend text for cells whose value is null (e.g. "ξ = ∞ or undefined"). */
  readonly noneLabel?: string;
  /** Regions named on the map (at the cell deepest inside each), e.g. ordered / chaotic. */
  readonly regionLabels?: readonly { readonly region: string; readonly label: string }[];
  /** The cell chosen from the keyboard, outlined: its centre in data units. */
  readonly cursor?: { readonly x: number; readonly y: number };
  /** Values marked across the colour bar (χ₁ = 1: the critical value). */
  readonly colorMarks?: readonly { readonly value: number; readonly label: string }[];
  /** Shown over the map while no cell has a value yet. */
  readonly emptyText?: string;
}
