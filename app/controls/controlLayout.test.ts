import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { isRelevant, sliderMarks } from './controlLayout.ts';

const spec = (changes: Partial<Spec>): Spec => ({ ...DEFAULT_SPEC, ...changes });

describe('which controls a view shows', () => {
  const commute = { viewKeys: ['nmin', 'nmax', 'Lmin', 'Lmax', 'stat', 'obs'], fixedKeys: ['arch', 'alpha', 'n', 'L', 'cp', 'cm'] };
  it('the commutation map hides the keys it sets itself and shows its grid, distance and observable', () => {
    const s = spec({ view: 'commute', arch: 'resnet' });
    for (const k of ['arch', 'alpha', 'n', 'L'] as const) expect(isRelevant(k, s, commute), k).toBe(false);
    for (const k of ['Lmax', 'stat', 'obs', 'sw2', 'M'] as const) expect(isRelevant(k, s, commute), k).toBe(true);
    expect(isRelevant('obs', spec({}), {})).toBe(false);
  });
  it('c₊ and c₋ show for the shaped MLP, and in a view that needs them whatever arch is', () => {
    expect(isRelevant('cp', spec({ arch: 'mlp' }))).toBe(false);
    expect(isRelevant('cp', spec({ arch: 'shaped' }))).toBe(true);
    expect(isRelevant('cm', spec({ arch: 'mlp', view: 'contrast' }), { viewKeys: ['cp', 'cm'] })).toBe(true);
  });
  it('α has labelled marks at 0, ½ and 1, with ½ emphasised', () => {
    const marks = sliderMarks('alpha')!;
    expect(marks.map((m) => m.value)).toEqual([0, 0.5, 1]);
    expect(marks.filter((m) => m.emphasis).map((m) => m.value)).toEqual([0.5]);
    expect(sliderMarks('n')).toBeUndefined();
  });
});
