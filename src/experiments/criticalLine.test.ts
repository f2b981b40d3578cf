import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { criticalLine } from './criticalLine.ts';

describe('critical line: the two root finders agree', () => {
  for (const id of ['tanh', 'erf']) {
    it(`${id}: criticalSw2 and criticalSw2ByQ agree ≤ 1e−8 on 41 values of σb² ∈ [0, 0.5]`, () => {
      const { line } = criticalLine(activation(id), 0.5, 41);
      expect(line.sb2).toHaveLength(41);
      // tanh at σb² = 0: the critical point has q* = 0, a boundary root the q-equation cannot see.
      expect(line.agreeingPoints).toBeGreaterThanOrEqual(40);
      expect(line.maxDisagreement).toBeLessThanOrEqual(1e-8);
      for (let j = 0; j < 41; j++) {
        const [a, b] = [line.sw2[j], line.sw2ByQ[j]];
        if (a !== null && b !== null) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8);
      }
    });
  }

  it('tanh at σb² = 0: σw²_c = 1 with q* = 0 (method 1; method 2 reports none)', () => {
    const { line } = criticalLine(activation('tanh'), 0.5, 3);
    // q* → 0 at a degenerate (pitchfork) bifurcation: method 1 resolves it to ~1e−10 (measured 8e−11).
    expect(Math.abs(line.sw2[0]! - 1)).toBeLessThan(1e-9);
    expect(line.sw2ByQ[0]).toBeNull();
  });

  it('silu: the q-equation’s roots are repelling fixed points of the length map — flagged, not counted as agreement', () => {
    const { line } = criticalLine(activation('silu'), 0.5, 5);
    expect(line.byQRepelling.slice(1).every(Boolean)).toBe(true);
    expect(line.agreeingPoints).toBe(0);
  });
});
