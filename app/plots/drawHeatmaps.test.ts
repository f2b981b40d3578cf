import { describe, expect, it } from 'vitest';
import { spacedLabels } from './drawHeatmaps.ts';

describe('heatmap tick labels never overlap', () => {
  it('keeps a label only where it clears the last kept one and the reserved ∞ label', () => {
    // Labels 30 px wide every 20 px: every other one fits.
    const centres = [0, 20, 40, 60, 80, 100];
    const keep = spacedLabels(centres, centres.map(() => 30), { at: 120, size: 10 });
    const kept = centres.filter((_, i) => keep[i]);
    for (let i = 1; i < kept.length; i++) expect(kept[i] - kept[i - 1]).toBeGreaterThanOrEqual(30 + 4);
    // None reaches into the ∞ label (115…125, with the gap).
    for (const c of kept) expect(c + 15).toBeLessThanOrEqual(111);
    expect(keep[0]).toBe(true);
    // Wide spacing keeps them all.
    expect(spacedLabels([0, 100, 200], [30, 30, 30])).toEqual([true, true, true]);
  });
});
