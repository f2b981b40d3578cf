/**
 * Predict-then-reveal rounds of the training lessons (prediction.ts): in the transfer view, where
 * the loss-optimal learning rate of the widest net of the first width family (SP in the lesson)
 * lands on the plot of log₂ η* against the width; in the NTK-regime view, the mean training loss
 * of the widest NTK-parametrised nets after the last step. Reading only: the answer is the block's
 * number; the ranges come from the spec (the η grid; the loss of the zero function on the task's
 * targets, ‖y‖²/2N, which training starts near and ends below).
 */
import type { Spec } from '../../../src/core/spec.ts';
import { TRANSFER_LOG2_ETA, trainingSettings } from '../../../src/experiments/training/settings.ts';
import type { NtkRegimeBlock, TransferBlock } from '../../../src/training/blocks.ts';
import { PARAM_LABELS } from '../../../src/training/parametrisation.ts';
import type { PredictionTarget } from '../prediction.ts';
import { viewBlockOf } from '../viewBlock.ts';

const last = <T>(a: readonly T[]): T | undefined => (a.length > 0 ? a[a.length - 1] : undefined);

export const transferTarget: PredictionTarget = {
  view: 'transfer',
  plot: 'plot-transfer-optima-n',
  question(spec) {
    const s = trainingSettings(spec, 'transfer');
    return `log₂ of the loss-optimal learning rate of the widest ${PARAM_LABELS[s.params[0]]} network, n = ${last(s.widths) ?? spec.nmax}`;
  },
  x: (spec) => last(trainingSettings(spec, 'transfer').widths) ?? spec.nmax,
  range: () => [TRANSFER_LOG2_ETA[0] - 0.5, TRANSFER_LOG2_ETA[TRANSFER_LOG2_ETA.length - 1] + 0.5],
  answer(result) {
    const b = viewBlockOf<TransferBlock>(result.transfer).block;
    const family = b?.width.families[0];
    const best = family ? last(family.curves)?.bestLog2Eta : undefined;
    if (best === undefined || best === null) return undefined;
    // The optimum is refined between grid points one log₂ unit apart: ± ½ is the grid's resolution.
    return { value: best, lo: best - 0.5, hi: best + 0.5, spread: 'half a grid step either side' };
  },
};

/** ‖y‖²/2N: the mse loss of the zero function on the spec's training set. */
function zeroFunctionLoss(spec: Spec): number {
  const { data } = trainingSettings(spec, 'ntkreg');
  let s = 0;
  for (const v of data.y) s += v * v;
  return s / (2 * data.N);
}

export const ntkRegimeTarget: PredictionTarget = {
  view: 'ntkreg',
  plot: 'plot-ntk-loss-ntk',
  question(spec) {
    const s = trainingSettings(spec, 'ntkreg');
    return `the mean training loss of the widest NTK-parametrised nets (n = ${last(s.widths) ?? spec.nmax}) after the last step, t = ${s.steps}`;
  },
  x: (spec) => trainingSettings(spec, 'ntkreg').steps,
  range: (spec) => [0, Number((1.5 * zeroFunctionLoss(spec)).toPrecision(2))],
  answer(result) {
    const b = viewBlockOf<NtkRegimeBlock>(result.ntkreg).block;
    const ntk = b?.params.find((p) => p.param === 'ntk');
    const curve = ntk && !ntk.unavailable ? last(ntk.loss) : undefined;
    const value = curve ? last(curve) : undefined;
    if (value === undefined || !b) return undefined;
    const kernel = last(b.predictedLoss);
    return kernel === undefined ? { value } : { value, lo: Math.min(value, kernel), hi: Math.max(value, kernel), spread: 'from the nets to the kernel prediction' };
  },
};

export const TRAINING_TARGETS: readonly PredictionTarget[] = [transferTarget, ntkRegimeTarget];
