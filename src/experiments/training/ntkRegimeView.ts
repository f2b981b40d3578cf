/**
 * view=ntkreg: finite nets against the infinite-width kernel prediction (training/ntkRegime.ts) as
 * the `ntkreg` block. Parametrisations with learning-rate exponents c ≠ 0 (mean-field) have no
 * kernel prediction here: they are listed with why, and not run.
 */
import type { NtkRegimeBlock } from '../../training/blocks.ts';
import { ntkRegimeParamIssue, ntkRegimeSweep, type NtkRegimeOptions, type NtkRegimeResult } from '../../training/ntkRegime.ts';
import type { ParamName } from '../../training/parametrisation.ts';
import type { Sweep } from '../../training/work.ts';
import { mapSweep, slopeJson } from './json.ts';
import { setupJson, type TrainingSettings } from './settings.ts';

/** Lee et al. 2019: the finite net's outputs stay within O(n^{−1/2}) of the linearised dynamics. */
export const NTK_DISTANCE_EXPONENT = -0.5;

/** Points of the 1-D slice (θ = 2πj/64): fine enough for a smooth curve, a forward pass of 64 inputs per net. */
export const NTK_SLICE_POINTS = 64;

export function ntkRegimeBlock(s: TrainingSettings, r: NtkRegimeResult): NtkRegimeBlock {
  const ran = new Map(r.params.map((p) => [p.param, p]));
  return {
    setup: setupJson(s),
    depth: s.depth,
    widths: [...r.widths],
    predictedLoss: r.predictedLoss,
    slice: r.slice ?? { theta: [], mean: [], sd: [] },
    theoryDistanceExponent: NTK_DISTANCE_EXPONENT,
    params: s.params.map((param) => {
      const p = ran.get(param);
      if (!p) return { param, distance: { mean: [], se: [] }, distanceSlope: null, loss: [], unavailable: ntkRegimeParamIssue(param) ?? 'not run' };
      return { param, distance: { mean: p.distance, se: p.distanceSe }, distanceSlope: slopeJson(p.distanceSlope), loss: p.loss, ...(p.slice ? { slice: p.slice } : {}) };
    }),
  };
}

/** The engine's options: only the parametrisations with a kernel prediction run. */
export function ntkRegimeOptions(s: TrainingSettings): NtkRegimeOptions {
  const runnable: ParamName[] = s.params.filter((p) => ntkRegimeParamIssue(p) === undefined);
  return { params: runnable, widths: s.widths, L: s.depth, steps: s.steps, seeds: s.nets, eta: s.eta, act: s.act, sw2: s.sw2, seed: s.seed, data: s.data, slice: NTK_SLICE_POINTS };
}

export function ntkRegimeViewSweep(s: TrainingSettings): Sweep<NtkRegimeBlock> {
  return mapSweep(ntkRegimeSweep(ntkRegimeOptions(s)), (r) => ntkRegimeBlock(s, r));
}
