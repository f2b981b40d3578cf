import { describe, expect, it } from 'vitest';
import { legendHeight, wrapLabel } from './legend.ts';
import { plainText } from './richText.ts';
import { NORMAL_STYLE, textWidth } from './theme.ts';

describe('legend labels never run out of the plot', () => {
  it('wraps a label wider than the legend at spaces, never inside a script group, each line within the width', () => {
    const label = 'limit log-normal, exact E and Var of log q̂_{L}/q^{∞}_{L} (Hanin & Nica 2020)';
    const max = 150;
    const lines = wrapLabel(label, max, 14);
    expect(lines.length).toBeGreaterThan(1);
    // Nothing lost or reordered: the lines joined with spaces are the label.
    expect(lines.join(' ')).toBe(label);
    for (const line of lines) {
      expect(textWidth(plainText(line), 14)).toBeLessThanOrEqual(max);
      // Braces balanced on each line: no script group cut in two.
      expect([...line].filter((c) => c === '{').length).toBe([...line].filter((c) => c === '}').length);
    }
    expect(wrapLabel('a_{b c}', 1, 14)).toEqual(['a_{b c}']);
  });

  it('takes the rows the wrapped label needs, and leaves legends that fit as they were', () => {
    const item = (label: string) => ({ label, swatch: 'line' as const, color: '#000' });
    const row = NORMAL_STYLE.font.legend + 10;
    // Two short entries side by side: one row.
    expect(legendHeight([item('a'), item('b')], 400)).toBe(row + 4);
    // A long entry in a narrow legend: as many rows as its lines, then the next entry below.
    const long = item('limit log-normal, exact E and Var of the log length');
    const lines = wrapLabel(long.label, 200 - 26 - 6 - 18, NORMAL_STYLE.font.legend).length;
    expect(lines).toBeGreaterThan(1);
    expect(legendHeight([item('a'), long, item('b')], 200)).toBe((1 + lines + 1) * row + 4);
  });
});
