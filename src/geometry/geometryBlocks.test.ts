import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { estimateRun } from '../experiments/plan.ts';
import { runSpec } from '../experiments/runSpec.ts';
import { decodeSpec } from '../url/codec.ts';
import { parseCurve } from './curve.ts';
import type { GeometryBlock, JacobianBlock } from './geometryBlocks.ts';

const cpu = createCpuBackend();

describe('the curve key', () => {
  it('parses circle:k for k in [3, 512] and refuses anything else naming the key, the value and the range', () => {
    expect(parseCurve('circle:3')).toEqual({ ok: true, value: { kind: 'circle', k: 3 } });
    expect(parseCurve('circle:512')).toEqual({ ok: true, value: { kind: 'circle', k: 512 } });
    for (const bad of ['circle:2', 'circle:513', 'circle:', 'circle:1e2', 'ellipse:4', 'circle:-4', 'CIRCLE:4']) {
      const d = decodeSpec(`curve=${bad}`);
      expect(d.issues.length, bad).toBe(1);
      expect(d.issues[0].key).toBe('curve');
      expect(d.issues[0].message).toMatch(/3, 512|circle:<k/);
      expect(d.spec.curve).toBe('none');
    }
  });
});

describe('geometry and jacobian blocks', () => {
  const base: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2: 2.5, sb2: 0.05, n: 64, L: 4, M: 12, view: 'phase', grid: 5 };

  it('curve=none adds no block and leaves the digest as it was; a curve adds both blocks and enters the digest', async () => {
    const none = await runSpec({ ...base, backend: 'cpu' }, { backend: cpu });
    expect(none.geometry).toBeUndefined();
    const withCurve = await runSpec({ ...base, curve: 'circle:6', backend: 'cpu' }, { backend: cpu });
    const g = withCurve.geometry as GeometryBlock;
    const j = withCurve.jacobian as JacobianBlock;
    expect(g.layers).toEqual([1, 2, 3, 4]);
    expect(g.k).toBe(6);
    expect(g.live).toEqual([12, 12, 12, 12]);
    expect(g.meanField.length[0]).toBeCloseTo(2 * Math.PI * Math.sqrt(2.5), 12);
    for (const key of ['length', 'polygonLength', 'distortion', 'curvature', 'participationRatio'] as const) {
      expect(g[key].mean.every((v) => Number.isFinite(v) && v > 0), key).toBe(true);
      for (let i = 0; i < 4; i++) expect(g[key].p05[i]).toBeLessThanOrEqual(g[key].p95[i]);
    }
    expect(j.meanField[0]).toBeCloseTo(2.5, 12);
    // Numerical rank: an integer in [1, k − 1] (k points span k − 1 centred directions), ≥ 2 (the first layer is a linear image of a plane, which it keeps at n = 64).
    expect(g.rankThreshold).toBe(1e-3);
    expect(g.numericalRank.p50[0]).toBe(2);
    for (const v of [...g.numericalRank.p05, ...g.numericalRank.p95]) expect(Number.isInteger(v) && v >= 2 && v <= 5).toBe(true);
    expect(j.logVar.every((v) => v > 0)).toBe(true);
    expect(withCurve.digest).not.toBe(none.digest);
    // The same run again gives the same numbers (Philox keys): the digest is reproducible.
    const again = await runSpec({ ...base, curve: 'circle:6', backend: 'cpu' }, { backend: cpu });
    expect(again.digest).toBe(withCurve.digest);
  });

  it('the cost model counts the curve networks (on the CPU whatever the backend) and names the curve key when it refuses', () => {
    const big = { ...DEFAULT_SPEC, curve: 'circle:512', n: 1024, L: 64, M: 200 };
    const e = estimateRun(big, { name: 'webgpu', adapter: 'NVIDIA' } as never);
    const part = e.parts.find((p) => p.keys.includes('curve'));
    expect(part).toBeDefined();
    expect(part!.seconds).toBeGreaterThan(900);
    const small = estimateRun({ ...big, curve: 'circle:8', M: 10, L: 8 }, { name: 'cpu', adapter: 'x' } as never);
    expect(small.parts.find((p) => p.keys.includes('curve'))!.seconds).toBeLessThan(part!.seconds / 1000);
  });
});

describe('cancellation', () => {
  it('an aborted signal stops the curve networks at a checkpoint (AbortError), instead of running all M = 2000', async () => {
    const { geometryBlocks } = await import('./geometryBlocks.ts');
    const controller = new AbortController();
    controller.abort();
    const spec = { ...DEFAULT_SPEC, act: 'tanh', n: 256, L: 10, M: 2000, curve: 'circle:16' };
    await expect(geometryBlocks(spec, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('faults', () => {
  it('ReLU at σw² = 64: g^ℓ = 64·32^{ℓ−1} leaves f64 at the first ℓ with 6 + 5(ℓ − 1) > 1024 (ℓ = 205); the networks overflow too, named in faults, their statistics null once none is live', async () => {
    const result = await runSpec({ ...DEFAULT_SPEC, act: 'relu', sw2: 64, L: 260, n: 64, M: 2, curve: 'circle:3', backend: 'cpu' }, { backend: cpu });
    const faults = (result.faults ?? []).filter((f) => f.block === 'geometry');
    const mf = faults.find((f) => f.quantity === 'meanField.length')!;
    expect(mf).toMatchObject({ cause: 'overflow', layer: 205 });
    const mc = faults.find((f) => f.quantity === 'length')!;
    // n = 64: no network dies (every unit inactive) before it overflows.
    expect(mc.cause).toBe('overflow');
    expect(mc.message).toContain('overflows f64');
    const g = result.geometry as GeometryBlock;
    const i = g.layers.indexOf(mc.layer);
    expect(g.live[i]).toBeLessThan(2);
    expect(g.live[i - 1]).toBe(2);
    expect(g.live[g.live.length - 1]).toBe(0);
    expect(Number.isNaN(g.length.mean[g.live.length - 1])).toBe(true);
  });
});
