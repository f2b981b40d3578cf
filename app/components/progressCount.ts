/**
 * The count the run status line shows, in the unit it names. The phase diagram's Worker counts
 * its rows and then the critical line as one more unit of work (src/experiments/phaseDiagram.ts:
 * total = rows + 1), so "…/202 rows" for a 201-row grid was not true: the rows are counted against
 * the grid's own row count, and the line is named as what comes after them.
 */
export interface ProgressCount {
  readonly done: number;
  readonly total: number;
  /** What follows the counted units, when the count does not cover all of the work. */
  readonly then?: string;
}

export function progressCount(p: { done: number; total: number; phase: string }, grid: number): ProgressCount {
  if (p.phase !== 'rows') return { done: p.done, total: p.total };
  return { done: Math.min(p.done, grid), total: grid, then: 'the critical line' };
}
