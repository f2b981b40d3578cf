/**
 * What a training view costs before it runs (issue 17 §2; the lab's cost model, experiments/plan.ts):
 * its multiply–adds, counted by the same functions that give the sweeps their progress totals, and
 * the seconds they take on the CPU. The training engine is plain JavaScript in f64 on the CPU,
 * whatever the backend (the WebGPU trainer is not wired to the views).
 */
import type { Spec } from '../../core/spec.ts';
import { coordCheckWork } from '../../training/coordCheck.ts';
import { lrSweepWork } from '../../training/lrTransfer.ts';
import { movementWork } from '../../training/movement.ts';
import { ntkAtInitWork } from '../../training/ntkAtInit.ts';
import { ntkRegimeWork } from '../../training/ntkRegime.ts';
import type { TrainingViewId } from '../../training/spec.ts';
import { coordOptions } from './coordView.ts';
import { movementOptions } from './movementView.ts';
import { ntkInitOptions } from './ntkInitView.ts';
import { ntkRegimeOptions } from './ntkRegimeView.ts';
import { trainingSettings } from './settings.ts';
import { transferSweepOptions } from './transferView.ts';

/** Multiply–adds of a training view on a spec (0 for a spec the view does not apply to). */
export function trainingWork(spec: Spec, view: TrainingViewId): number {
  const s = trainingSettings(spec, view);
  switch (view) {
    case 'coord':
      return coordCheckWork(coordOptions(s));
    case 'movement':
      return movementWork(movementOptions(s));
    case 'ntkreg':
      return ntkRegimeWork(ntkRegimeOptions(s));
    case 'transfer':
      return transferSweepOptions(s).options.reduce((sum, o) => sum + lrSweepWork(o), 0);
    case 'ntkinit':
      return ntkAtInitWork(ntkInitOptions(s, spec.M));
  }
}

/**
 * Seconds per multiply–add of the training engine on the CPU, and a fixed cost per run (the
 * datasets, the analytic kernels, the first compile of the loops). Measured with
 * bench/training.ts (see there: the machine, the load and the spread); the cost model's upper bound
 * multiplies by the CPU profile's worstRatio and headroom (plan.ts).
 */
export const TRAINING_CPU = { secondsPerMadd: 2e-9, run: 0.05 } as const;

export function trainingSeconds(work: number): number {
  return TRAINING_CPU.run + work * TRAINING_CPU.secondsPerMadd;
}
