import { describe, expect, it } from 'vitest';
import type { LabResult } from '../../../src/experiments/result.ts';
import { trainingSettings } from '../../../src/experiments/training/settings.ts';
import { decodeSpec } from '../../../src/url/codec.ts';
import { LESSONS } from '../../presets.ts';
import { predictionTarget } from '../prediction.ts';
import { ntkRegimeTarget, transferTarget } from './predictionTargets.ts';
import { ntkRegimeBlock, transferBlock } from './testBlocks.ts';

const specOf = (id: string) => decodeSpec(LESSONS.find((l) => l.id === id)!.url).spec;
const resultWith = (key: string, block: unknown) => ({ [key]: block }) as unknown as LabResult;

describe('predict-then-reveal in the training lessons', () => {
  it('the transfer view: the marker at the widest width, the η grid as its range, the answer the first family\'s last optimum', () => {
    const spec = specOf('mup-transfer');
    expect(predictionTarget('transfer')).toBe(transferTarget);
    expect(transferTarget.plot).toBe('plot-transfer-optima-n');
    expect(transferTarget.x(spec)).toBe(256);
    expect(transferTarget.range(spec, undefined)).toEqual([-6.5, 3.5]);
    expect(transferTarget.question(spec)).toBe('log₂ of the loss-optimal learning rate of the widest standard (SP) network, n = 256');
    // testBlocks: SP's optimum at its widest width (512) is log₂ η = −4.
    expect(transferTarget.answer(resultWith('transfer', transferBlock()), spec)).toMatchObject({ value: -4, lo: -4.5, hi: -3.5 });
    expect(transferTarget.answer(resultWith('transfer', { unavailable: 'no' }), spec)).toBeUndefined();
  });

  it('the NTK regime: the marker at the last step, a range from 0 to 1.5× the zero function\'s loss, the answer the widest NTK nets\' last loss', () => {
    const spec = specOf('kernel-machine');
    expect(predictionTarget('ntkreg')).toBe(ntkRegimeTarget);
    expect(ntkRegimeTarget.x(spec)).toBe(10);
    const { data } = trainingSettings(spec, 'ntkreg');
    const zero = data.y.reduce((a, v) => a + v * v, 0) / (2 * data.N);
    const [lo, hi] = ntkRegimeTarget.range(spec, undefined);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(1.5 * zero, 1);
    // testBlocks: the widest NTK nets end at 0.125, the kernel prediction at 0.125 too.
    const a = ntkRegimeTarget.answer(resultWith('ntkreg', ntkRegimeBlock()), spec)!;
    expect(a.value).toBe(0.125);
    expect([a.lo, a.hi]).toEqual([0.125, 0.125]);
    const moved = ntkRegimeBlock();
    moved.params[0].loss[3][3] = 0.2;
    expect(ntkRegimeTarget.answer(resultWith('ntkreg', moved), spec)).toMatchObject({ value: 0.2, lo: 0.125, hi: 0.2 });
  });
});
