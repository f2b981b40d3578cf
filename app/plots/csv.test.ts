import { describe, expect, it } from 'vitest';
import { cliCommand } from '../components/Reproduce.tsx';
import { csvField, histogramCsv, xyCsv, XY_HEADER } from './csv.ts';
import type { HistogramData, XYPlotData } from './types.ts';

const rows = (csv: string) => csv.trimEnd().split('\r\n');

describe('CSV of a plot (plots/csv.ts)', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180) and writes numbers in full', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('x–y: one row per drawn vertex; values a log axis cannot show are not rows', () => {
    const data: XYPlotData = {
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      xScale: 'linear',
      yScale: 'log',
      series: [
        { kind: 'line', id: 'limit', label: 'limit, n → ∞', color: '#000', x: [1, 2, 3], y: [1, 0, 4] },
        { kind: 'points', id: 'mc', label: 'median', color: '#000', x: [1, 2], y: [1.5, Number.NaN] },
        { kind: 'band', id: 'b', label: 'p25–p75', color: '#000', opacity: 0.3, x: [1, 2], lo: [1, 2], hi: [2, 3] },
        { kind: 'hrule', id: 'r', label: 'rule', color: '#000', y: 2 },
      ],
    };
    const r = rows(xyCsv(data));
    expect(r[0]).toBe(XY_HEADER.join(','));
    expect(r.slice(1)).toEqual(['limit,"limit, n → ∞",line,,1,1,,', 'limit,"limit, n → ∞",line,,3,4,,', 'mc,median,points,,1,1.5,,', 'b,p25–p75,band,,1,,1,2', 'b,p25–p75,band,,2,,2,3', 'r,rule,hrule,,,2,,']);
  });

  it('histogram: one row per drawn (non-empty) bar, then markers', () => {
    const data = {
      title: 't',
      xLabel: 'x',
      yLabel: 'count',
      xScale: 'linear',
      barLabel: 'networks',
      barColor: '#000',
      bins: [
        { x0: 0, x1: 1, count: 3 },
        { x0: 1, x1: 2, count: 0 },
        { x0: 2, x1: 3, count: 5 },
      ],
      markers: [{ id: 'limit', label: 'limit', color: '#000', x: 1.5 }],
    } as unknown as HistogramData;
    expect(rows(histogramCsv(data)).slice(1)).toEqual(['bars,networks,bar,0,1,3,,', 'bars,networks,bar,2,3,5,,', 'limit,limit,marker,,,,1.5,']);
  });
});

describe('the command line of cite / reproduce', () => {
  it('single-quotes the link for sh, also when it holds a quote', () => {
    expect(cliCommand('n=64&L=8')).toBe("npx limits-lab run 'n=64&L=8' --pretty");
    expect(cliCommand("a'b")).toBe(`npx limits-lab run 'a'\\''b' --pretty`);
  });
});
