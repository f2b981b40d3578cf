import { describe, expect, it } from 'vitest';
import { powerOfTen } from './axes.ts';
import { parseRichText, plainText, csvText } from './richText.ts';

describe('parseRichText', () => {
  it('splits super- and subscripts into runs', () => {
    expect(parseRichText('ρ^{ℓ}')).toEqual([
      { text: 'ρ', shift: 'none' },
      { text: 'ℓ', shift: 'super' },
    ]);
    expect(parseRichText('q_{11}^ℓ (x)')).toEqual([
      { text: 'q', shift: 'none' },
      { text: '11', shift: 'sub' },
      { text: 'ℓ', shift: 'super' },
      { text: ' (x)', shift: 'none' },
    ]);
  });
  it('keeps a trailing caret and an unclosed brace as text', () => {
    expect(plainText('a^')).toBe('a^');
    expect(plainText('n^{-1/2')).toBe('n-1/2');
  });
});

describe('powerOfTen', () => {
  it('writes exponents as superscripts, negative ones included', () => {
    expect(powerOfTen(20)).toBe('10²⁰');
    expect(powerOfTen(-5)).toBe('10⁻⁵');
  });
});

describe('labels in CSV files', () => {
  it('keep scripts as ^ and _ without markup braces', () => {
    expect(csvText('q̂_{11}^{L}')).toBe('q̂_11^L');
    expect(csvText('χ_{1} (dimensionless)')).toBe('χ_1 (dimensionless)');
    expect(csvText('∝ n^{−1/2}')).toBe('∝ n^(−1/2)');
    expect(csvText('limit, n → ∞')).toBe('limit, n → ∞');
  });
});
