import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { viewSpec } from '../../src/core/views.ts';
import { isRelevant, sliderMarks, TOKEN_SUGGESTIONS } from './controlLayout.ts';

const spec = (changes: Partial<Spec>): Spec => ({ ...DEFAULT_SPEC, ...changes });

describe('which controls a view shows', () => {
  const commute = { viewKeys: ['nmin', 'nmax', 'Lmin', 'Lmax', 'stat', 'obs'], fixedKeys: ['arch', 'alpha', 'n', 'L', 'cp', 'cm'] };
  it('the commutation map hides the keys it sets itself and shows its grid, distance and observable', () => {
    const s = spec({ view: 'commute', arch: 'resnet' });
    for (const k of ['arch', 'alpha', 'n', 'L'] as const) expect(isRelevant(k, s, commute), k).toBe(false);
    for (const k of ['Lmax', 'stat', 'obs', 'sw2', 'M'] as const) expect(isRelevant(k, s, commute), k).toBe(true);
    expect(isRelevant('obs', spec({}), {})).toBe(false);
  });
  it('a training view shows φ, σw² and its training keys; no other network key, and no training key elsewhere', () => {
    const coord = viewSpec('coord')!;
    const s = spec({ view: 'coord' });
    for (const k of ['act', 'sw2', 'param', 'lr', 'steps', 'nets', 'tdepth', 'nmin'] as const) expect(isRelevant(k, s, coord), k).toBe(true);
    // URL keys of the other architectures (the control panel is keyed by them).
    for (const k of ['gamma2', 'nk', 'tau0', 'paths', 'share', 'refine', 'n', 'L', 'M', 'twidth'] as (keyof Spec)[]) expect(isRelevant(k, s, coord), k).toBe(false);
    expect(isRelevant('twidth', spec({ view: 'transfer' }), viewSpec('transfer')!)).toBe(true);
    for (const k of ['param', 'opt', 'lr', 'steps', 'task', 'batch', 'ntrain', 'nets', 'tdepth', 'twidth'] as const) expect(isRelevant(k, spec({}), viewSpec('depth')!), k).toBe(false);
  });
  it('c₊ and c₋ show for the shaped MLP, and in a view that needs them whatever arch is', () => {
    expect(isRelevant('cp', spec({ arch: 'mlp' }))).toBe(false);
    expect(isRelevant('cp', spec({ arch: 'shaped' }))).toBe(true);
    expect(isRelevant('cm', spec({ arch: 'mlp', view: 'contrast' }), { viewKeys: ['cp', 'cm'] })).toBe(true);
  });
  it('a controlled ResNet shows its path keys, not the other architectures\' own', () => {
    const s = spec({ arch: 'cresnet' });
    for (const k of ['paths', 'pdim', 'share', 's02', 'refine', 'k', 'M'] as const) expect(isRelevant(k, s), k).toBe(true);
    for (const k of ['alpha', 'cp', 'weights'] as const) expect(isRelevant(k, s), k).toBe(false);
    expect(isRelevant('paths', spec({ arch: 'mlp' }))).toBe(false);
  });
  it('α has labelled marks at 0, ½ and 1, with ½ emphasised', () => {
    const marks = sliderMarks('alpha')!;
    expect(marks.map((m) => m.value)).toEqual([0, 0.5, 1]);
    expect(marks.filter((m) => m.emphasis).map((m) => m.value)).toEqual([0.5]);
    expect(sliderMarks('n')).toBeUndefined();
  });
});

describe('the phase diagram and finite-width views', () => {
  const phase = { viewKeys: ['sw2max', 'sb2max', 'grid'], fixedKeys: ['arch', 'alpha', 'cp', 'cm', 'n', 'L', 'q1', 'q2', 'rho0', 'k', 'weights'] };
  it('the phase diagram shows its grid keys, φ, σw², σb², and hides what the diagram does not depend on', () => {
    const s = spec({ view: 'phase' });
    for (const k of ['sw2max', 'sb2max', 'grid', 'act', 'sw2', 'sb2'] as const) expect(isRelevant(k, s, phase), k).toBe(true);
    for (const k of ['n', 'L', 'weights', 'arch', 'rho0'] as const) expect(isRelevant(k, s, phase), k).toBe(false);
    // φ stays editable even when the spec holds the shaped MLP (the diagram is the MLP's).
    expect(isRelevant('act', spec({ view: 'phase', arch: 'shaped' }), phase)).toBe(true);
    expect(isRelevant('act', spec({ arch: 'shaped' }), {})).toBe(false);
    // Other views do not show the phase grid keys.
    expect(isRelevant('grid', spec({}), {})).toBe(false);
  });
  it('the weight law has a control in the Network group, with suggestions', () => {
    expect(isRelevant('weights', spec({ view: 'finite' }), { viewKeys: ['nmin', 'nmax'] })).toBe(true);
    expect(TOKEN_SUGGESTIONS.weights).toContain('orthogonal');
  });
});
