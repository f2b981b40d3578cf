import { describe, expect, it } from 'vitest';
import { trainingApplies } from '../../../src/experiments/training/settings.ts';
import { decodeSpec } from '../../../src/url/codec.ts';
import { trainingFix } from './trainingFix.ts';

const spec = (q: string) => {
  const d = decodeSpec(q);
  expect(d.issues).toEqual([]);
  return d.spec;
};

describe('the fix a training view offers when it cannot run', () => {
  it('one width → a second width; a logistic task in the NTK regime → teacher; one hidden layer in the coord check → two', () => {
    expect(trainingFix(spec('view=coord&nmin=64&nmax=64'), 'coord')).toEqual({ key: 'nmax', value: 128, label: 'Set nmax=128' });
    expect(trainingFix(spec('view=ntkreg&task=spirals&nmin=16&nmax=32'), 'ntkreg')).toEqual({ key: 'task', value: 'teacher', label: 'Set task=teacher' });
    expect(trainingFix(spec('view=coord&tdepth=1&nmin=16&nmax=32'), 'coord')).toEqual({ key: 'tdepth', value: 2, label: 'Set tdepth=2' });
    expect(trainingFix(spec('view=transfer&nmin=16&nmax=32&Lmin=8&Lmax=8'), 'transfer')).toMatchObject({ key: 'Lmax', value: 16 });
  });

  it('the fix removes the reason; none is offered when the view runs', () => {
    const s = spec('view=ntkreg&task=circles&nmin=16&nmax=32');
    const fix = trainingFix(s, 'ntkreg')!;
    expect(trainingApplies(s, 'ntkreg')).toMatch(/^task=circles/);
    expect(trainingApplies({ ...s, [fix.key]: fix.value }, 'ntkreg')).toBeUndefined();
    expect(trainingFix(spec('view=coord&nmin=16&nmax=32'), 'coord')).toBeUndefined();
  });
});
