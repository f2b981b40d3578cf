import { describe, expect, it } from 'vitest';
import { activation } from '../../../src/core/activations.ts';
import { runNtkRegime, type NtkRegimeParam } from '../../../src/training/ntkRegime.ts';
import { makeDataset } from '../../../src/training/tasks.ts';
import type { LineSeries, PointSeries, XYSeries } from '../../plots/types.ts';
import { approachVerdict, distancePlot, lossCurvesPlot, ntkRegimeSentence } from './ntkRegimeData.ts';

function series<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

const result = runNtkRegime({
  params: ['ntk', 'mup'],
  widths: [32, 64],
  L: 2,
  steps: 4,
  seeds: 2,
  eta: 1,
  act: activation('tanh'),
  sw2: 1,
  seed: 1,
  data: makeDataset({ task: 'teacher', N: 6, d: 4, seed: 2 }),
});

describe('NTK-regime view data', () => {
  it('the loss per width against the step, with the kernel prediction', () => {
    const p = lossCurvesPlot(result, result.params[0]);
    const pred = series<LineSeries>(p.series, 'kernel-prediction');
    expect(Array.from(pred.y)).toEqual(result.predictedLoss);
    expect(Array.from(pred.x)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(series<LineSeries>(p.series, 'loss-n64').y)).toEqual(result.params[0].loss[1]);
  });

  it('the distance against the width per parametrisation, with the n^{−1/2} guide through NTK\'s widest point', () => {
    const p = distancePlot(result, [32, 64]);
    expect(Array.from(series<PointSeries>(p.series, 'dist-mup').y)).toEqual(result.params[1].distance);
    const g = series<LineSeries>(p.series, 'guide-half');
    expect(g.y[1]).toBe(result.params[0].distance[1]);
    expect(g.y[0] / g.y[1]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('the verdict follows the fitted slope: within 0.15 of −½ approaches, above it does not', () => {
    const at = (slope: number): NtkRegimeParam => ({ ...result.params[0], distanceSlope: { slope, se: 0.05 } });
    expect(approachVerdict(at(-0.52))).toContain('within 0.15 of −½ — these nets approach the kernel prediction');
    expect(approachVerdict(at(-0.13))).toContain('these nets do not approach the kernel prediction');
    expect(approachVerdict(at(-0.9))).toContain('faster than');
    expect(ntkRegimeSentence(result)).toContain('Widths n = 32 … 64, 4 steps, 2 coupled seeds');
  });
});
