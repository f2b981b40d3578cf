/**
 * The cost-model terms of the attention architectures (cost.ts): the exact chain's one-at-a-time
 * draws and the SDE's work, as the planner (experiments/plan.ts) prices them. Times are the model's,
 * not measured here (measured/at-most: `node bin/run-ts.mjs bench/costModel.ts --match=attn`).
 */
import { describe, expect, it } from 'vitest';
import { CALIBRATION } from '../../core/costCalibration.ts';
import { gramFeatures, simulationSeconds } from '../../core/cost.ts';
import { planSpec, theorySeconds } from '../../experiments/plan.ts';
import { decodeSpec } from '../../url/codec.ts';
import { archOf } from '../index.ts';
import { attentionDraws, tokenSdeWork } from './cost.ts';
import { sdePlan } from './resolve.ts';

function spec(q: string) {
  const r = decodeSpec(q);
  expect(r.issues).toEqual([]);
  return r.spec;
}

describe('attention: the exact chain\'s draws', () => {
  it('2k² scalar normals and 2k Gamma draws per layer and network (gram.ts: R_k, R₂ sub-diagonals; χ² diagonals)', () => {
    expect(attentionDraws(2)).toEqual({ scalarNormals: 8, gammas: 4 });
    expect(attentionDraws(8)).toEqual({ scalarNormals: 128, gammas: 16 });
  });

  it('the planner\'s gram batches carry them, for attention, shapedattn and the shaped block; the explicit chain has none', () => {
    for (const arch of ['attention', 'shapedattn', 'shapedtx']) {
      const s = spec(`arch=${arch}&method=gram&n=64&L=32&M=100&k=4`);
      const sizes = planSpec(s).parts.flatMap((p) => p.sizes);
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) expect(size.draws).toEqual({ scalarNormals: 32, gammas: 8 });
      const e = spec(`arch=${arch}&method=explicit&n=64&L=32&M=100&k=4`);
      for (const size of planSpec(e).parts.flatMap((p) => p.sizes)) expect(size.draws).toBeUndefined();
    }
  });

  it('priced per draw on the CPU: M·L·(2k² · scalarNormal + 2k · gammaDraw + drawLayer) on top of the dense gram layer of width 2k', () => {
    const s = spec('arch=attention&method=gram&n=64&L=100&M=200&k=4');
    const size = archOf(s).cost.networkSize!(s, { method: 'gram', n: 64, L: 100, k: 4, M: 200, recorded: 101 });
    const cpu = CALIBRATION.profiles.cpu;
    const without = simulationSeconds({ ...size, draws: undefined }, cpu);
    expect(simulationSeconds(size, cpu) - without).toBeCloseTo(200 * 100 * (32 * cpu.gram.scalarNormal! + 8 * cpu.gram.gammaDraw! + cpu.gram.drawLayer!), 12);
    expect(cpu.gram.scalarNormal).toBeGreaterThan(0);
    expect(cpu.gram.gammaDraw).toBeGreaterThan(0);
    expect(gramFeatures(size).gammaDraw).toBe(200 * 100 * 8);
    expect(gramFeatures(size).drawLayer).toBe(200 * 100);
    expect(gramFeatures({ ...size, draws: undefined }).drawLayer).toBe(0);
  });
});

describe('shaped attention and the shaped block: the SDE priced by its work, not a fixed cost', () => {
  it('paths × steps × (m + m²) of sdePlan at T = L/n; the shaped block\'s step twice shapedattn\'s; twice again for view=sde; +1.5 for view=collapse', () => {
    const a = spec('arch=shapedattn&n=64&L=100&M=0');
    const T = 100 / 64;
    const { dt, paths } = sdePlan(T);
    const steps = Math.round(T / dt);
    expect(steps).toBe(2 * Math.ceil(128 * T));
    expect(tokenSdeWork(a, 1)).toBe(paths * steps * (a.k + a.k * a.k));
    expect(archOf(a).cost.sdeWork!(a)).toBe(tokenSdeWork(a, 1));
    const b = spec('arch=shapedtx&n=64&L=100&M=0');
    expect(archOf(b).cost.sdeWork!(b)).toBe(2 * tokenSdeWork(a, 1));
    const v = spec('arch=shapedattn&view=sde&n=64&L=100&M=0');
    expect(archOf(v).cost.sdeWork!(v)).toBe(2 * tokenSdeWork(a, 1));
    // Standard attention simulates no SDE of its own; the comparison view simulates shaped
    // attention's at dt and 2dt (1.5× the steps) whichever of the two is chosen.
    const s = spec('arch=attention&n=64&L=100&M=0');
    expect(archOf(s).cost.sdeWork!(s)).toBe(0);
    const c = spec('arch=attention&view=collapse&n=64&L=100&M=0');
    expect(archOf(c).cost.sdeWork!(c)).toBe(1.5 * tokenSdeWork(a, 1));
    const cs = spec('arch=shapedattn&view=collapse&n=64&L=100&M=0');
    expect(archOf(cs).cost.sdeWork!(cs)).toBe(2.5 * tokenSdeWork(a, 1));
  });

  it('theorySeconds adds work × sdeEntryStep (no fixed 0.19 s); sdePlan holds paths × steps near 2·10⁶ from T ≈ 2, so the price grows with T only below it, and with m', () => {
    const t = CALIBRATION.theory;
    const a = spec('arch=shapedattn&n=64&L=100&M=0');
    const noSde = { ...CALIBRATION, theory: { ...t, sdeEntryStep: 0 } };
    expect(theorySeconds(a) - theorySeconds(a, noSde)).toBeCloseTo(tokenSdeWork(a, 1) * t.sdeEntryStep!, 9);
    expect(theorySeconds(a, noSde)).toBeLessThan(0.01); // what was left once the fixed 0.19 s went
    expect(theorySeconds(spec('arch=shapedattn&n=64&L=16&M=0'))).toBeLessThan(0.25 * theorySeconds(a));
    expect(theorySeconds(spec('arch=shapedattn&n=64&L=100&M=0&k=8'))).toBeGreaterThan(5 * theorySeconds(a));
    expect(theorySeconds(spec('arch=shapedtx&n=64&L=100&M=0'))).toBeGreaterThan(1.9 * theorySeconds(a));
  });
});
