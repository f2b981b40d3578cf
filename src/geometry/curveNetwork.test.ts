import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/spec.ts';
import { curveLayerMeasures } from './curveMeasures.ts';
import { sampleCurves } from './curveMonteCarlo.ts';

function meanSe(x: ArrayLike<number>): { mean: number; se: number } {
  const m = x.length;
  let s = 0;
  for (let i = 0; i < m; i++) s += x[i];
  const mean = s / m;
  let v = 0;
  for (let i = 0; i < m; i++) v += (x[i] - mean) ** 2;
  return { mean, se: Math.sqrt(v / (m - 1) / m) };
}

describe('curveLayerMeasures', () => {
  it('a circle of radius r in R^n: polygon 2k r sin(π/k)/√n·√n, tangent length 2πr, curvature ≈ 1/r, participation ratio 2', () => {
    const n = 6;
    const k = 64;
    const r = 1.7;
    const Z = new Float64Array(n * k);
    const T = new Float64Array(n * k);
    // z_a = √n r (cos θ_a e_0 + sin θ_a e_1), so |z|²/n = r².
    for (let a = 0; a < k; a++) {
      const th = (2 * Math.PI * a) / k;
      Z[0 * k + a] = Math.sqrt(n) * r * Math.cos(th);
      Z[1 * k + a] = Math.sqrt(n) * r * Math.sin(th);
      T[0 * k + a] = -Math.sqrt(n) * r * Math.sin(th);
      T[1 * k + a] = Math.sqrt(n) * r * Math.cos(th);
    }
    const m = curveLayerMeasures(Z, T, n, k, 2);
    expect(m.polygonLength).toBeCloseTo(2 * k * r * Math.sin(Math.PI / k), 12);
    expect(m.length).toBeCloseTo(2 * Math.PI * r, 12);
    // Total turning 2π over the polygon's length.
    expect(m.curvature).toBeCloseTo((2 * Math.PI) / (2 * k * r * Math.sin(Math.PI / k)), 12);
    expect(m.participationRatio).toBeCloseTo(2, 12);
    expect(m.logJacobian2).toBeCloseTo(Math.log((r * r) / 2), 12);
  });
});

describe('gram and explicit samplers draw the same law', () => {
  for (const act of ['tanh', 'relu']) {
    it(`${act}: mean length, log‖J u‖² and participation ratio agree within 4 combined SE (n = 48, k = 6, L = 5)`, () => {
      const spec = { ...DEFAULT_SPEC, act, sw2: act === 'relu' ? 2 : 2.2, sb2: 0.1, n: 48, L: 5, M: 150, seed: 11 };
      const curve = { k: 6, q: 0.8 };
      const g = sampleCurves(spec, curve, { method: 'gram' });
      const e = sampleCurves(spec, curve, { method: 'explicit' });
      for (const m of ['length', 'polygonLength', 'logJacobian2', 'participationRatio'] as const) {
        for (let i = 0; i < g.layers.length; i++) {
          const a = meanSe(g.samples[m][i]);
          const b = meanSe(e.samples[m][i]);
          expect(Math.abs(a.mean - b.mean), `${m} layer ${g.layers[i]}`).toBeLessThan(4 * Math.hypot(a.se, b.se));
        }
      }
    });
  }

  it('the gram chain refuses non-Gaussian weights with a message naming the key; explicit runs them', () => {
    const spec = { ...DEFAULT_SPEC, act: 'relu', n: 16, L: 2, M: 2, weights: 'rademacher' };
    expect(() => sampleCurves(spec, { k: 4, q: 1 }, { method: 'gram' })).toThrow(/Gaussian weights.*method=explicit/);
    const e = sampleCurves(spec, { k: 4, q: 1 }, { method: 'explicit' });
    expect(e.samples.length[1].every((v) => v > 0 && Number.isFinite(v))).toBe(true);
  });

  it('ResNet and shaped nets run on the curve (first recorded layer 0 for the ResNet)', () => {
    const r = sampleCurves({ ...DEFAULT_SPEC, arch: 'resnet', act: 'relu', n: 32, L: 4, M: 3 }, { k: 5, q: 1 }, { method: 'gram' });
    expect(r.layers).toEqual([0, 1, 2, 3, 4]);
    const s = sampleCurves({ ...DEFAULT_SPEC, arch: 'shaped', n: 32, L: 3, M: 3 }, { k: 5, q: 1 }, { method: 'explicit' });
    expect(s.layers).toEqual([1, 2, 3]);
    for (const x of [...r.samples.length, ...s.samples.length]) expect(x.every((v) => v > 0)).toBe(true);
  });
});

describe('mean ‖J u‖² d/n where it is exact at every width (Gaussian weights)', () => {
  function meanOf(x: Float64Array[]): { mean: number; se: number }[] {
    return x.map((layer) => meanSe(layer.map(Math.exp)));
  }
  it('shaped MLP (piecewise-linear φ_s, c = 2/(s₊² + s₋²)): σw² at every layer — (z, t) is a centred Gaussian pair given the layer below, so P(z > 0) = 1/2 whatever t', () => {
    const spec = { ...DEFAULT_SPEC, arch: 'shaped' as const, cp: 1, cm: -2, sw2: 1.3, n: 64, L: 6, M: 400, seed: 5 };
    const run = sampleCurves(spec, { k: 4, q: 1 }, { method: 'gram' });
    for (const s of meanOf(run.samples.logJacobian2)) expect(Math.abs(s.mean - 1.3)).toBeLessThan(4 * s.se);
  });

  it('linear ResNet (α = 1/2): (1 + σw²/L)^ℓ, from the embedding Y⁰ = W⁰x/√d (g⁰ = q)', () => {
    const L = 6;
    const spec = { ...DEFAULT_SPEC, arch: 'resnet' as const, act: 'identity', alpha: 0.5, sw2: 1.5, sb2: 0, n: 64, L, M: 400, seed: 6 };
    const run = sampleCurves(spec, { k: 4, q: 0.7 }, { method: 'explicit' });
    meanOf(run.samples.logJacobian2).forEach((s, l) => expect(Math.abs(s.mean - (1 + 1.5 / L) ** l), `layer ${l}`).toBeLessThan(4 * s.se));
  });
});
