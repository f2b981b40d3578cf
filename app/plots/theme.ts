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

/** Band opacities: the outer p05–p95 band lighter than the inner p25–p75 band. */
export const BAND_OPACITY = { outer: 0.16, inner: 0.32 } as const;

/** Rough text width for layout in a detached SVG (no getBBox there): ~0.58 em per character. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}
