import { describe, expect, it } from 'vitest';
import { ARCHS, DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { isRelevant } from '../controls/controlLayout.ts';
import { PAGE_ARCH_MODULES, pageArch } from './index.ts';

describe('the page side of the architecture registry', () => {
  it('has one page module per architecture, in the registry order', () => {
    expect(PAGE_ARCH_MODULES.map((m) => m.id)).toEqual([...ARCHS]);
    expect(() => pageArch({ arch: 'cnn' as Spec['arch'] })).toThrow(/no page module for arch 'cnn'/);
  });

  it('extra theory: the ResNet draws its α = 0, ½, 1 curves, the shaped MLP its SDE law at the layer shown, the MLP neither', () => {
    const base: Spec = { ...DEFAULT_SPEC, L: 8, n: 64 };
    const block = { layers: [], q11: [], q12: [], q22: [], rho: [] };
    expect(pageArch({ arch: 'mlp' }).extraTheory).toBeUndefined();
    const r = pageArch({ arch: 'resnet' }).extraTheory!({ ...base, arch: 'resnet', alpha: 0.5 }, 'exact', block);
    expect(r.alphas?.map((a) => a.alpha)).toEqual([0, 0.5, 1]);
    // The chosen α reuses the block it was given; the others are their own recursions (L + 1 layers from 0).
    expect(r.alphas?.[1].block).toBe(block);
    expect(r.alphas?.[0].block.layers).toHaveLength(9);
    const s = pageArch({ arch: 'shaped' }).extraTheory!({ ...base, arch: 'shaped', layer: 4 }, 'exact', block);
    expect(s.sdeLaw?.layer).toBe(4);
    expect(s.sdeLaw?.T).toBe(4 / 64);
  });

  it('the Network controls follow the architecture; other groups never depend on it', () => {
    const at = (arch: Spec['arch']) => ({ ...DEFAULT_SPEC, arch });
    expect(isRelevant('alpha', at('resnet'))).toBe(true);
    expect(isRelevant('alpha', at('mlp'))).toBe(false);
    expect(isRelevant('cp', at('shaped'))).toBe(true);
    expect(isRelevant('act', at('shaped'))).toBe(false);
    expect(isRelevant('act', at('shaped'), { fixedKeys: ['arch'] })).toBe(true);
    for (const arch of ARCHS) for (const key of ['k', 'M', 'q1', 'seed'] as const) expect(isRelevant(key, at(arch))).toBe(true);
  });
});
