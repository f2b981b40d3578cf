/**
 * view=coord: the coord check (training/coordCheck.ts) on the spec's settings, as the `coord` block.
 */
import { coordCheckSweep, type CoordCheckOptions, type CoordCheckResult } from '../../training/coordCheck.ts';
import type { CoordCheckBlock } from '../../training/blocks.ts';
import type { Sweep } from '../../training/work.ts';
import { mapSweep, slopeJson } from './json.ts';
import { setupJson, widthSweepOptions, type TrainingSettings } from './settings.ts';

export function coordBlock(s: TrainingSettings, r: CoordCheckResult): CoordCheckBlock {
  return {
    setup: setupJson(s),
    depth: s.depth,
    widths: [...r.widths],
    layers: [...r.layers],
    params: r.params.map((p) => ({
      param: p.param,
      dh: { mean: p.dh.mean, se: p.dh.se },
      h: { mean: p.h.mean },
      slopes: p.slopes.map((byL) => byL.map(slopeJson)),
      theory: 'reason' in p.theory ? { reason: p.theory.reason } : { exponents: [...p.theory.hidden, p.theory.output] },
    })),
  };
}

export function coordOptions(s: TrainingSettings): CoordCheckOptions {
  return widthSweepOptions(s);
}

export function coordViewSweep(s: TrainingSettings): Sweep<CoordCheckBlock> {
  return mapSweep(coordCheckSweep(coordOptions(s)), (r) => coordBlock(s, r));
}
