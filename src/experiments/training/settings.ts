/**
 * Spec → what a training view trains (issue 17): the one place where `auto` values are resolved and
 * where the swept widths and depths come from, read by the runners, the cost model and the tests.
 * Each view's `auto` is the comparison and the sizes the literature's figure uses
 * (docs/training.md §4–§10), scaled so that the view's default link finishes in seconds on a CPU.
 */
import { specActivation, type Activation } from '../../core/activations.ts';
import type { Spec } from '../../core/spec.ts';
import { NETWORK_LIMITS } from '../../training/network.ts';
import type { OptimizerName, ParamName } from '../../training/parametrisation.ts';
import { paramList, type TrainingViewId } from '../../training/spec.ts';
import { makeDataset, type Dataset } from '../../training/tasks.ts';
import type { TrainingSetup } from '../../training/blocks.ts';
import type { WidthSweepOptions } from '../../training/sweepOptions.ts';

/** Input dimension of the teacher task (tasks.ts default; the 2-D tasks have d = 3). */
export const TEACHER_DIM = 8;

/** The `auto` values of each view (docs/training.md). */
export const VIEW_DEFAULTS = {
  // One step is the acceptance's coord check; 3 steps show t = 1..3 (slopes per t). η = 1e−4 keeps
  // every change first order in η (SP's blow-up included); Adam's first step is sign descent, 1e−5.
  // Targets ×10 take the net's own random f₀ out of ∂ℓ/∂f (docs/training.md §4).
  coord: { params: ['sp', 'ntk', 'mup'], lr: { sgd: 1e-4, adam: 1e-5 }, steps: 3, targetScale: 10 },
  // Ten steps at η = 0.5: the finite-η regime where µP's kernel moves by Θ(1) (§6).
  movement: { params: ['ntk', 'mup'], lr: { sgd: 0.5, adam: 0.01 }, steps: 10, targetScale: 1 },
  // Full-batch GD at η = 1 against the linearised dynamics (§7).
  ntkreg: { params: ['ntk', 'mup'], lr: { sgd: 1, adam: 1 }, steps: 20, targetScale: 1 },
  // 20 steps, η = 2^−6 … 2^3 (§8).
  transfer: { params: ['sp', 'mup'], lr: { sgd: 1, adam: 1 }, steps: 20, targetScale: 1 },
  ntkinit: { params: ['ntk'], lr: { sgd: 1, adam: 1 }, steps: 0, targetScale: 1 },
} as const satisfies Record<TrainingViewId, { params: readonly ParamName[]; lr: Record<OptimizerName, number>; steps: number; targetScale: number }>;

/** The transfer view's grid of log₂ η (integers: the optimum is refined by a parabola, lrTransfer.ts). */
export const TRANSFER_LOG2_ETA: readonly number[] = Array.from({ length: 10 }, (_, i) => i - 6);

/** Widths (or depths) of a sweep: lo, 2lo, 4lo, … ≤ hi (the lab's width sweep, widthSweep.ts). */
export function doublings(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let v = lo; v <= hi; v *= 2) out.push(v);
  return out;
}

export interface TrainingSettings {
  readonly view: TrainingViewId;
  readonly act: Activation;
  readonly params: readonly ParamName[];
  readonly optimizer: OptimizerName;
  readonly eta: number;
  readonly steps: number;
  readonly data: Dataset;
  readonly targetScale: number;
  /** undefined: full batch. */
  readonly batch?: number;
  readonly nets: number;
  readonly seed: number;
  readonly sw2: number;
  /** Width sweeps: the widths and the hidden layers of their MLPs. */
  readonly widths: number[];
  readonly depth: number;
  /** Depth sweeps (transfer's ResNets, ntkinit's cells): the depths and the ResNets' width. */
  readonly depths: number[];
  readonly width: number;
}

