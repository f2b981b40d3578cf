/**
 * The view blocks of the result document (commute, regime, sde, contrast): structure, streaming,
 * and the claims each panel makes.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import type { ContrastBlock } from './contrast.ts';
import { runSpecStreaming } from './runSpec.ts';
import type { SdeViewBlock } from './sdeView.ts';

const cpu = createCpuBackend();

describe('view=sde (shaped MLP, proportional limit)', () => {
  it('the distance of the finite law to the SDE law falls with n at fixed T (negative fitted slope)', async () => {
    const spec: Spec = { ...DEFAULT_SPEC, arch: 'shaped', view: 'sde', cp: 0, cm: -1, sw2: 1, rho0: 0.3, n: 128, L: 64, M: 2000, nmin: 8, nmax: 128, seed: 12 };
    const phases = new Set<string>();
    const { result } = await runSpecStreaming(spec, { backend: cpu, onPartial: (_p, progress) => phases.add(progress.phase) });
    const v = result.sdeView as SdeViewBlock;
    expect(v.T).toBe(0.5);
    expect(v.convergence.n).toEqual([8, 16, 32, 64, 128]);
    // W1 between the law of ρ̂ at width n and the SDE law: finite-n bias and MC noise both shrink.
    expect(v.convergence.slopeW1).toBeLessThan(-0.2);
    expect(v.convergence.w1.at(-1)!).toBeLessThan(v.convergence.w1[0]);
    // Law: a probability density (atoms + ∫density = 1 up to the trapezoid error on 240 points).
    let mass = v.law.atomLow + v.law.atomHigh;
    for (let i = 1; i < v.law.rho.length; i++) mass += ((v.law.density[i] + v.law.density[i - 1]) / 2) * (v.law.rho[i] - v.law.rho[i - 1]);
    expect(Math.abs(mass - 1)).toBeLessThan(0.02);
    expect(v.netPaths.rho).toHaveLength(24);
    expect(v.netPaths.t.at(-1)).toBe(0.5);
    expect(v.sdePaths.t.at(-1)).toBeCloseTo(0.5, 12);
    expect(result.sde!.T).toBe(0.5);
    expect([...phases]).toEqual(['networks', 'widths']);
  });

  it('explains itself for a non-shaped arch instead of computing nonsense', async () => {
    const { result } = await runSpecStreaming({ ...DEFAULT_SPEC, view: 'sde', n: 16, L: 4, M: 4 }, { backend: cpu });
    expect((result.sdeView as { unavailable: string }).unavailable).toMatch(/arch=shaped/);
  });
});

describe('view=contrast', () => {
  it('He-MLP: narrow point limit but wide log q̂; shaped: N(−T, 2T); 1/√L ResNet: concentrated', async () => {
    const spec: Spec = { ...DEFAULT_SPEC, view: 'contrast', n: 64, L: 64, M: 600, cp: 0, cm: -1, seed: 3 };
    const { result } = await runSpecStreaming(spec, { backend: cpu });
    const c = result.contrast as ContrastBlock;
    expect(c.variants.map((v) => v.id)).toEqual(['he-mlp', 'shaped', 'resnet-sqrt']);
    const [mlp, shaped, resnet] = c.variants;
    // He-MLP: sd(log q̂) ≈ √(5L/n) ≈ 2.2 (Hanin & Nica 2020) although its limit is a point.
    expect(mlp.logq.summary.sd).toBeGreaterThan(1.5);
    // Shaped: log V_aa(T)/V_aa(0) ≈ N(−1, 2): sd ≈ 1.41 (SE of a sd from 600 samples ≈ 3 %).
    expect(Math.abs(shaped.logq.summary.sd - Math.SQRT2)).toBeLessThan(0.2);
    // ResNet 1/√L: fluctuations O(n^{−1/2}), far below both.
    expect(resnet.logq.summary.sd).toBeLessThan(0.5);
    expect(shaped.limit.kind).toBe('law');
    for (const v of c.variants) {
      const area = v.histogram.reduce((a, b) => a + b, 0) * (2 / v.histogram.length);
      expect(area).toBeCloseTo(1, 10);
    }
  });
});

describe('CLI JSON of the views', () => {
  it('view=commute adds the map; view=regime adds E log-ratios with standard errors', async () => {
    const commute = await runSpecStreaming({ ...DEFAULT_SPEC, view: 'commute', nmin: 8, nmax: 16, Lmin: 2, Lmax: 4, M: 10 }, { backend: cpu });
    const map = commute.result.commute as { n: number[]; L: number[]; variants: { cells: { value: number[][] } }[] };
    expect(map.n).toEqual([8, 16]);
    expect(map.L).toEqual([2, 4]);
    expect(map.variants).toHaveLength(3);
    expect(map.variants[0].cells.value).toHaveLength(2);
    const regime = await runSpecStreaming({ ...DEFAULT_SPEC, view: 'regime', L: 8, M: 50 }, { backend: cpu });
    const r = regime.result.regime as { n: number[]; mean: number[]; se: number[] };
    expect(r.n.length).toBe(r.mean.length);
    expect(r.se.every((x) => x > 0)).toBe(true);
    // The blocks survive JSON as plain arrays of finite numbers (typed arrays would become objects,
    // NaN would become null).
    const json = JSON.parse(JSON.stringify({ commute: commute.result.commute, regime: regime.result.regime }));
    for (const row of json.commute.variants[0].cells.value) for (const x of row) expect(typeof x).toBe('number');
    for (const x of json.regime.mean) expect(typeof x).toBe('number');
  });
});
