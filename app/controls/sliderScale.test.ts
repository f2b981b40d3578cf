import { describe, expect, it } from 'vitest';
import { PARAM_BY_KEY } from '../../src/core/spec.ts';
import type { NumberParam } from '../../src/core/params.ts';
import { LOG_POSITIONS, nextDistinct, sliderScale } from './sliderScale.ts';

const param = (key: string) => PARAM_BY_KEY.get(key) as NumberParam;

describe('sliderScale', () => {
  it('maps the depth slider logarithmically: ends are 1 and 10000, the middle is 100', () => {
    const s = sliderScale(param('L'));
    expect(s.fromPosition(0)).toBe(1);
    expect(s.fromPosition(LOG_POSITIONS)).toBe(10000);
    expect(s.fromPosition(LOG_POSITIONS / 2)).toBe(100);
    expect(s.toPosition(1000)).toBe(750);
  });
  it('visits every depth from 1 to 10 while dragging (no dead zone at small L)', () => {
    const s = sliderScale(param('L'));
    const seen = new Set<number>();
    for (let p = 0; p <= 250; p++) seen.add(s.fromPosition(p));
    for (let L = 1; L <= 10; L++) expect(seen.has(L)).toBe(true);
  });
  it('keeps position 0 for M = 0 on a log slider', () => {
    const s = sliderScale(param('M'));
    expect(s.fromPosition(0)).toBe(0);
    expect(s.toPosition(0)).toBe(0);
    expect(s.fromPosition(1)).toBe(1);
    expect(s.fromPosition(LOG_POSITIONS)).toBe(100000);
  });
  it('round-trips positions of integer log sliders within one step', () => {
    const s = sliderScale(param('n'));
    for (const n of [1, 7, 256, 1000, 65536]) expect(Math.abs(s.fromPosition(s.toPosition(n)) - n) / n).toBeLessThan(0.012);
  });
  it('never offers an excluded minimum (σw² > 0) and rounds floats to the step', () => {
    const s = sliderScale(param('sw2'), [0, 4]);
    expect(s.fromPosition(0)).toBeCloseTo(0.01, 12);
    expect(s.fromPosition(s.positions)).toBe(4);
    expect(s.fromPosition(s.toPosition(2))).toBe(2);
  });
  it('steps to the next distinct value with the arrow keys: 20 presses on L from 20 give 20 different depths', () => {
    const s = sliderScale(param('L'));
    let L = 20;
    const seen = [L];
    for (let i = 0; i < 20; i++) {
      const next = nextDistinct(s, L, 1);
      expect(next).toBeGreaterThan(L);
      L = next;
      seen.push(L);
    }
    expect(new Set(seen).size).toBe(21);
    // …and back down the same way, to where it started.
    for (let i = 0; i < 20; i++) L = nextDistinct(s, L, -1);
    expect(L).toBeLessThanOrEqual(20);
    expect(L).toBeGreaterThanOrEqual(1);
  });
  it('stops at the ends of the range and never skips the zero of M', () => {
    const L = sliderScale(param('L'));
    expect(nextDistinct(L, 10000, 1)).toBe(10000);
    expect(nextDistinct(L, 1, -1)).toBe(1);
    const M = sliderScale(param('M'));
    expect(nextDistinct(M, 1, -1)).toBe(0);
    expect(nextDistinct(M, 0, 1)).toBe(1);
    // A float log-free slider: σw² moves by its step of 0.01.
    const w = sliderScale(param('sw2'), [0, 4]);
    expect(nextDistinct(w, 2, 1)).toBeCloseTo(2.01, 12);
  });
});