export function trainingSettings(spec: Spec, view: TrainingViewId): TrainingSettings {
  const d = VIEW_DEFAULTS[view];
  // The spec resolved once (issue 15 §1): φ of `act` is the registry's one object per token.
  const act = { value: specActivation(spec) };
  const chosen = paramList(spec.param);
  const targetScale = spec.task === 'teacher' ? d.targetScale : 1;
  const data = makeDataset({ task: spec.task, N: spec.ntrain, seed: spec.seed, ...(spec.task === 'teacher' ? { d: TEACHER_DIM, targetScale } : {}) });
  return {
    view,
    act: act.value,
    params: chosen.length > 0 ? chosen : d.params,
    // The NTK regime's kernel prediction is gradient descent's (ntkRegime.ts): SGD whatever `opt` says.
    optimizer: view === 'ntkreg' ? 'sgd' : spec.opt,
    eta: spec.lr === 'auto' ? d.lr[spec.opt] : Number(spec.lr),
    steps: spec.steps === 'auto' ? d.steps : Number(spec.steps),
    data,
    targetScale,
    batch: spec.batch === 0 || spec.batch >= spec.ntrain ? undefined : spec.batch,
    nets: spec.nets,
    seed: spec.seed,
    sw2: spec.sw2,
    widths: doublings(spec.nmin, spec.nmax),
    depth: spec.tdepth,
    depths: doublings(spec.Lmin, spec.Lmax),
    width: spec.twidth,
  };
}

/**
 * The block's `setup`: what was trained, every `auto` resolved. The transfer view sweeps η and
 * trains one network per (curve, η) (lrTransfer.ts): no `eta`, and nets = 1.
 */
/** The options the width sweeps of the coord check and the movement view both take, from the settings. */
export function widthSweepOptions(s: TrainingSettings): WidthSweepOptions {
  return {
    params: s.params,
    widths: s.widths,
    L: s.depth,
    steps: s.steps,
    seeds: s.nets,
    eta: s.eta,
    optimizer: s.optimizer,
    act: s.act,
    sw2: s.sw2,
    seed: s.seed,
    data: s.data,
  };
}

export function setupJson(s: TrainingSettings, transfer = false): TrainingSetup {
  return {
    act: s.act.id,
    sw2: s.sw2,
    optimizer: s.optimizer,
    ...(transfer ? {} : { eta: s.eta }),
    steps: s.steps,
    task: s.data.task,
    ntrain: s.data.N,
    d: s.data.d,
    targetScale: s.targetScale,
    batch: s.batch ?? 'full',
    nets: transfer ? 1 : s.nets,
    seed: s.seed,
  };
}

/**
 * Why a training view cannot run this spec (shown instead of its block), or undefined. Sizes that
 * are merely slow are the cost model's to refuse (cost.ts); these are the ones that cannot work.
 */
export function trainingApplies(spec: Spec, view: TrainingViewId): string | undefined {
  const [, maxN] = NETWORK_LIMITS.n;
  const [, maxL] = NETWORK_LIMITS.L;
  if (spec.nmax > maxN) return `nmax=${spec.nmax}: the training engine's widths go up to ${maxN}; allowed: nmax ≤ ${maxN}`;
  const depthSweep = view === 'transfer' || view === 'ntkinit';
  if (depthSweep && spec.Lmax > maxL) return `Lmax=${spec.Lmax}: the training engine's depths go up to ${maxL}; allowed: Lmax ≤ ${maxL}`;
  if (2 * spec.nmin > spec.nmax)
    return `nmin=${spec.nmin}, nmax=${spec.nmax}: a slope against width needs at least two widths (nmin, 2·nmin, … ≤ nmax); allowed: nmax ≥ 2·nmin = ${2 * spec.nmin}`;
  if (depthSweep && 2 * spec.Lmin > spec.Lmax)
    return `Lmin=${spec.Lmin}, Lmax=${spec.Lmax}: the depth sweep needs at least two depths (Lmin, 2·Lmin, … ≤ Lmax); allowed: Lmax ≥ 2·Lmin = ${2 * spec.Lmin}`;
  if (view === 'ntkreg' && spec.task !== 'teacher')
    return `task=${spec.task}: the kernel prediction of the NTK regime is for the mse loss of a regression; allowed: task=teacher`;
  if (view === 'coord' && spec.tdepth < 2)
    return `tdepth=${spec.tdepth}: the coord check's exponent table is for L ≥ 2 hidden layers (docs/training.md Table 2); allowed: tdepth ≥ 2`;
  if (view === 'ntkinit' && spec.M < 2) return `M=${spec.M}: a spread over networks needs at least two; allowed: M ≥ 2`;
  return undefined;
}
