import { describe, expect, it } from 'vitest';
import { activation } from '../../../src/core/activations.ts';
import { runMovement } from '../../../src/training/movement.ts';
import { makeDataset } from '../../../src/training/tasks.ts';
import type { LineSeries, PointSeries, XYSeries } from '../../plots/types.ts';
import { kernelMovementPlot, movementSentence, weightLabel, weightMovementPlot } from './movementData.ts';

function series<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

const result = runMovement({
  params: ['ntk', 'mup'],
  widths: [32, 64, 128],
  L: 2,
  steps: 1,
  seeds: 2,
  eta: 1e-4,
  optimizer: 'sgd',
  act: activation('tanh'),
  sw2: 1,
  seed: 1,
  data: makeDataset({ task: 'teacher', N: 8, d: 8, seed: 1, targetScale: 10 }),
});

describe('movement view data', () => {
  it('the kernel movement per parametrisation against the width, slopes and theory exponents in the legend', () => {
    const p = kernelMovementPlot(result, [32, 64, 128]);
    const ntk = series<PointSeries>(p.series, 'kernel-ntk');
    expect(Array.from(ntk.y)).toEqual(result.params[0].kernel);
    // NTK: first order −1 and at finite η −1 (docs/training.md §6).
    expect(ntk.label).toContain('theory −1 to first order in η, −1 at finite η');
    expect(series<PointSeries>(p.series, 'kernel-mup').label).toContain('theory −½ to first order in η, 0 at finite η');
  });

  it('each weight matrix per layer, with the theory slope dashed through the widest width', () => {
    const mup = result.params[1];
    const p = weightMovementPlot(result, mup, [32, 64, 128]);
    expect(mup.weights.length).toBe(3);
    for (let i = 0; i < 3; i++) {
      expect(Array.from(series<PointSeries>(p.series, `w-${i + 1}`).y)).toEqual(mup.weights[i]);
      const g = series<LineSeries>(p.series, `w-theory-${i + 1}`);
      // µP (SGD): every weight moves Θ(1) in spectral norm relative to itself.
      expect(Math.log(g.y[2] / g.y[0]) / Math.log(4)).toBeCloseTo(0, 12);
    }
    expect(weightLabel(0, 3)).toBe('W^{1} (input)');
    expect(weightLabel(2, 3)).toBe('W^{3} (readout)');
  });

  it('the sentence gives the narrowest and widest width\'s movement and the trend it shows', () => {
    const s = movementSentence(result);
    const k = result.params[0].kernel;
    expect(s).toContain(`at n = 32`);
    expect(s).toMatch(/NTK: the kernel moves by .* \((falls|grows|stays within a factor 2);/);
    // The NTK kernel moves like 1/n: from 32 to 128 it must fall by more than 2×, and the sentence must say so.
    expect(k[2]).toBeLessThan(k[0] / 2);
    expect(s).toContain('NTK: the kernel moves by');
    expect(s.split(';')[0]).toContain('(falls');
  });
});
