import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import type { GeometryBlock } from '../geometry/geometryBlocks.ts';
import { CALIBRATION } from '../core/costCalibration.ts';
import { curveSampler, estimateRun } from './plan.ts';
import { runSpec } from './runSpec.ts';

const base: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2: 1.5, sb2: 0.05, L: 4, M: 10, curve: 'circle:8' };

describe('the curve sampler: method key, curvemethod, or the cost model (issue 18 §1)', () => {
  it('curvemethod=method (the default) follows the method key; gram/explicit force one; non-Gaussian weights are explicit', () => {
    expect(curveSampler({ ...base, method: 'gram' })).toMatchObject({ method: 'gram', engine: 'cpu', reason: 'gram: the method key (curvemethod=method)' });
    expect(curveSampler({ ...base, method: 'explicit' }).method).toBe('explicit');
    expect(curveSampler({ ...base, method: 'gram', curvemethod: 'explicit' }).method).toBe('explicit');
    expect(curveSampler({ ...base, method: 'explicit', curvemethod: 'gram' }).method).toBe('gram');
    const sparse = curveSampler({ ...base, curvemethod: 'gram', weights: 'sparse:0.5' });
    expect(sparse.method).toBe('explicit');
    expect(sparse.reason).toMatch(/weights=sparse:0.5 has no gram sampler/);
  });

  it('auto takes the cheaper: gram, O(n(2k)²L), for wide nets with few points; explicit, O(n²·2k·L), for many points on narrow nets', () => {
    const wide = curveSampler({ ...base, n: 1024, curve: 'circle:8', curvemethod: 'auto' });
    expect(wide.method).toBe('gram');
    expect(wide.seconds!.gram).toBeLessThan(wide.seconds!.explicit);
    const many = curveSampler({ ...base, n: 16, curve: 'circle:512', curvemethod: 'auto' });
    expect(many.method).toBe('explicit');
    expect(many.seconds!.explicit).toBeLessThan(many.seconds!.gram);
    // The choice scales as the complexities say: gram/explicit ∝ (2k)²n / (n²·2k) = 2k/n, up to the fixed costs.
    const r1 = curveSampler({ ...base, n: 512, curve: 'circle:64', M: 200, curvemethod: 'auto' }).seconds!;
    const r2 = curveSampler({ ...base, n: 512, curve: 'circle:256', M: 200, curvemethod: 'auto' }).seconds!;
    expect(r2.gram / r2.explicit / (r1.gram / r1.explicit)).toBeGreaterThan(2);
    expect(many.reason).toMatch(/^explicit on the CPU \(curvemethod=auto\): the cost model estimates, for n = 16, k = 512, L = 4, M = 10, gram O\(n·\(2k\)²·L\) and explicit O\(n²·2k·L\): gram about .*, explicit about .*, both on the CPU$/);
  });

  it('on a hardware WebGPU backend explicit is priced on the kernel (weights drawn ⌈2k/256⌉ times) and the estimate prices that part off the CPU', () => {
    const spec: Spec = { ...base, n: 1024, curve: 'circle:64', M: 100, L: 16, curvemethod: 'explicit' };
    const gpu = curveSampler(spec, { name: 'webgpu', adapter: 'NVIDIA' });
    expect(gpu.engine).toBe('webgpu');
    const cpuPart = estimateRun(spec, 'cpu').parts.find((p) => p.keys.includes('curve'))!;
    const gpuPart = estimateRun(spec, { name: 'webgpu', adapter: 'NVIDIA' }).parts.find((p) => p.keys.includes('curve'))!;
    expect(cpuPart.cpuOnly).toBe(true);
    expect(gpuPart.cpuOnly).toBeUndefined();
    expect(gpuPart.seconds).toBeLessThan(cpuPart.seconds);
    const auto = curveSampler({ ...spec, curvemethod: 'auto' }, { name: 'webgpu', adapter: 'NVIDIA' });
    expect(auto.reason).toMatch(/gram on the CPU about .*, explicit on the WebGPU kernel about .*, explicit on the CPU about/);
    // auto weighs explicit on the CPU too: on a software adapter (SwiftShader) the CPU is the faster engine for explicit networks.
    const soft = curveSampler({ ...spec, n: 32, curve: 'circle:128', M: 4, L: 4, curvemethod: 'auto' }, { name: 'webgpu', adapter: 'SwiftShader' });
    expect(soft.engine).toBe('cpu');
  });

  it('the estimate counts the numerical rank: (4/3)k³ per network and layer on the CPU, whatever the sampler', () => {
    const spec: Spec = { ...base, n: 16, curve: 'circle:512', M: 10, L: 4, curvemethod: 'explicit' };
    const part = estimateRun(spec, 'cpu').parts.find((p) => p.keys.includes('curve'))!;
    const rank = 10 * 4 * (4 / 3) * 512 ** 3 * CALIBRATION.profiles.cpu.gram.rowPair!;
    const networks = estimateRun({ ...spec, curve: 'circle:8' }, 'cpu').parts.find((p) => p.keys.includes('curve'))!;
    expect(part.seconds).toBeGreaterThan(rank);
    expect(networks.seconds).toBeLessThan(rank / 100);
  });

  it('the geometry block says which sampler ran and why', async () => {
    const cpu = createCpuBackend();
    const g = (await runSpec({ ...base, n: 16, curve: 'circle:64', curvemethod: 'auto', view: 'phase', grid: 5, backend: 'cpu' }, { backend: cpu })).geometry as GeometryBlock;
    const choice = curveSampler({ ...base, n: 16, curve: 'circle:64', curvemethod: 'auto' });
    expect(g.method).toBe(choice.method);
    expect(g.methodReason).toBe(choice.reason);
    expect(g.engine).toBe('cpu');
  });
});
