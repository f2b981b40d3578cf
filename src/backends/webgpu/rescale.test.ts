/**
 * f32 range on the GPU (issue 20 §1): ReLU networks of width 16 and depth 1000 drift to q̂ ≈ 1e−60
 * (He init: log q̂ falls by ~5/(2n) a layer), below f32's 1.2e−38, and wide-σw² ones grow past its
 * 3.4e38. The gram kernel keeps positively homogeneous networks rescaled by powers of two
 * (shaders/gram_layers.wgsl, RESCALE), so every network lives on the GPU as on the CPU (f64), with
 * the same draws. Small sizes: SwiftShader is slow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../../core/spec.ts';
import { createCpuBackend } from '../cpu/cpuBackend.ts';
import { McAccumulator } from '../../experiments/mcAccumulator.ts';
import type { KernelBlock, SimJob } from '../types.ts';
import { createWebGpuBackend, type WebGpuBackend } from './backend.ts';
import { testGpu } from '../../../test/backends/testGpu.ts';

let gpu: WebGpuBackend;
const cpu = createCpuBackend();

beforeAll(async () => {
  gpu = await createWebGpuBackend((await testGpu()).gpu, { label: 'rescale' });
});
afterAll(() => {
  gpu?.dispose();
  cpu.dispose();
});

const LAYERS = [1, 2, 50, 200, 350, 500, 800, 1000];

function job(changes: Partial<Spec>, layers = LAYERS): SimJob {
  const spec = { ...DEFAULT_SPEC, act: 'relu', method: 'gram', n: 16, L: 1000, M: 4, ...changes } as Spec;
  return { spec, netStart: 0, netCount: spec.M, recordLayers: layers, recordPhi: false };
}

/** q̂11 of network m at recorded layer r (k = 2: pairs 11, 12, 22). */
const q11 = (b: KernelBlock, m: number, r: number) => b.z[(m * b.recordLayers.length + r) * 3];

describe('WebGPU gram kernel rescaled by powers of two (positively homogeneous φ)', () => {
  it('act=relu, n = 16, L = 1000: every network lives on the GPU as on the CPU, q̂ far below f32', async () => {
    const j = job({});
    const [g, c] = [await gpu.simulate(j), await cpu.simulate(j)];
    expect(g.format).toBe('f32');
    const last = j.recordLayers.length - 1;
    for (let m = 0; m < j.netCount; m++) {
      // The CPU (f64) network is far outside f32 at layer 1000 (the point of the test)…
      expect(q11(c, m, last)).toBeLessThan(1e-38);
      for (let r = 0; r < j.recordLayers.length; r++) {
        // …and the GPU follows it draw for draw: f32 rounding (~1e−7 a layer) accumulated over
        // 1000 layers stays below 1e−3 in log q̂ (measured 1.0e−5; without the rescaling it is ∞: q̂ = 0).
        expect(Math.abs(Math.log(q11(g, m, r)) - Math.log(q11(c, m, r)))).toBeLessThan(1e-3);
      }
    }
    const acc = new McAccumulator(j.netCount, j.recordLayers, 2);
    acc.add(g);
    expect(acc.faults()).toEqual([]);
    const rho = acc.summary().rho;
    for (const v of [...rho.p05, ...rho.p50, ...rho.p95]) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it('act=leaky:-1 (|x|), σw² = 64, L = 40: q̂ ≈ 32^l grows past f32 (3.4e38 at l ≈ 26) and is still right', async () => {
    const j = job({ act: 'leaky:-1', sw2: 64, L: 40, M: 2 }, [1, 10, 26, 30, 40]);
    const [g, c] = [await gpu.simulate(j), await cpu.simulate(j)];
    for (let m = 0; m < j.netCount; m++) {
      expect(q11(c, m, 4)).toBeGreaterThan(1e50);
      for (let r = 0; r < 5; r++) expect(Math.abs(Math.log(q11(g, m, r)) - Math.log(q11(c, m, r)))).toBeLessThan(1e-3);
    }
  });

  it('act=softplus (not homogeneous, not rescaled), σw² = σb² = 64: past f32 the network stays ended (NaN), a named overflow, never revived', async () => {
    const j = job({ act: 'softplus', sw2: 64, sb2: 64, L: 40, M: 2 }, Array.from({ length: 40 }, (_, i) => i + 1));
    const g = await gpu.simulate(j);
    const acc = new McAccumulator(j.netCount, j.recordLayers, 2);
    acc.add(g);
    const faults = acc.faults();
    // q ≈ 33^ℓ leaves f32 (3.4e38) near layer 26; the f64 CPU goes on to layer ~205.
    expect(faults.map((f) => [f.quantity, f.cause])).toEqual([['q11', 'overflow'], ['rho', 'overflow']]);
    expect(faults[0].layer).toBeGreaterThan(20);
    expect(faults[0].layer).toBeLessThan(30);
    expect(faults[0].message).toContain('overflows f32');
    const live = acc.summary().live;
    for (let i = 1; i < live.length; i++) expect(live[i]).toBeLessThanOrEqual(live[i - 1]);
    expect(live[live.length - 1]).toBe(0);
  });

  it('resnet (the state accumulates across layers and dispatches): GPU = CPU at α = 0, where q̂ grows ×2 a layer', async () => {
    const j = job({ arch: 'resnet', alpha: 0, L: 200, M: 2 }, [0, 1, 50, 150, 200]);
    const [g, c] = [await gpu.simulate(j), await cpu.simulate(j)];
    for (let m = 0; m < j.netCount; m++) {
      expect(q11(c, m, 4)).toBeGreaterThan(1e39);
      for (let r = 0; r < 5; r++) expect(Math.abs(Math.log(q11(g, m, r)) - Math.log(q11(c, m, r)))).toBeLessThan(1e-3);
    }
  });
});
