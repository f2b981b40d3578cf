/**
 * The `curve` URL key (issue 18): its values, parser and canonical form. Imports core/ only, like the
 * architectures' declarations (archs/<id>/spec.ts), because core/spec.ts reads it to build the schema.
 */
import type { ParseResult } from '../core/params.ts';

export const CURVE_POINTS_RANGE = [3, 512] as const;

export type CurveSpec = { readonly kind: 'none' } | { readonly kind: 'circle'; readonly k: number };

export const CURVE_ALLOWED = `none, circle:<k, an integer in [${CURVE_POINTS_RANGE[0]}, ${CURVE_POINTS_RANGE[1]}]>`;

/** Parse the `curve` key: `none` (no curve, the default) or `circle:k`. */
export function parseCurve(raw: string): ParseResult<CurveSpec> {
  if (raw === 'none') return { ok: true, value: { kind: 'none' } };
  const m = /^circle:(\d{1,6})$/.exec(raw);
  if (!m) return { ok: false, reason: `expected one of ${CURVE_ALLOWED}` };
  const k = Number(m[1]);
  if (!(k >= CURVE_POINTS_RANGE[0] && k <= CURVE_POINTS_RANGE[1])) {
    return { ok: false, reason: `the number of points k = ${k} must be an integer in [${CURVE_POINTS_RANGE[0]}, ${CURVE_POINTS_RANGE[1]}]` };
  }
  return { ok: true, value: { kind: 'circle', k } };
}

export function formatCurve(c: CurveSpec): string {
  return c.kind === 'none' ? 'none' : `circle:${c.k}`;
}
