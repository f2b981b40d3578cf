/**
 * Drawn curves against tools/fixtures/make_drawn_curve_fixtures.py (numpy and Python's base64, written
 * from DESIGN.md §9.1): the fit of a drawn stroke (arc-length resampling by numpy.interp, coefficients
 * by numpy.fft), the base64url code, and the Gram data of the curve a code describes (there: a complex
 * Fourier series, normalised by quadrature).
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/drawn_curve.json';
import { curveGram, inputCurveOf } from './curve.ts';
import { parseCurve } from './curveSpec.ts';
import { fitDrawnCurve } from './drawnCurve.ts';

describe('drawn curves vs numpy', () => {
  it('the fit of a 73-point stroke: every integer is the numpy value rounded (|integer − value| ≤ 0.5)', () => {
    const fit = fitDrawnCurve(fixtures.stroke.x, fixtures.stroke.y);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    const raw = fixtures.fitRaw;
    // Trailing harmonics that round to 0 are dropped by the lab: compare with 0 there.
    for (let i = 0; i < raw.length; i++) expect(Math.abs((fit.value[i] ?? 0) - raw[i]), `coefficient ${i}`).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(fit.value).toEqual(fixtures.curves[0].coefficients);
  });

  it.each(fixtures.curves.map((c) => [c.code, c] as const))('drawn:k:%s — the code decodes to its integers and the Gram data agree to 1e−12', (_code, c) => {
    const parsed = parseCurve(`drawn:${c.k}:${c.code}`);
    expect(parsed).toEqual({ ok: true, value: { kind: 'drawn', k: c.k, coefficients: c.coefficients } });
    const G = curveGram(inputCurveOf(`drawn:${c.k}:${c.code}`, c.q)!);
    expect(G.length).toBe(c.gram.length);
    for (let i = 0; i < G.length; i++) expect(Math.abs(G[i] - c.gram[i]), `entry ${i}`).toBeLessThan(1e-12 * (1 + Math.abs(c.gram[i])));
  });
});
