/**
 * shaders/lib/activations.wgsl against the registry's WGSL_KIND numbers: each ACT_KIND value, set
 * directly as an override constant, computes the family the registry says it does (the conformance
 * suite checks the values of every activation; this pins the numbering and the override contract).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import activationsWgsl from '../../../shaders/lib/activations.wgsl?raw';
import { activation, leaky, WGSL_KIND } from '../../core/activations.ts';
import { createWebGpuBackend, type WebGpuBackend } from './backend.ts';
import { testGpu } from '../../../test/backends/testGpu.ts';

let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await createWebGpuBackend((await testGpu()).gpu, { label: 'activations.wgsl test' });
});
afterAll(() => backend?.dispose());

/** The registry activation each WGSL_KIND stands for (piecewise-linear: leaky 0.25). */
const FAMILY_OF_KIND: Record<keyof typeof WGSL_KIND, ReturnType<typeof activation>> = {
  piecewiseLinear: leaky(0.25),
  tanh: activation('tanh'),
  erf: activation('erf'),
  gelu: activation('gelu'),
  silu: activation('silu'),
  softplus: activation('softplus'),
  sin: activation('sin'),
};

describe('shaders/lib/activations.wgsl', () => {
  it('declares the ACT_KIND / ACT_P0 / ACT_P1 override contract', () => {
    expect(activationsWgsl).toMatch(/override ACT_KIND: u32/);
    expect(activationsWgsl).toMatch(/override ACT_P0: f32/);
    expect(activationsWgsl).toMatch(/override ACT_P1: f32/);
  });

  it.each(Object.entries(WGSL_KIND))('ACT_KIND = WGSL_KIND.%s (%i) computes that family', async (name, kind) => {
    const act = FAMILY_OF_KIND[name as keyof typeof WGSL_KIND];
    expect(act.wgsl.kind).toBe(kind);
    const xs = Float64Array.from([-1.75, -0.3, 0.7, 2.5], Math.fround);
    const { phi, dphi } = await backend.activation(act.id, xs);
    xs.forEach((x, i) => {
      // 1e-5: far below the differences between families at these points (all > 1e-2).
      expect(phi[i]).toBeCloseTo(act.phi(x), 5);
      expect(dphi[i]).toBeCloseTo(act.dphi(x), 5);
    });
  });
});
