import { describe, expect, it } from 'vitest';
import { PARAM_BY_KEY } from '../../src/core/spec.ts';
import type { NumberParam } from '../../src/core/params.ts';
import { LOG_POSITIONS, sliderScale } from './sliderScale.ts';

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
});
