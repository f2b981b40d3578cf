import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/core/spec.ts';
import { VIEW_SPECS } from '../../src/core/views.ts';
import { viewRunner } from '../../src/experiments/viewRunners.ts';
import './index.ts';
import { registeredViews, VIEW_LABEL } from './registry.ts';

describe('the one list of views (src/core/views.ts) feeds schema, tabs, labels and runners', () => {
  it('every declared view is a value of the view key and has a page component, in the same order', () => {
    expect(VIEW_SPECS.map((v) => v.id)).toEqual([...VIEWS]);
    expect(registeredViews().map((v) => v.id)).toEqual([...VIEWS]);
    for (const v of registeredViews()) {
      expect(v.label).toBe(VIEW_LABEL[v.id]);
      expect(typeof v.component).toBe('function');
    }
  });

  it('tabs keep their historic labels and keys (lessons and e2e find them by these)', () => {
    expect(VIEW_LABEL).toMatchObject({ depth: 'Depth profile', hist: 'Distribution', sde: 'Shaped SDE', finite: 'Finite width' });
    const width = registeredViews().find((v) => v.id === 'width')!;
    expect(width.viewKeys).toEqual(['layer', 'nmin', 'nmax']);
    expect(width.fixedKeys).toEqual(['n']);
  });

  it('each runner belongs to a declared view; views without one (depth, hist) show the depth-profile result', () => {
    const withRunner = VIEWS.filter((v) => viewRunner(v) !== undefined);
    // Core views first, then the architectures' own in the order added (cresnet: signature; attention: collapse), then the training views (issue 17).
    expect(withRunner).toEqual(['width', 'commute', 'regime', 'sde', 'contrast', 'phase', 'finite', 'signature', 'collapse', 'coord', 'movement', 'ntkreg', 'transfer', 'ntkinit']);
    for (const v of withRunner) expect(viewRunner(v)!.view).toBe(v);
  });
});
