/**
 * Compact links (`z=`, compact.ts) store each key as its index in PARAMS, so a key's index is a
 * contract like its name: a key added later goes after every existing one (and an architecture
 * registered later appends its keys at the end). This pins today's order; a new key extends the list.
 */
import { describe, expect, it } from 'vitest';
import { PARAMS } from '../core/spec.ts';
import { packSpec } from './compact.ts';
import { decodeSpec } from './codec.ts';

const ORDER = 'v arch act n L sw2 sb2 alpha q1 q2 rho0 k M seed method backend cp cm ntk view weights layer nmin nmax Lmin Lmax stat sw2max sb2max grid predict proj obs embed curve gamma2 nk tau0 paths pdim share s02 refine curvemethod gamma2m param opt lr steps task batch ntrain nets tdepth twidth'.split(' ');

describe('the order of the URL keys (compact links store their indices)', () => {
  it('every key keeps its index; new keys only at the end', () => {
    const keys = PARAMS.map((p) => p.key);
    expect(keys.slice(0, ORDER.length)).toEqual(ORDER);
  });

  it('a compact link with an architecture key and curvemethod round-trips', () => {
    const spec = decodeSpec('arch=shapedattn&k=3&gamma2=0.3&curve=circle:16&curvemethod=auto').spec;
    const back = decodeSpec(`z=${packSpec(spec, 2)}`);
    expect(back.issues).toEqual([]);
    expect(back.spec.curvemethod).toBe('auto');
    expect((back.spec as unknown as Record<string, unknown>).gamma2).toBe(0.3);
  });
});
