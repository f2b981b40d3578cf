import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { runCoordCheck } from './coordCheck.ts';
import { runMovement } from './movement.ts';
import { runNtkRegime } from './ntkRegime.ts';
import type { ParamName } from './parametrisation.ts';
import { sweepIssue } from './sweepOptions.ts';
import { makeDataset } from './tasks.ts';

describe('width sweeps refuse bad input with the key, the value and the range', () => {
  const ok = { params: ['mup'] as ParamName[], widths: [8, 16], steps: 1, seeds: 1 };
  it.each([
    [{ ...ok, params: ['xp' as ParamName] }, /param = xp: it must be one of sp, ntk, mup, mf/],
    [{ ...ok, params: [] }, /params is empty/],
    [{ ...ok, widths: [8] }, /widths = 8: a slope needs at least two widths/],
    [{ ...ok, widths: [8, 8.5] }, /widths contains 8.5: every width must be an integer in \[1, 16384\]/],
    [{ ...ok, widths: [16, 8] }, /widths = 16,8: they must be strictly increasing/],
    [{ ...ok, steps: 0 }, /steps = 0: it must be an integer in \[1, 100000\]/],
    [{ ...ok, seeds: 1.5 }, /seeds = 1.5: it must be an integer in \[1, 10000\]/],
  ])('%o', (shape, message) => {
    expect(sweepIssue(shape)).toMatch(message);
  });
  it('valid shapes pass, and every runner throws the message', () => {
    expect(sweepIssue(ok)).toBeUndefined();
    const data = makeDataset({ task: 'teacher', N: 2, d: 2, seed: 1 });
    const common = { ...ok, widths: [16, 8], L: 1, eta: 0.1, act: activation('tanh'), sw2: 1, seed: 1, data };
    expect(() => runCoordCheck({ ...common, optimizer: 'sgd' })).toThrow(/coord check: widths = 16,8/);
    expect(() => runMovement({ ...common, optimizer: 'sgd' })).toThrow(/movement: widths = 16,8/);
    expect(() => runNtkRegime(common)).toThrow(/NTK regime: widths = 16,8/);
    const spirals = makeDataset({ task: 'spirals', N: 2, seed: 1 });
    expect(() => runNtkRegime({ ...common, widths: [8, 16], data: spirals })).toThrow(/task spirals has loss logistic/);
  });
});
