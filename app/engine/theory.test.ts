import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { computeTheory } from './theory.ts';

describe('main-thread theory', () => {
  it('ResNet: the limit at α = 0, ½, 1 — α = 0 explodes, α = 1 stays near the input, α = ½ in between', () => {
    const spec: Spec = { ...DEFAULT_SPEC, arch: 'resnet', L: 40, alpha: 0.5 };
    const out = computeTheory(spec, 'exact');
    expect(out.alphas?.map((a) => a.alpha)).toEqual([0, 0.5, 1]);
    const qEnd = out.alphas!.map((a) => a.block.q11.at(-1)!);
    // ReLU, σw² = 2: α = 0 multiplies q by 2 per block (2^40), α = 1/2 gives e^1, α = 1 gives (1 + 1/40²)^40 ≈ 1.
    expect(qEnd[0]).toBeGreaterThan(1e10);
    expect(qEnd[1]).toBeGreaterThan(2);
    expect(qEnd[1]).toBeLessThan(3);
    expect(qEnd[2]).toBeLessThan(1.1);
    // The chosen α is the main block itself, not a second computation.
    expect(out.alphas![1].block).toBe(out.block);
    expect(computeTheory({ ...DEFAULT_SPEC }, 'exact').alphas).toBeUndefined();
  });

  it('while dragging, the α curves of a quadrature activation wait for the release; closed forms keep them', () => {
    const tanh: Spec = { ...DEFAULT_SPEC, arch: 'resnet', act: 'tanh', L: 10 };
    expect(computeTheory(tanh, 'fast').alphas).toBeUndefined();
    expect(computeTheory(tanh, 'exact').alphas).toHaveLength(3);
    expect(computeTheory({ ...tanh, act: 'relu' }, 'fast').alphas).toHaveLength(3);
  });

  it('shaped MLP: the SDE law of ρ_T at the layer shown (T = ℓ/n), a probability law', () => {
    const spec: Spec = { ...DEFAULT_SPEC, arch: 'shaped', n: 100, L: 50, layer: 20, sw2: 1 };
    for (const precision of ['fast', 'exact'] as const) {
      const law = computeTheory(spec, precision).sdeLaw!;
      expect(law).toMatchObject({ T: 0.2, layer: 20 });
      let mass = law.atomLow + law.atomHigh;
      for (let i = 1; i < law.rho.length; i++) mass += ((law.density[i] + law.density[i - 1]) / 2) * (law.rho[i] - law.rho[i - 1]);
      expect(Math.abs(mass - 1)).toBeLessThan(0.02);
    }
  });
});
