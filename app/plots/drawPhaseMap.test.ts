import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { positionOn } from './drawPhaseMap.ts';

describe('positionOn: a cell value’s place on the colour ramp, without a scale call per cell', () => {
  it('equals d3’s clamped linear and log scales onto [0, 1], bit for bit, inside, outside and at the ends of the domain', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const log = trial % 2 === 1;
      const d0 = log ? Math.exp((rand() - 0.5) * 20) : (rand() - 0.5) * 100;
      const d1 = log ? d0 * Math.exp(rand() * 20) : d0 + rand() * 100;
      const domain: [number, number] = [d0, d1];
      const ref = (log ? d3.scaleLog() : d3.scaleLinear()).domain(domain).range([0, 1]).clamp(true);
      const mine = positionOn(domain, log);
      const lo = log ? d0 / 10 : d0 - 10;
      const hi = log ? d1 * 10 : d1 + 10;
      for (const v of [d0, d1, lo, hi, ...Array.from({ length: 20 }, () => (log ? lo * Math.pow(hi / lo, rand()) : lo + (hi - lo) * rand()))]) expect(mine(v)).toBe(ref(v));
    }
    // A zero-width domain: the middle of the ramp, as d3.
    expect(positionOn([2, 2], false)(5)).toBe(d3.scaleLinear().domain([2, 2]).range([0, 1]).clamp(true)(5));
    expect(positionOn([2, 2], true)(1)).toBe(d3.scaleLog().domain([2, 2]).range([0, 1]).clamp(true)(1));
  });
});
