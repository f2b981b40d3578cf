import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../../src/url/codec.ts';
import { simulationOps } from '../../src/core/cost.ts';
import { planSpec } from '../../src/experiments/plan.ts';
import { ASK_ABOVE_SECONDS, estimateRun, formatAtMost, formatSeconds, secondsLeft, workDone } from './runEstimate.ts';
import { estimateMaxSeconds, estimateRunSeconds } from '../../src/experiments/plan.ts';

describe('run estimates and progress counted in work', () => {
  it('a small run does not ask; a run of 10⁵ wide networks does, naming the keys that set its cost', () => {
    expect(estimateRun(decodeSpec('M=50&n=64&L=10&backend=cpu').spec).maxSeconds).toBeLessThan(ASK_ABOVE_SECONDS);
    const big = estimateRun(decodeSpec('n=1024&L=50&M=100000&backend=cpu').spec);
    expect(big.maxSeconds).toBeGreaterThan(ASK_ABOVE_SECONDS);
    expect(big.drivers).toEqual(['M = 100000', 'n = 1024', 'L = 50']);
    // The estimate is the cost model's (the one the CLI and the Worker refuse by): expected and upper bound.
    expect(big.seconds).toBe(estimateRunSeconds(decodeSpec('n=1024&L=50&M=100000&backend=cpu').spec, 'cpu'));
    expect(big.maxSeconds).toBe(estimateMaxSeconds(decodeSpec('n=1024&L=50&M=100000&backend=cpu').spec, 'cpu'));
    expect(big.maxSeconds).toBeGreaterThan(big.seconds);
  });

  it('an upper bound is rounded up, never down', () => {
    expect(formatAtMost(30.2)).toBe('31 s');
    expect(formatAtMost(0.2)).toBe('1 s');
    expect(formatAtMost(61)).toBe('2 min');
    expect(formatAtMost(3601)).toBe('1.1 h');
  });

  it('a training view is estimated on the CPU whatever the backend, counted in its multiply–adds and set by its own keys', async () => {
    const { trainingWork } = await import('../../src/experiments/training/cost.ts');
    const spec = decodeSpec('view=coord&nmin=64&nmax=1024&nets=8&steps=2').spec;
    const e = estimateRun(spec, 'webgpu');
    expect(e.backend).toBe('cpu');
    expect(e.ops).toBe(trainingWork(spec, 'coord'));
    expect(e.drivers).toEqual(['nmax = 1024', 'nets = 8', 'steps = 2', 'tdepth = 2', 'ntrain = 16', 'param = auto']);
    expect(e.seconds).toBe(estimateRunSeconds(spec, 'cpu'));
    // Progress of a training run is its own multiply–adds (the runner's total): the fraction is done/total.
    expect(workDone(spec, { done: 3, total: 4, phase: 'multiply–adds' })).toBe(0.75);
  });

  it('theory-only specs cost nothing', () => {
    expect(estimateRun(decodeSpec('view=phase&M=0&grid=201').spec).ops).toBe(0);
  });

  it('a width sweep weighs each width by its operations: the widest counts most', () => {
    const spec = decodeSpec('view=width&M=20&L=5&nmin=4&nmax=1024&backend=cpu').spec;
    const sizes = planSpec(spec).sizes;
    const view = sizes.slice(1);
    const total = sizes.map(simulationOps).reduce((a, b) => a + b, 0);
    // After the depth profile, half the widths done is far less than half the work (widths double).
    const half = Math.floor(view.length / 2);
    const f = workDone(spec, { phase: 'widths', done: half, total: view.length });
    const expected = (simulationOps(sizes[0]) + view.slice(0, half).map(simulationOps).reduce((a, b) => a + b, 0)) / total;
    expect(f).toBeCloseTo(expected, 12);
    expect(workDone(spec, { phase: 'widths', done: view.length, total: view.length })).toBeCloseTo(1, 12);
    expect(workDone(spec, { phase: 'networks', done: 0, total: spec.M })).toBe(0);
  });

  it('time left: none before there is enough to extrapolate from, then elapsed·(1 − f)/f', () => {
    expect(secondsLeft(500, 0.5)).toBeUndefined();
    expect(secondsLeft(5000, 0.01)).toBeUndefined();
    expect(secondsLeft(10_000, 0.25)).toBeCloseTo(30, 12);
  });
});

describe('lesson times in the menu and the gallery', () => {
  it("are the cost model's expected time and upper bound, not a hand-written figure", async () => {
    const { LESSONS } = await import('../presets.ts');
    const { lessonCpuTime } = await import('./runEstimate.ts');
    for (const l of LESSONS) {
      const e = estimateRun({ ...decodeSpec(l.url).spec, backend: 'cpu' });
      expect(lessonCpuTime(l.url, (q) => decodeSpec(q).spec), l.id).toBe(`about ${formatSeconds(e.seconds)}, at most ${formatAtMost(e.maxSeconds)}`);
    }
  });
});
