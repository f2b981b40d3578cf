import { describe, expect, it } from 'vitest';
import type { SignatureViewBlock } from '../../src/experiments/signatureView.ts';
import { depthSweepPlot, gramPlot, pathsPlot, widthSweepPlot } from './signatureData.ts';

const pt = (mean: number) => ({ mean, sd: 0.2, se: 0.02, widthLimit: mean + 0.01 });
const block: SignatureViewBlock = {
  M: 10,
  paths: [
    { token: 'line:1', t: [0, 1], x: [[0, 1]] },
    { token: 'pl:0,0.5,-1', t: [0, 0.5, 1], x: [[0, 0.5, -1]] },
  ],
  limits: { pde: 1.2, pdeError: 1e-6, ode: 1.5, odeError: 1e-9 },
  width: { n: [4, 8], points: [pt(1.1), pt(1.15)] },
  depth: { L: [2, 4], shared: [pt(1.0), pt(1.1)], unshared: [pt(1.3), pt(1.4)] },
  gram: { limit: [[2, 1.2], [1.2, -0.5]], widthLimit: [[2, 1.1], [1.1, 3]], mean: [] },
};

describe('signature view plot data', () => {
  it('paths in d = 1 are drawn against t, one line each with its token', () => {
    const p = pathsPlot(block);
    expect(p.xLabel).toBe('time t');
    expect(p.series.map((s) => s.label)).toEqual(['x_{1} = line:1', 'x_{2} = pl:0,0.5,-1']);
  });

  it('the width sweep draws the chosen limit as a rule; the depth sweep both limits', () => {
    const w = widthSweepPlot(block, false);
    expect(w.series.find((s) => s.kind === 'hrule')).toMatchObject({ y: 1.5, label: 'ODE: n → ∞, then L → ∞' });
    const d = depthSweepPlot(block);
    expect(d.series.filter((s) => s.kind === 'hrule').map((s) => (s as { y: number }).y)).toEqual([1.2, 1.5]);
    expect(d.series.filter((s) => s.kind === 'errorbars')).toHaveLength(2);
  });

  it('Gram cells: values on the log scale, ≤ 0 grey, missing MC pending; no ∞ strips', () => {
    const g = gramPlot(block, true);
    expect(g.limitStrips).toBe(false);
    expect(g.maps[0].states).toEqual([['value', 'value'], ['value', 'none']]);
    expect(g.maps[2].states.flat()).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(g.colorDomain).toEqual([1.1, 3]);
  });
});
