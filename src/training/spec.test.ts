/**
 * The training keys and views in the URL schema (training/spec.ts): parsing and canonical forms,
 * refusals that name the key, the value and the range, the contract with old links (appended keys
 * and views; defaults out of the digest), and what each view resolves `auto` to.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PARAMS, VIEWS, type Spec } from '../core/spec.ts';
import { resultDigest } from '../experiments/digest.ts';
import { trainingApplies, trainingSettings } from '../experiments/training/settings.ts';
import { decodeSpec, encodeSpec, encodeSpecCompact } from '../url/codec.ts';
import { TRAINING_KEYS, TRAINING_VIEWS } from './spec.ts';

const decode = (q: string) => decodeSpec(q);

describe('training keys', () => {
  it('write canonical values: param in table order without repeats, lr and steps as plain decimals, auto kept', () => {
    const s = decode('view=coord&param=mup,sp,sp&lr=1e-3&steps=03').spec;
    expect([s.param, s.lr, s.steps]).toEqual(['sp,mup', '0.001', '3']);
    expect(encodeSpec(s)).toBe('v=2&view=coord&param=sp,mup&lr=0.001&steps=3');
    expect(decode(encodeSpecCompact(s)).spec).toEqual(s);
    expect(decode('param=auto&lr=auto&steps=auto').spec).toEqual(DEFAULT_SPEC);
  });

  it.each([
    ['param=sp,xyz', 'param', 'param="sp,xyz": "xyz" is not a parametrisation; allowed: auto, or a comma-separated subset of sp, ntk, mup, mf (e.g. sp,mup)'],
    ['param=', 'param', 'param="": "" is not a parametrisation; allowed: auto, or a comma-separated subset of sp, ntk, mup, mf (e.g. sp,mup)'],
    ['lr=0', 'lr', 'lr="0": out of range; allowed: auto, or a number in (0, 1000]'],
    ['lr=NaN', 'lr', 'lr="NaN": not a finite decimal number; allowed: auto, or a number in (0, 1000]'],
    ['steps=0', 'steps', 'steps="0": out of range; allowed: auto, or an integer in [1, 10000]'],
    ['opt=rmsprop', 'opt', 'opt="rmsprop": unknown value; allowed: one of sgd, adam'],
    ['task=mnist', 'task', 'task="mnist": unknown value; allowed: one of teacher, spirals, circles'],
    ['ntrain=2000', 'ntrain', 'ntrain="2000": out of range; allowed: an integer in [1, 1024]'],
    ['tdepth=0', 'tdepth', 'tdepth="0": out of range; allowed: an integer in [1, 64]'],
    ['twidth=1e9', 'twidth', 'twidth="1e9": out of range; allowed: an integer in [1, 4096]'],
    ['batch=20&ntrain=16', 'batch', 'batch=20 exceeds ntrain=16; allowed: 0 (full batch) or an integer in [1, ntrain = 16]'],
  ])('%s is refused with a message naming key, value and range, and the key keeps its default', (query, key, message) => {
    const d = decode(query);
    expect(d.issues.map((i) => [i.key, i.message])).toEqual([[key, message]]);
    expect(d.spec[key as keyof Spec]).toBe(DEFAULT_SPEC[key as keyof Spec]);
  });
});

describe('the contract with old links', () => {
  it('appends the training keys after every other key and the training views after every other view (compact links index both)', () => {
    expect(PARAMS.slice(-TRAINING_KEYS.length).map((p) => p.key)).toEqual([...TRAINING_KEYS]);
    expect(VIEWS.slice(-TRAINING_VIEWS.length)).toEqual([...TRAINING_VIEWS]);
    // The views of the frozen links keep their enum indices.
    expect(VIEWS.slice(0, 10)).toEqual(['depth', 'hist', 'width', 'commute', 'regime', 'sde', 'contrast', 'phase', 'finite', 'signature']);
  });

  it('leaves the training keys out of the digest at their defaults, and puts any other value in', () => {
    const withDefaults = { spec: DEFAULT_SPEC, mc: { x: 1 } };
    const withoutKeys = { spec: Object.fromEntries(Object.entries(DEFAULT_SPEC).filter(([k]) => !TRAINING_KEYS.includes(k))), mc: { x: 1 } };
    expect(resultDigest(withDefaults)).toBe(resultDigest(withoutKeys));
    for (const [key, value] of [['param', 'sp'], ['lr', '0.1'], ['steps', '5'], ['opt', 'adam'], ['task', 'spirals'], ['batch', 4], ['ntrain', 8], ['nets', 3], ['tdepth', 3], ['twidth', 16]] as const)
      expect(resultDigest({ spec: { ...DEFAULT_SPEC, [key]: value }, mc: { x: 1 } }), key).not.toBe(resultDigest(withDefaults));
  });
});

describe('what each view trains (settings.ts)', () => {
  const s = (q: string) => decode(q).spec;

  it('resolves auto to the view’s own comparison, η and steps (docs/training.md §4–§8)', () => {
    const pick = (q: string, view: (typeof TRAINING_VIEWS)[number]) => {
      const t = trainingSettings(s(q), view);
      return { params: t.params, eta: t.eta, steps: t.steps, targetScale: t.targetScale, optimizer: t.optimizer };
    };
    expect(pick('view=coord', 'coord')).toEqual({ params: ['sp', 'ntk', 'mup'], eta: 1e-4, steps: 3, targetScale: 10, optimizer: 'sgd' });
    expect(pick('view=coord&opt=adam', 'coord')).toEqual({ params: ['sp', 'ntk', 'mup'], eta: 1e-5, steps: 3, targetScale: 10, optimizer: 'adam' });
    expect(pick('view=movement', 'movement')).toEqual({ params: ['ntk', 'mup'], eta: 0.5, steps: 10, targetScale: 1, optimizer: 'sgd' });
    // The NTK regime's prediction is gradient descent's: SGD whatever opt says.
    expect(pick('view=ntkreg&opt=adam', 'ntkreg')).toEqual({ params: ['ntk', 'mup'], eta: 1, steps: 20, targetScale: 1, optimizer: 'sgd' });
    expect(pick('view=transfer', 'transfer')).toMatchObject({ params: ['sp', 'mup'], steps: 20 });
    // Explicit values win; the 2-D tasks have no target scale.
    expect(pick('view=coord&param=mf&lr=0.02&steps=4&task=spirals', 'coord')).toEqual({ params: ['mf'], eta: 0.02, steps: 4, targetScale: 1, optimizer: 'sgd' });
  });

  it('sweeps widths nmin, 2nmin, … ≤ nmax at depth tdepth, and depths Lmin … Lmax at width twidth; batch 0 or ≥ N is full', () => {
    const t = trainingSettings(s('view=transfer&nmin=6&nmax=50&Lmin=3&Lmax=20&tdepth=3&twidth=12&ntrain=8&batch=8'), 'transfer');
    expect([t.widths, t.depth, t.depths, t.width, t.batch]).toEqual([[6, 12, 24, 48], 3, [3, 6, 12], 12, undefined]);
    expect(trainingSettings(s('view=transfer&ntrain=8&batch=4'), 'transfer').batch).toBe(4);
    expect(trainingSettings(s('view=coord&task=circles&ntrain=5'), 'coord').data).toMatchObject({ task: 'circles', N: 5, d: 3, loss: 'logistic' });
  });

  it.each([
    ['view=coord&nmin=64&nmax=100', 'coord', 'nmin=64, nmax=100: a slope against width needs at least two widths (nmin, 2·nmin, … ≤ nmax); allowed: nmax ≥ 2·nmin = 128'],
    ['view=coord&nmax=20000', 'coord', "nmax=20000: the training engine's widths go up to 16384; allowed: nmax ≤ 16384"],
    ['view=coord&tdepth=1', 'coord', "tdepth=1: the coord check's exponent table is for L ≥ 2 hidden layers (docs/training.md Table 2); allowed: tdepth ≥ 2"],
    ['view=transfer&Lmin=8&Lmax=8', 'transfer', 'Lmin=8, Lmax=8: the depth sweep needs at least two depths (Lmin, 2·Lmin, … ≤ Lmax); allowed: Lmax ≥ 2·Lmin = 16'],
    ['view=ntkinit&Lmax=2000', 'ntkinit', "Lmax=2000: the training engine's depths go up to 1000; allowed: Lmax ≤ 1000"],
    ['view=ntkinit&M=1', 'ntkinit', 'M=1: a spread over networks needs at least two; allowed: M ≥ 2'],
    ['view=ntkreg&task=spirals', 'ntkreg', 'task=spirals: the kernel prediction of the NTK regime is for the mse loss of a regression; allowed: task=teacher'],
  ] as const)('%s: the view says why it cannot run', (query, view, why) => {
    expect(trainingApplies(s(query), view)).toBe(why);
  });

  it('every view runs its default link', () => {
    for (const view of TRAINING_VIEWS) expect(trainingApplies(s(`view=${view}`), view), view).toBeUndefined();
  });
});
