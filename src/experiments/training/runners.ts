/**
 * The training views' runners (issue 17): one ViewRunner each, registered in viewRunners.ts. The
 * same function runs in the page's Worker (partial blocks, progress in multiply–adds, cancel at
 * every optimiser step), in the CLI and in the tests. They train the training engine's own networks
 * (src/training/) on the CPU: no depth-profile networks and no SimBackend jobs.
 */
import { Yielder } from '../../backends/cpu/yielder.ts';
import type { CoordCheckBlock, MovementBlock, NtkInitBlock, NtkRegimeBlock, TransferBlock } from '../../training/blocks.ts';
import type { TrainingViewId } from '../../training/spec.ts';
import { drain, drive, type Sweep } from '../../training/work.ts';
import type { Spec } from '../../core/spec.ts';
import type { ViewContext, ViewRunner } from '../viewRunner.ts';
import { coordViewSweep } from './coordView.ts';
import { movementViewSweep } from './movementView.ts';
import { ntkInitViewSweep } from './ntkInitView.ts';
import { ntkRegimeViewSweep } from './ntkRegimeView.ts';
import { trainingSettings, trainingApplies } from './settings.ts';
import { transferViewSweep } from './transferView.ts';
import { TRAINING_CPU, trainingMemoryIssue, trainingSeconds, trainingWork } from './cost.ts';

declare module '../result.ts' {
  interface ViewBlocks {
    readonly coord: CoordCheckBlock;
    readonly movement: MovementBlock;
    readonly ntkreg: NtkRegimeBlock;
    readonly transfer: TransferBlock;
    readonly ntkinit: NtkInitBlock;
  }
}

/** Each view's sweep on a spec (the block at every partial and at the end). */
export const TRAINING_SWEEPS: { readonly [V in TrainingViewId]: (spec: Spec) => Sweep<TrainingBlocks[V]> } = {
  coord: (spec) => coordViewSweep(trainingSettings(spec, 'coord')),
  movement: (spec) => movementViewSweep(trainingSettings(spec, 'movement')),
  ntkreg: (spec) => ntkRegimeViewSweep(trainingSettings(spec, 'ntkreg')),
  transfer: (spec) => transferViewSweep(trainingSettings(spec, 'transfer')),
  ntkinit: (spec) => ntkInitViewSweep(trainingSettings(spec, 'ntkinit'), spec.M),
};

export interface TrainingBlocks {
  readonly coord: CoordCheckBlock;
  readonly movement: MovementBlock;
  readonly ntkreg: NtkRegimeBlock;
  readonly transfer: TransferBlock;
  readonly ntkinit: NtkInitBlock;
}

/** A training view's block, synchronously (tests, tools). */
export function runTrainingView<V extends TrainingViewId>(spec: Spec, view: V): TrainingBlocks[V] {
  return drain(TRAINING_SWEEPS[view](spec));
}

const COST_KEYS: { readonly [V in TrainingViewId]: readonly string[] } = {
  coord: ['nmax', 'nets', 'steps', 'tdepth', 'ntrain', 'param'],
  movement: ['nmax', 'nets', 'steps', 'tdepth', 'ntrain', 'param'],
  ntkreg: ['nmax', 'nets', 'steps', 'tdepth', 'ntrain', 'param'],
  transfer: ['nmax', 'Lmax', 'twidth', 'steps', 'tdepth', 'ntrain', 'param'],
  ntkinit: ['M', 'nmax', 'Lmax', 'tdepth', 'twidth'],
};

const LABELS: { readonly [V in TrainingViewId]: string } = {
  coord: "the coord check's training runs",
  movement: "the movement view's training runs",
  ntkreg: "the NTK-regime view's training runs",
  transfer: "the transfer view's training runs",
  ntkinit: "the NTK-at-initialisation view's networks",
};

function trainingRunner<V extends TrainingViewId>(view: V, phase: string): ViewRunner<TrainingBlocks[V]> {
  return {
    view,
    key: view,
    phase,
    // The training runs are not the lab's Monte Carlo: they run whatever M is (ntkinit reads M itself).
    simulates: false,
    costKeys: COST_KEYS[view],
    costLabel: LABELS[view],
    // The status line's "Done: …": what ran (ntkinit's M networks per cell; the others' own nets).
    doneText: (M: string) => (view === 'ntkinit' ? `${M} networks per cell of the NTK at initialisation` : LABELS[view]),
    plan: () => [],
    cpuSeconds: (spec) => trainingSeconds(trainingWork(spec, view)),
    cpuWorstRatio: TRAINING_CPU.worstRatio,
    ops: (spec) => trainingWork(spec, view),
    memoryIssue: (spec, budget) => trainingMemoryIssue(spec, view, budget),
    applies: (spec) => trainingApplies(spec, view),
    run: (spec: Spec, ctx: ViewContext<TrainingBlocks[V]>) => {
      const yielder = new Yielder(ctx.signal);
      return drive(TRAINING_SWEEPS[view](spec), {
        checkpoint: () => yielder.checkpoint(),
        onPartial: ctx.onPartial ? (block, progress) => ctx.onPartial!(block, progress) : undefined,
      });
    },
  };
}

export const TRAINING_RUNNERS: readonly ViewRunner[] = [
  trainingRunner('coord', 'multiply–adds'),
  trainingRunner('movement', 'multiply–adds'),
  trainingRunner('ntkreg', 'multiply–adds'),
  trainingRunner('transfer', 'multiply–adds'),
  trainingRunner('ntkinit', 'multiply–adds'),
] as ViewRunner[];
