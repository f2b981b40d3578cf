import { describe, expect, it } from 'vitest';
import { runPhaseDiagram } from '../../src/experiments/phaseDiagram.ts';
import { DEFAULT_SPEC } from '../../src/core/spec.ts';
import { progressCount } from './progressCount.ts';

describe('the run status counts what it names', () => {
  it('phase diagram: every progress report of a 5-row grid counts rows out of 5, never more than 5 (the critical line comes after)', async () => {
    const spec = { ...DEFAULT_SPEC, view: 'phase' as const, act: 'tanh', grid: 5, M: 0 };
    const seen: { done: number; total: number; rows: number }[] = [];
    await runPhaseDiagram(spec, { onPartial: (block, p) => seen.push({ ...progressCount({ ...p, phase: 'rows' }, spec.grid), rows: block.chi1.length }) });
    expect(seen.length).toBeGreaterThan(5);
    for (const s of seen) {
      expect(s.total).toBe(5);
      // The count is the number of rows the block really holds.
      expect(s.done).toBe(s.rows);
    }
    expect(seen[seen.length - 1].done).toBe(5);
    expect(progressCount({ done: 6, total: 6, phase: 'rows' }, 5).then).toBe('the critical line');
  });

  it('other units are shown as the Worker counts them', () => {
    expect(progressCount({ done: 3, total: 40, phase: 'networks' }, 201)).toEqual({ done: 3, total: 40 });
  });
});
