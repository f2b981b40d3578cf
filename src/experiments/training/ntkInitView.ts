/**
 * view=ntkinit: the empirical NTK of M random nets (NTK parametrisation) at x₀ over a grid of widths
 * × depths, against the analytic NTK (training/ntkAtInit.ts), as the `ntkinit` block.
 */
import type { NtkInitBlock } from '../../training/blocks.ts';
import { ntkAtInitSweep, relVarSlope, type NtkAtInitCell, type NtkAtInitOptions } from '../../training/ntkAtInit.ts';
import type { Sweep } from '../../training/work.ts';
import { mapSweep } from './json.ts';
import type { TrainingSettings } from './settings.ts';

export function ntkInitBlock(s: TrainingSettings, M: number, cells: readonly NtkAtInitCell[]): NtkInitBlock {
  const alongN: NtkInitBlock['slopes']['alongN'] = [];
  const alongL: NtkInitBlock['slopes']['alongL'] = [];
  for (const L of s.depths) {
    const line = cells.filter((c) => c.L === L);
    if (line.length >= 2) alongN.push({ L, fit: relVarSlope(line, 'n') });
  }
  for (const n of s.widths) {
    const line = cells.filter((c) => c.n === n);
    if (line.length >= 2) alongL.push({ n, fit: relVarSlope(line, 'L') });
  }
  return {
    act: s.act.id,
    sw2: s.sw2,
    task: s.data.task,
    M,
    seed: s.seed,
    widths: s.widths,
    depths: s.depths,
    cells: cells.map(({ n, L, mean, se, relVar, analytic }) => ({ n, L, mean, se, relVar, analytic })),
    slopes: { alongN, alongL },
    // Hanin & Nica 2019: relVar ≈ c L/n while L/n is small.
    theory: { alongN: -1, alongL: 1 },
  };
}

/** The grid: widths outer, depths inner; M networks per cell. */
export function ntkInitOptions(s: TrainingSettings, M: number): NtkAtInitOptions {
  const cells = s.widths.flatMap((n) => s.depths.map((L) => ({ n, L })));
  return { act: s.act, sw2: s.sw2, cells, seeds: M, seed: s.seed, data: s.data };
}

export function ntkInitViewSweep(s: TrainingSettings, M: number): Sweep<NtkInitBlock> {
  return mapSweep(ntkAtInitSweep(ntkInitOptions(s, M)), (r) => ntkInitBlock(s, M, r));
}
