/**
 * The curvature's mean field (meanField.ts curvatureMeanField; DESIGN.md §9.3): Poole et al. 2016's
 * recursion (κ')² = 3χ₂/χ₁² + κ²/χ₁, checked against
 *   - closed forms: the identity network (the image of the circle stays a circle: κ^ℓ = 1/√g^ℓ), and
 *     erf, whose χ₁ = σw²(4/π)/√(1+4q) and χ₂ = σw²(16/π) q/(1+4q)^{3/2} are Gaussian integrals in closed
 *     form (φ' = (2/√π)e^{−x²}, φ'' = −(4/√π) x e^{−x²}) — the code integrates by quadrature;
 *   - an independent computation: the k-gon's turning over its length from the NNGP kernel recursion
 *     alone (K at angles 2π/k and 4π/k), which must tend to κ as k → ∞ with error O(1/k²).
 */
import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { runSpec } from '../experiments/runSpec.ts';
import { criticality, criticalSw2 } from '../theory/criticality.ts';
import type { GeometryBlock } from './geometryBlocks.ts';
import { curvatureMeanField, curvatureUnsupported, curveMeanField } from './meanField.ts';

const SB2 = 0.05;
const crit = criticalSw2(activation('tanh'), SB2);
if (!crit.ok) throw new Error(crit.reason);

describe('curvature mean field: closed forms', () => {
  it('identity MLP: κ^ℓ = 1/(σw^ℓ √q) to 1e−12 (a linear image of a circle is a circle at infinite width)', () => {
    const spec: Spec = { ...DEFAULT_SPEC, act: 'identity', sw2: 1.3, sb2: 0.2, L: 6 };
    const c = curvatureMeanField(spec, { k: 16, q: 0.7 });
    c.curvature.forEach((v, i) => expect(Math.abs(v * Math.sqrt(1.3 ** (i + 1) * 0.7) - 1)).toBeLessThan(1e-12));
    c.chi2.forEach((v) => expect(v).toBe(0));
  });

  it('erf: χ₂ and κ from the closed-form Gaussian integrals agree with the quadrature to 1e−10 relative', () => {
    const sw2 = 2;
    const spec: Spec = { ...DEFAULT_SPEC, act: 'erf', sw2, sb2: 0.1, L: 8 };
    const curve = { k: 16, q: 0.9 };
    const c = curvatureMeanField(spec, curve);
    const qs = curveMeanField(spec, curve).q;
    let kappa2 = 1 / (sw2 * curve.q);
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i];
      const chi1 = (sw2 * (4 / Math.PI)) / Math.sqrt(1 + 4 * q);
      const chi2 = (sw2 * (16 / Math.PI) * q) / (1 + 4 * q) ** 1.5;
      expect(Math.abs(c.chi2[i] / chi2 - 1), `χ₂ at layer ${i + 1}`).toBeLessThan(1e-10);
      expect(Math.abs(c.curvature[i] / Math.sqrt(kappa2) - 1), `κ at layer ${i + 1}`).toBeLessThan(1e-10);
      kappa2 = (3 * chi2) / chi1 ** 2 + kappa2 / chi1;
    }
  });
});

describe.each([
  ['tanh ordered', { act: 'tanh', sw2: 0.8, sb2: SB2 }],
  ['tanh critical', { act: 'tanh', sw2: crit.sw2, sb2: SB2 }],
  ['tanh chaotic', { act: 'tanh', sw2: 2.5, sb2: SB2 }],
  ['erf chaotic', { act: 'erf', sw2: 2, sb2: 0.1 }],
  ['tanh ResNet (α = ½)', { arch: 'resnet', act: 'tanh', sw2: 2, sb2: SB2, alpha: 0.5 }],
] as [string, Partial<Spec>][])('%s: the k-gon from the kernel recursion tends to κ', (_, over) => {
  it('error O(1/k²): 128 → 512 points divide it by 12–24 (16 for a pure 1/k² term), and the Richardson extrapolation (16 p₅₁₂ − p₁₂₈)/15 is within 5e−5 relative of κ (it leaves the O(1/k⁴) term)', () => {
    const spec: Spec = { ...DEFAULT_SPEC, ...over, L: 8 };
    const cr = criticality(activation(spec.act), spec.sw2, spec.sb2);
    const q = spec.arch === 'resnet' ? 1 : (cr.qStar - spec.sb2) / spec.sw2;
    const fine = curvatureMeanField(spec, { k: 512, q });
    const coarse = curvatureMeanField(spec, { k: 128, q });
    for (let i = 0; i < fine.layers.length; i++) {
      const kappa = fine.curvature[i];
      const eFine = Math.abs(fine.polygonCurvature[i] - kappa) / kappa;
      const eCoarse = Math.abs(coarse.polygonCurvature[i] - kappa) / kappa;
      const richardson = (16 * fine.polygonCurvature[i] - coarse.polygonCurvature[i]) / 15;
      expect(Math.abs(richardson / kappa - 1), `layer ${fine.layers[i]}`).toBeLessThan(5e-5);
      // Where the gap is far above the kernels' rounding (~1e−13/Δ² ≈ 1e−8), it shrinks like 1/k².
      if (eCoarse > 1e-6) {
        expect(eCoarse / eFine, `layer ${fine.layers[i]}`).toBeGreaterThan(12);
        expect(eCoarse / eFine, `layer ${fine.layers[i]}`).toBeLessThan(24);
      }
    }
  });
});

describe('where the curvature has no mean field', () => {
  it('ReLU (a kink: E φ″² infinite) and the ellipse (not derived) say so, and the block carries nulls and the reason', async () => {
    const relu: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, sb2: 0 };
    expect(curvatureUnsupported(relu, { k: 8, q: 1 })).toMatch(/kink.*φ'' is a δ/);
    expect(curvatureUnsupported({ ...relu, act: 'tanh' }, { k: 8, q: 1, r: 0.5 })).toMatch(/circle/);
    expect(() => curvatureMeanField(relu, { k: 8, q: 1 })).toThrow(/kink/);
    const cpu = createCpuBackend();
    const base = { ...DEFAULT_SPEC, n: 16, L: 3, M: 4, curve: 'circle:8', view: 'phase' as const, grid: 5, backend: 'cpu' as const };
    const g = (await runSpec({ ...base, act: 'relu', sw2: 2, sb2: 0 }, { backend: cpu })).geometry as GeometryBlock;
    expect(g.meanField.curvature).toEqual([null, null, null]);
    expect(g.meanField.curvatureNote).toMatch(/kink/);
    const t = (await runSpec({ ...base, act: 'tanh', sw2: 1.5, sb2: 0.05 }, { backend: cpu })).geometry as GeometryBlock;
    expect(t.meanField.curvatureNote).toBeUndefined();
    expect(t.meanField.curvature.every((v) => typeof v === 'number' && v > 0)).toBe(true);
    expect(t.meanField.polygonCurvature.every((v) => typeof v === 'number' && v > 0)).toBe(true);
  });
});
