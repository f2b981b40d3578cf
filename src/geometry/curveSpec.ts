/**
 * The `curve` URL key (issue 18): its values, parser and canonical form. Imports core/ only (and the
 * drawn curve's code, drawnCurve.ts, which imports core/ only), like the architectures' declarations (archs/<id>/spec.ts), because core/spec.ts reads it to build the schema.
 */
import type { ParseResult } from '../core/params.ts';
import { DRAWN_HARMONICS_MAX, encodeDrawnCode, parseDrawnCode } from './drawnCurve.ts';

export const CURVE_POINTS_RANGE = [3, 512] as const;

/** Smallest axis ratio of an ellipse (below it the minor axis is too thin to matter). */
export const ELLIPSE_RATIO_MIN = 0.01;

export type CurveSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'circle'; readonly k: number }
  /** Semi-axes √q (along u) and r√q (along v), 0 < r ≤ 1. */
  | { readonly kind: 'ellipse'; readonly k: number; readonly r: number }
  /** A user-drawn closed curve: its Fourier code (drawnCurve.ts), four signed bytes per harmonic. */
  | { readonly kind: 'drawn'; readonly k: number; readonly coefficients: readonly number[] };

const K_RANGE = `an integer in [${CURVE_POINTS_RANGE[0]}, ${CURVE_POINTS_RANGE[1]}]`;
export const CURVE_ALLOWED = `none, circle:<k, ${K_RANGE}>, ellipse:<k>:<r, the axis ratio in [${ELLIPSE_RATIO_MIN}, 1]>, drawn:<k>:<code, 1 to ${DRAWN_HARMONICS_MAX} Fourier harmonics of a drawn curve in base64url>`;

function points(text: string): ParseResult<number> {
  const k = Number(text);
  if (!(k >= CURVE_POINTS_RANGE[0] && k <= CURVE_POINTS_RANGE[1])) return { ok: false, reason: `the number of points k = ${k} must be ${K_RANGE}` };
  return { ok: true, value: k };
}

/** Parse the `curve` key: `none` (no curve, the default), `circle:k`, `ellipse:k:r` or `drawn:k:code`. */
export function parseCurve(raw: string): ParseResult<CurveSpec> {
  if (raw === 'none') return { ok: true, value: { kind: 'none' } };
  const c = /^circle:(\d{1,6})$/.exec(raw);
  if (c) {
    const k = points(c[1]);
    return k.ok ? { ok: true, value: { kind: 'circle', k: k.value } } : k;
  }
  const e = /^ellipse:(\d{1,6}):((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/.exec(raw);
  if (e) {
    const k = points(e[1]);
    if (!k.ok) return k;
    const r = Number(e[2]);
    if (!(r >= ELLIPSE_RATIO_MIN && r <= 1)) return { ok: false, reason: `the axis ratio r = ${e[2]} must be in [${ELLIPSE_RATIO_MIN}, 1]` };
    return { ok: true, value: { kind: 'ellipse', k: k.value, r } };
  }
  const dr = /^drawn:(\d{1,6}):([A-Za-z0-9_-]*)$/.exec(raw);
  if (dr) {
    const k = points(dr[1]);
    if (!k.ok) return k;
    const code = parseDrawnCode(dr[2]);
    return code.ok ? { ok: true, value: { kind: 'drawn', k: k.value, coefficients: code.value } } : code;
  }
  return { ok: false, reason: `expected one of ${CURVE_ALLOWED}` };
}

export function formatCurve(c: CurveSpec): string {
  if (c.kind === 'drawn') return `drawn:${c.k}:${encodeDrawnCode(c.coefficients)}`;
  return c.kind === 'none' ? 'none' : c.kind === 'circle' ? `circle:${c.k}` : `ellipse:${c.k}:${Number(c.r.toPrecision(12))}`;
}
