/** view=movement: kernel and weight movement against width (training/movement.ts) as the `movement` block. */
import type { MovementBlock } from '../../training/blocks.ts';
import { movementSweep, type MovementOptions, type MovementResult } from '../../training/movement.ts';
import type { Sweep } from '../../training/work.ts';
import { mapSweep, slopeJson } from './json.ts';
import { setupJson, widthSweepOptions, type TrainingSettings } from './settings.ts';

export function movementBlock(s: TrainingSettings, r: MovementResult): MovementBlock {
  return {
    setup: setupJson(s),
    depth: s.depth,
    widths: [...r.widths],
    layers: Array.from({ length: s.depth + 1 }, (_, l) => `W${l + 1}`),
    params: r.params.map((p) => ({
      param: p.param,
      kernel: { mean: p.kernel, se: p.kernelSe },
      weights: { mean: p.weights },
      kernelSlope: slopeJson(p.kernelSlope),
      weightSlopes: p.weightSlopes.map(slopeJson),
      theory: 'reason' in p.theory ? { reason: p.theory.reason } : { weights: p.theory.weights, kernel: p.theory.kernel, kernelFiniteEta: p.theory.kernelFiniteEta },
    })),
  };
}

export function movementOptions(s: TrainingSettings): MovementOptions {
  return widthSweepOptions(s);
}

export function movementViewSweep(s: TrainingSettings): Sweep<MovementBlock> {
  return mapSweep(movementSweep(movementOptions(s)), (r) => movementBlock(s, r));
}
