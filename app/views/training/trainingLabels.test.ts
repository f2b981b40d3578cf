import { describe, expect, it } from 'vitest';
import { formatExponent, formatSlope, layerLabel, powerGuide } from './trainingLabels.ts';

describe('training labels', () => {
  it('writes the abc exponents as the paper does: multiples of ½ as fractions, U+2212 minus', () => {
    expect([-1, -0.5, 0, 0.5, 1, 1.5, -1.5].map(formatExponent)).toEqual(['−1', '−½', '0', '½', '1', '3/2', '−3/2']);
    expect(formatExponent(-0 + 0)).toBe('0');
    expect(formatExponent(0.3)).toBe('0.3');
  });
  it('slopes to two decimals with the SE when it is finite', () => {
    expect(formatSlope(-0.526, 0.023)).toBe('−0.53 ± 0.02');
    expect(formatSlope(0.5, Number.NaN)).toBe('0.50');
    expect(formatSlope(Number.NaN)).toBe('–');
  });
  it('layer names as rich text', () => {
    expect(layerLabel('h12')).toBe('h^{12}');
    expect(layerLabel('f')).toBe('f');
  });
  it('a guide has the asked slope on log–log axes and passes through the widest finite positive point', () => {
    const x = [64, 128, 256, 512];
    const g = powerGuide(x, [1, 2, 3, Number.NaN], -0.5)!;
    expect(g[2]).toBe(3);
    expect(Math.log(g[3] / g[0]) / Math.log(512 / 64)).toBeCloseTo(-0.5, 12);
    expect(powerGuide(x, [0, -1, Number.NaN, 0], 1)).toBeUndefined();
  });
});
