/**
 * The depth plots end a curve at its fault with a marker and a message (issue 20): the marker sits
 * on the last drawable point before the fault's layer and says what happened there; nothing is
 * drawn as a drop to 0. (The SVG itself is checked in e2e/faults.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../../src/url/codec.ts';
import type { Fault } from '../../src/experiments/faults.ts';
import { paddedDomain } from '../plots/axes.ts';
import { xyCsv } from '../plots/csv.ts';
import { computeTheory } from '../engine/theory.ts';
import type { FaultSeries } from '../plots/types.ts';
import { depthPlot } from './depthData.ts';

const specOf = (q: string) => decodeSpec(q).spec;

describe('fault markers on the depth plots', () => {
  it('act=relu&sw2=64&L=300: q ends at layer 204 with "overflows f64 at layer 205"; ρ (scale-free) goes on to layer 300', () => {
    const spec = specOf('act=relu&sw2=64&L=300&M=0');
    const theory = computeTheory(spec, 'exact');
    const q = depthPlot('q11', spec, theory, undefined);
    const marks = q.series.filter((s): s is FaultSeries => s.kind === 'fault');
    expect(marks).toHaveLength(1);
    const [m] = marks;
    expect(m).toMatchObject({ id: 'fault-limit', x: 204, label: 'limit variance: overflows f64 at layer 205; the curve ends' });
    expect(m.y).toBe(theory.block.q11[203]);
    expect(m.detail).toContain('layer 205');
    // The CSV carries the marker as one row, with its message.
    expect(xyCsv(q)).toContain('fault-limit,limit variance: overflows f64 at layer 205; the curve ends,fault,,204,');
    const rho = depthPlot('rho', spec, theory, undefined);
    expect(rho.series.some((s) => s.kind === 'fault')).toBe(false);
    expect(theory.block.rho.every((r) => r > 0.4 && r <= 1)).toBe(true);
  });

  it('act=softplus&sw2=64&sb2=64&L=1000 (not homogeneous): both curves end at layer 204 with a marker', () => {
    const spec = specOf('act=softplus&sw2=64&sb2=64&L=1000&M=0');
    const theory = computeTheory(spec, 'exact');
    for (const [stat, name] of [['rho', 'correlation'], ['q11', 'variance']] as const) {
      const m = depthPlot(stat, spec, theory, undefined).series.find((s) => s.kind === 'fault') as FaultSeries;
      expect(m).toMatchObject({ x: 204, label: `limit ${name}: overflows f64 at layer 205; the curve ends` });
    }
  });

  it('the padded axis of values up to 1.8e308 stays inside f64 (padding used to reach ∞ and blank the axis)', () => {
    for (const kind of ['log', 'linear'] as const) {
      const [lo, hi] = paddedDomain([64, 1.2e308], kind);
      expect(Number.isFinite(lo) && Number.isFinite(hi) && hi > 1.2e308 * 0.999 && lo < 64).toBe(true);
    }
    const [lo] = paddedDomain([1e-300, 1], 'log');
    expect(lo).toBeGreaterThan(0);
  });

  it('no marker where nothing leaves f64', () => {
    const spec = specOf('act=tanh&L=50&M=0');
    expect(depthPlot('rho', spec, computeTheory(spec, 'exact'), undefined).series.some((s) => s.kind === 'fault')).toBe(false);
  });

  it('the Monte Carlo marker: every network dead at a layer ends the medians there, on both plots', () => {
    const spec = specOf('act=relu&L=3&M=2');
    const theory = computeTheory(spec, 'exact');
    const q = { mean: [1, 1, NaN], sd: [0, 0, NaN], p05: [1, 1, NaN], p25: [1, 1, NaN], p50: [0.9, 0.8, NaN], p75: [1, 1, NaN], p95: [1, 1, NaN] };
    const mc = { M: 2, layers: [1, 2, 3], rho: q, q11: q, q12: q, q22: q, logq11: { mean: [], var: [] }, logq22: { mean: [], var: [] }, live: [2, 2, 0] };
    const dead: Fault = { block: 'mc', quantity: 'rho', layer: 3, cause: 'dead', message: 'every network is dead (q̂ = 0) from layer 3 on: ρ̂ is undefined there' };
    for (const stat of ['rho', 'q11'] as const) {
      const m = depthPlot(stat, spec, theory, mc, [dead]).series.find((s) => s.kind === 'fault') as FaultSeries;
      expect(m).toMatchObject({ id: 'fault-mc', x: 2, y: 0.8 });
      expect(m.label).toContain('every network dead at layer 3');
    }
  });
});
