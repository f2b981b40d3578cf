/**
 * view=ntkinit: the empirical NTK Θ̂(x₀, x₀) of M random nets (NTK parametrisation) against the
 * analytic NTK (training/ntkAtInit.ts), along two lines — widths nmin…nmax at depth tdepth, depths
 * Lmin…Lmax at width twidth — as the `ntkinit` block. Hanin & Nica 2019: the relative variance is
 * ≈ c·L/n while small, so it falls like 1/n along the first line and grows with L along the second.
 */
import type { NtkInitBlock, NtkInitLine } from '../../training/blocks.ts';
import { ntkAtInitSweep, relVarSlope, type NtkAtInitCell, type NtkAtInitOptions } from '../../training/ntkAtInit.ts';
import type { Sweep } from '../../training/work.ts';
import { mapSweep } from './json.ts';
import type { TrainingSettings } from './settings.ts';

/** Hanin & Nica 2019 (ReLU): E[Θ̂²]/E[Θ̂]² = exp(c·L/n)(1 + O(1/n)). */
export const NTK_RELVAR_EXPONENTS = { alongN: -1, alongL: 1 } as const;

function line(cells: readonly NtkAtInitCell[], along: 'n' | 'L'): NtkInitLine {
  return {
    cells: cells.map(({ n, L, mean, se, relVar, analytic }) => ({ n, L, mean, se, relVar, analytic })),
    relVarSlope: cells.length >= 2 ? relVarSlope(cells, along) : null,
  };
}

/** The cells the sweep runs, in order: the width line, then the depth line. */
export function ntkInitCells(s: TrainingSettings): { n: number; L: number }[] {
  return [...s.widths.map((n) => ({ n, L: s.depth })), ...s.depths.map((L) => ({ n: s.width, L }))];
}

export function ntkInitBlock(s: TrainingSettings, M: number, cells: readonly NtkAtInitCell[]): NtkInitBlock {
  const k = s.widths.length;
  return {
    act: s.act.id,
    sw2: s.sw2,
    task: s.data.task,
    M,
    seed: s.seed,
    alongN: { L: s.depth, widths: s.widths, ...line(cells.slice(0, k), 'n') },
    alongL: { n: s.width, depths: s.depths, ...line(cells.slice(k), 'L') },
    theory: { ...NTK_RELVAR_EXPONENTS },
  };
}

export function ntkInitOptions(s: TrainingSettings, M: number): NtkAtInitOptions {
  return { act: s.act, sw2: s.sw2, cells: ntkInitCells(s), seeds: M, seed: s.seed, data: s.data };
}

export function ntkInitViewSweep(s: TrainingSettings, M: number): Sweep<NtkInitBlock> {
  return mapSweep(ntkAtInitSweep(ntkInitOptions(s, M)), (r) => ntkInitBlock(s, M, r));
}
