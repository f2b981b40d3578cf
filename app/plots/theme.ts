/**
 * Plot styling in one place: the Okabe–Ito palette (colour-blind safe, Okabe & Ito 2008) and sizes
 * chosen to stay readable on a projector (≥ 14 px text, ≥ 2.5 px lines).
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

/** What each kind of curve looks like across every view. */
export const ROLE_COLOR = {
  /** The infinite-width limit: a solid line. */
  limit: OKABE_ITO.blue,
  /** Another limit (e.g. the ResNet ODE, depth → ∞ after width → ∞). */
  secondLimit: OKABE_ITO.green,
  /** Monte Carlo over finite networks: median points and quantile bands. */
  mc: OKABE_ITO.vermillion,
  mcAlt: OKABE_ITO.purple,
  histogram: OKABE_ITO.skyBlue,
  grid: '#d9dde3',
  axis: '#2b2f36',
} as const;

export const PLOT_FONT = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  tick: 14,
  label: 16,
  legend: 15,
} as const;

export const STROKE = { line: 2.75, rule: 2.25, pointRadius: 4.5 } as const;

/**
 * How a plot is drawn (the third argument of every draw function): type sizes, stroke widths and
 * the ink of text and axes. NORMAL_STYLE for a screen; PROJECTOR_STYLE for a class (projector mode:
 * no text under 18 px, thicker lines, black ink on white).
 */
export interface PlotStyle {
  readonly name: 'normal' | 'projector';
  readonly font: { readonly family: string; readonly tick: number; readonly label: number; readonly legend: number; readonly note: number; readonly small: number };
  readonly stroke: { readonly line: number; readonly rule: number; readonly pointRadius: number; readonly whisker: number; readonly axis: number };
  /** Text and axis ink. */
  readonly ink: string;
  readonly grid: string;
}

export const NORMAL_STYLE: PlotStyle = {
  name: 'normal',
  font: { family: PLOT_FONT.family, tick: PLOT_FONT.tick, label: PLOT_FONT.label, legend: PLOT_FONT.legend, note: PLOT_FONT.label, small: 12 },
  stroke: { line: STROKE.line, rule: STROKE.rule, pointRadius: STROKE.pointRadius, whisker: 2.25, axis: 1.25 },
  ink: '#2b2f36',
  grid: '#d9dde3',
};

export const PROJECTOR_STYLE: PlotStyle = {
  name: 'projector',
  font: { family: PLOT_FONT.family, tick: 18, label: 21, legend: 19, note: 20, small: 18 },
  stroke: { line: 4.5, rule: 3.5, pointRadius: 6.5, whisker: 3.25, axis: 2 },
  ink: '#000000',
  grid: '#c4c9d1',
};

/** Scale a line width given for the normal style (thin context curves stay thinner than limits). */
export function strokeWidth(style: PlotStyle, normalWidth: number): number {
  return normalWidth * (style.stroke.line / STROKE.line);
}

/** Band opacities: the outer p05–p95 band lighter than the inner p25–p75 band. */
export const BAND_OPACITY = { outer: 0.16, inner: 0.32 } as const;

/** Rough text width for layout in a detached SVG (no getBBox there): ~0.58 em per character. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}

/** The script size for rich text (appendRichText): 75 % on a screen, the minimum type size on a projector. */
export function scriptSize(style: PlotStyle): number | undefined {
  return style.name === 'projector' ? style.font.small : undefined;
}
