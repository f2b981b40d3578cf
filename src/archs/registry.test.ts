import { describe, expect, it } from 'vitest';
import { ARCHS, DEFAULT_SPEC, PARAM_BY_KEY, type Spec } from '../core/spec.ts';
import { crossKeyIssues } from '../core/validate.ts';
import { runLab } from '../experiments/runLab.ts';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { ARCH_MODULES, archModule, archOf, resolveSpec } from './index.ts';
import { ARCH_SPECS } from './specs.ts';
import { theoryBlock } from './theory.ts';

describe('the architecture registry', () => {
  it('has one module per value of the arch key, in the same order, each declaring its own keys in the schema', () => {
    expect(ARCH_MODULES.map((m) => m.id)).toEqual([...ARCHS]);
    expect(ARCH_SPECS.map((s) => s.id)).toEqual([...ARCHS]);
    for (const m of ARCH_MODULES) for (const p of m.params) expect(PARAM_BY_KEY.get(p.key)).toBe(p);
    expect(() => archModule('cnn')).toThrow(/unknown architecture 'cnn'; allowed: mlp, resnet, shaped/);
  });

  it("keeps the historic arch values and the keys' places in the schema (old links, v1 and v2)", () => {
    expect([...ARCHS].slice(0, 3)).toEqual(['mlp', 'resnet', 'shaped']);
    const keys = [...PARAM_BY_KEY.keys()];
    expect(keys.indexOf('alpha')).toBe(keys.indexOf('sb2') + 1);
    expect(keys.slice(keys.indexOf('backend') + 1, keys.indexOf('backend') + 3)).toEqual(['cp', 'cm']);
  });

  it.each(ARCHS)('%s: refuses ntk=1 exactly when it has no NTK recursion, and the theory block carries the NTK only then', (id) => {
    const m = archModule(id);
    const spec: Spec = { ...DEFAULT_SPEC, arch: id, ntk: true, L: 4 };
    const refused = crossKeyIssues(spec).some((i) => i.key === 'ntk');
    expect(refused).toBe(!m.ntk);
    if (m.ntk) expect(theoryBlock(spec).ntk11).toHaveLength(4);
  });

  it.each(ARCHS)('%s: the first recorded layer agrees across the module, its network model and its kernel profile', (id) => {
    const m = archModule(id);
    const spec: Spec = { ...DEFAULT_SPEC, arch: id, L: 5, n: 16 };
    // An architecture with its own CPU network (cresnet) has no dense-chain model to compare.
    if (!m.cpu) {
      const net = m.network(spec);
      expect(net.firstLayer).toBe(m.firstLayer);
      expect(net.inputEmbedding).toBe(m.firstLayer === 0);
    }
    const profile = m.kernelProfile(spec, 'exact');
    expect(profile.layers[0]).toBe(m.firstLayer);
    expect(profile.layers[profile.layers.length - 1]).toBe(5);
  });

  it('gives the sde block (the proportional limit) to the shaped MLP only, and the ODE limit to the α = 1/2 ResNet only', async () => {
    const cpu = createCpuBackend();
    for (const id of ARCHS) {
      const spec: Spec = { ...DEFAULT_SPEC, arch: id, M: 0, n: 64, L: 16 };
      const { result } = await runLab(spec, { backend: cpu });
      expect(result.sde !== undefined).toBe(archModule(id).limits.proportional !== undefined);
      // The controlled ResNet's depth limit (the PDE/ODE kernel along t) does not depend on α.
      expect(result.limit !== undefined).toBe(id === 'resnet' || id === 'cresnet');
      const at0 = await runLab({ ...spec, alpha: 0 }, { backend: cpu });
      expect(at0.result.limit !== undefined).toBe(id === 'cresnet');
    }
  });

  it('resolves a spec once into typed objects: φ, the weight law, the module and its parameters', () => {
    const r = resolveSpec({ ...DEFAULT_SPEC, arch: 'resnet', act: 'leaky:0.1', weights: 'sparse:0.5', alpha: 0.5, L: 16 });
    expect(r.activation.id).toBe('leaky:0.1');
    expect(r.weights).toEqual({ kind: 'sparse', p: 0.5 });
    expect(r.arch).toBe(archOf({ arch: 'resnet' }));
    expect(r.params).toMatchObject({ alpha: 0.5, branchScale: 0.25, hasDepthLimit: true });
    const s = resolveSpec({ ...DEFAULT_SPEC, arch: 'shaped', cp: 0, cm: -1, n: 4, L: 8 });
    // s₊ = 1, s₋ = 1 − 1/2 = 1/2: c = 2/(1 + 1/4) = 1.6; T = L/n = 2.
    expect(s.params).toMatchObject({ c: 1.6, T: 2 });
  });
});
