/**
 * The order of the `view` values is a contract: a compact link (`z=`, compact.ts) stores the view
 * as its index in VIEWS, so a view inserted before an existing one would make old links open
 * another view (core/views.ts appends the views architectures declare in the order they were added).
 */
import { describe, expect, it } from 'vitest';
import { VIEWS } from '../core/spec.ts';
import { decodeSpec } from './codec.ts';

/** The views, in their order, as links already store them (append only). */
const VIEWS_OF_EXISTING_LINKS = ['depth', 'hist', 'width', 'commute', 'regime', 'sde', 'contrast', 'phase', 'finite', 'signature', 'collapse', 'coord', 'movement', 'ntkreg', 'transfer', 'ntkinit'];

describe('the order of the view values (compact links)', () => {
  it('every view that links already use keeps its index; new ones come after', () => {
    expect(VIEWS.slice(0, VIEWS_OF_EXISTING_LINKS.length)).toEqual(VIEWS_OF_EXISTING_LINKS);
  });

  it('compact links written before the comparison view existed still open their view', () => {
    // Written by encodeSpecCompact at f8d71d0 (before view=collapse): the view byte is 9 and 8.
    expect(decodeSpec('z=AgEFDAYTCRcIGAIZBCoB').spec).toMatchObject({ view: 'signature', arch: 'cresnet', M: 6, nmax: 8, Lmax: 4, refine: 1 });
    expect(decodeSpec('z=AgwGEwg').spec).toMatchObject({ view: 'finite', M: 6 });
  });
});
