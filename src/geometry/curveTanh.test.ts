/**
 * Issue 18 acceptance, tanh at n = 1024 (σb² = 0.05): the mean length of the image of a circle
 * through depth against the mean-field prediction (meanField.ts), in the ordered (σw² = 1), critical
 * (σw²_c ≈ 1.761, χ₁ = 1) and chaotic (σw² = 2.5, χ₁ ≈ 1.134) phases, with the circle's radius put
 * on the fixed point (σw² q + σb² = q*), where the mean-field length changes by exactly √χ₁ a layer.
 * Tolerance: 4 SE of the Monte Carlo mean plus the stated finite-width bias: the leading term
 * b^ℓ = −V^ℓ/8 of tangentLengthBias (derived), which the test removes from the prediction, plus |b^ℓ|
 * again for the 1/n terms it leaves out (the fluctuation of q̂ inside χ₁, see meanField.ts).
 * Sized for test time (M = 40 networks, k = 8 points, L = 12); bench/geometry.bench.ts runs more.
 */
import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { DEFAULT_SPEC } from '../core/spec.ts';
import { criticality, criticalSw2 } from '../theory/criticality.ts';
import { sampleCurves } from './curveMonteCarlo.ts';
import { curvatureMeanField, curveMeanField, tangentLengthBias } from './meanField.ts';

const tanh = activation('tanh');
const SB2 = 0.05;
const crit = criticalSw2(tanh, SB2);
if (!crit.ok) throw new Error(crit.reason);
const N = 1024;
const L = 12;
const M = 40;
const K = 8;

function meanSe(x: ArrayLike<number>): { mean: number; se: number } {
  const m = x.length;
  let s = 0;
  for (let i = 0; i < m; i++) s += x[i];
  const mean = s / m;
  let v = 0;
  for (let i = 0; i < m; i++) v += (x[i] - mean) ** 2;
  return { mean, se: Math.sqrt(v / (m - 1) / m) };
}

describe.each([
  ['ordered', 1.0],
  ['critical', crit.sw2],
  ['chaotic', 2.5],
] as const)('tanh, %s phase (σw² = %f)', (phase, sw2) => {
  const cr = criticality(tanh, sw2, SB2);
  const q = (cr.qStar - SB2) / sw2;
  const spec = { ...DEFAULT_SPEC, act: 'tanh', sw2, sb2: SB2, n: N, L, M, seed: 3 };
  const curve = { k: K, q };
  const run = sampleCurves(spec, curve, { method: 'gram' });
  const mf = curveMeanField(spec, curve);
  const bias = tangentLengthBias(spec, curve);
  const mean = run.samples.length.map(meanSe);

  it('is in the phase it names', () => {
    if (phase === 'ordered') expect(cr.chi1).toBeLessThan(0.9);
    else if (phase === 'critical') expect(cr.chi1).toBeCloseTo(1, 9);
    else expect(cr.chi1).toBeGreaterThan(1.1);
  });

  it('mean image length per layer = mean field (1 + b^ℓ) within 4 SE + |b^ℓ|', () => {
    for (let i = 0; i < L; i++) {
      const predicted = mf.length[i] * (1 + bias[i]);
      expect(Math.abs(mean[i].mean - predicted), `layer ${run.layers[i]}`).toBeLessThan(4 * mean[i].se + Math.abs(bias[i]) * mf.length[i]);
    }
  });

  it('mean polygon length (k = 8 chords) = its mean field k√(2(q − K(2π/k))) within 4 SE + 2|b^ℓ| (the chords\' bias is not derived: assumed of the tangent\'s order)', () => {
    for (let i = 0; i < L; i++) {
      const s = meanSe(run.samples.polygonLength[i]);
      expect(Math.abs(s.mean - mf.polygonLength[i]), `layer ${run.layers[i]}`).toBeLessThan(4 * s.se + 2 * Math.abs(bias[i]) * mf.polygonLength[i]);
    }
  });

  it('mean ‖J u‖² d/n = σw² χ₁^{ℓ−1} (on the fixed point) within 4 SE + 4|b^ℓ| (its own 1/n terms are not derived)', () => {
    for (let i = 0; i < L; i++) {
      expect(mf.jacobian2[i]).toBeCloseTo(sw2 * cr.chi1 ** i, 8);
      const s = meanSe(run.samples.logJacobian2[i].map(Math.exp));
      expect(Math.abs(s.mean - mf.jacobian2[i]), `layer ${run.layers[i]}`).toBeLessThan(4 * s.se + 4 * Math.abs(bias[i]) * mf.jacobian2[i]);
    }
  });

  it('mean curvature (the 8-gon\'s turning over its length) = its mean field arccos((2K(Δ) − K(2Δ) − q)/(2(q − K(Δ))))/√(2(q − K(Δ))) within 4 SE + 2|b^ℓ| (the curvature\'s own 1/n bias is not derived: curvature = turning/length, so the length\'s |b| once, and once more for the turning)', () => {
    const c = curvatureMeanField(spec, curve);
    for (let i = 0; i < L; i++) {
      const s = meanSe(run.samples.curvature[i]);
      expect(Math.abs(s.mean - c.polygonCurvature[i]), `layer ${run.layers[i]}`).toBeLessThan(4 * s.se + 2 * Math.abs(bias[i]) * c.polygonCurvature[i]);
    }
  });

  if (phase === 'chaotic') {
    it('growth rate: the least-squares slope of log E ℒ̂ over depth matches ½ log χ₁ within 5 % (and the factor √χ₁ within 5 %)', () => {
      const xs = run.layers;
      const ys = mean.map((m) => Math.log(m.mean));
      const xbar = xs.reduce((a, b) => a + b, 0) / xs.length;
      const ybar = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < xs.length; i++) {
        sxy += (xs[i] - xbar) * (ys[i] - ybar);
        sxx += (xs[i] - xbar) ** 2;
      }
      const slope = sxy / sxx;
      const predicted = 0.5 * Math.log(cr.chi1);
      expect(Math.abs(slope / predicted - 1)).toBeLessThan(0.05);
      expect(Math.abs(Math.exp(slope) / Math.sqrt(cr.chi1) - 1)).toBeLessThan(0.05);
    });
  }
});
