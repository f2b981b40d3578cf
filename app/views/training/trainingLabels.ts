/**
 * Labels shared by the training views (issue 17 §4): short names of the parametrisations, the
 * exponents of the abc theory as fractions (−½, 3/2), colours per layer and per curve, and the
 * guide line c·n^{e} through a measured point. Plot arithmetic and wording only: no physics.
 */
import type { ParamName } from '../../../src/training/parametrisation.ts';
import { OKABE_ITO } from '../../plots/theme.ts';
import { formatValue, WIDTH_AXIS } from '../labels.ts';

/** What the plots and sentences call each parametrisation (TP-IV's names). */
export const PARAM_SHORT: Record<ParamName, string> = { sp: 'SP', ntk: 'NTK', mup: 'µP', mf: 'MF' };

/** One colour per layer or curve, in order (Okabe–Ito, black last: it is the guess's colour). */
export const SERIES_COLORS = [OKABE_ITO.vermillion, OKABE_ITO.blue, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.yellow] as const;

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}

/**
 * An exponent of the abc theory as it is written in the paper: multiples of ½ as fractions
 * (−½, 0, ½, 1, 3/2), anything else to two decimals. Minus signs are U+2212.
 */
export function formatExponent(e: number): string {
  const twice = Math.round(2 * e);
  if (Math.abs(2 * e - twice) > 1e-9) return formatValue(e, 2);
  const sign = twice < 0 ? '−' : '';
  const a = Math.abs(twice);
  if (a % 2 === 0) return `${sign}${a / 2}`;
  return a === 1 ? `${sign}½` : `${sign}${a}/2`;
}

/** A fitted slope with its standard error, two decimals: "0.50 ± 0.02" (no ± when the SE is not finite). */
export function formatSlope(slope: number, se?: number): string {
  const s = Number.isFinite(slope) ? slope.toFixed(2).replace('-', '−') : '–';
  return se !== undefined && Number.isFinite(se) ? `${s} ± ${se.toFixed(2)}` : s;
}

/** Layer names as rich text: 'h1' → 'h^{1}', 'f' → 'f'. */
export function layerLabel(layer: string): string {
  const m = /^h(\d+)$/.exec(layer);
  return m ? `h^{${m[1]}}` : layer;
}

/**
 * A guide c·x^{e} through the point (x[i], y[i]) of the largest x with a finite positive y (the
 * asymptotic regime is at large width), or undefined when there is none.
 */
export function powerGuide(x: readonly number[], y: readonly number[], e: number): number[] | undefined {
  let i = y.length - 1;
  while (i >= 0 && !(Number.isFinite(y[i]) && y[i] > 0)) i--;
  if (i < 0) return undefined;
  return x.map((v) => y[i] * Math.pow(v / x[i], e));
}

/** Width ticks and a padded log domain. */
export function widthAxis(widths: readonly number[]): { xTicks: readonly number[]; xDomain?: readonly [number, number] } {
  return { xTicks: widths, xDomain: widths.length > 0 ? [widths[0] / 1.3, widths[widths.length - 1] * 1.3] : undefined };
}

/** The axes of a power law against the width: log–log, the widths as ticks. */
export function logLogAgainstWidth(widths: readonly number[]) {
  return { xLabel: WIDTH_AXIS, xScale: 'log' as const, yScale: 'log' as const, ...widthAxis(widths) };
}
