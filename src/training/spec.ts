/**
 * Training in the URL (issue 17 §1–§5), the schema side: the keys the training views read and the
 * views themselves. Imports core/ only (core/spec.ts and core/views.ts read it, like an
 * architecture's spec.ts). What the keys mean for each view — the `auto` values, the widths and
 * depths swept — is resolved in one place, experiments/training/settings.ts.
 *
 * Every key is new (after the frozen links) and its default changes no existing number: the views
 * that read them are new, and at their defaults the keys are left out of the result digest
 * (core/spec.ts DIGEST_OMITTED_AT_DEFAULT), so every old link keeps its digest.
 */
import { enumParam, formatNumber, numberParam, parseDecimal, tokenParam, type ParseResult } from '../core/params.ts';
import type { SpecIssue } from '../core/spec.ts';
import type { ViewSpec } from '../core/views.ts';

/** The abc-parametrisations of TP-IV (training/parametrisation.ts ParamName), in URL order. */
export const TRAIN_PARAMS = ['sp', 'ntk', 'mup', 'mf'] as const;
export type TrainParam = (typeof TRAIN_PARAMS)[number];
export const TRAIN_OPTIMIZERS = ['sgd', 'adam'] as const;
export const TRAIN_TASKS = ['teacher', 'spirals', 'circles'] as const;

/** Largest learning rate a link may ask for (a base η; each layer gets η n^{−c}). */
export const MAX_LR = 1000;
export const MAX_STEPS = 10000;
export const MAX_NTRAIN = 1024;

/**
 * `param`: `auto` (the view's own comparison, settings.ts) or a comma-separated subset of
 * sp, ntk, mup, mf, written back in that order without repeats (`mup,sp` → `sp,mup`).
 */
export function parseParamList(raw: string): ParseResult<string> {
  if (raw === 'auto') return { ok: true, value: 'auto' };
  const parts = raw.split(',');
  const chosen = new Set<string>();
  for (const p of parts) {
    if (!(TRAIN_PARAMS as readonly string[]).includes(p)) return { ok: false, reason: `${JSON.stringify(p)} is not a parametrisation` };
    chosen.add(p);
  }
  return { ok: true, value: TRAIN_PARAMS.filter((p) => chosen.has(p)).join(',') };
}

/** The parametrisations of a `param` value other than `auto`. */
export function paramList(value: string): TrainParam[] {
  return value === 'auto' ? [] : (value.split(',') as TrainParam[]);
}

function autoOrNumber(kind: 'int' | 'float', lo: number, hi: number, loExclusive: boolean) {
  return (raw: string): ParseResult<string> => {
    if (raw === 'auto') return { ok: true, value: 'auto' };
    const r = parseDecimal(raw);
    if (!r.ok) return r;
    const v = r.value;
    if (kind === 'int' && !Number.isInteger(v)) return { ok: false, reason: 'not an integer' };
    if ((loExclusive ? v <= lo : v < lo) || v > hi) return { ok: false, reason: 'out of range' };
    return { ok: true, value: formatNumber(v) };
  };
}

export const PARAM_PARAM = tokenParam({
  key: 'param',
  label: 'parametrisations',
  doc: 'Training views: the abc-parametrisations compared (Yang & Hu 2021, TP-IV): a comma-separated subset of sp, ntk, mup, mf, or auto (each view\'s own comparison: coord sp,ntk,mup; movement and ntkreg ntk,mup; transfer sp,mup).',
  default: 'auto',
  allowed: 'auto, or a comma-separated subset of sp, ntk, mup, mf (e.g. sp,mup)',
  canonicalise: parseParamList,
});
export const OPT_PARAM = enumParam({ key: 'opt', label: 'optimiser', doc: 'Training views: SGD, or Adam (its µP and mean-field learning-rate exponents differ: docs/training.md Table 1).', values: TRAIN_OPTIMIZERS, default: 'sgd' });
export const LR_PARAM = tokenParam({
  key: 'lr',
  label: 'learning rate η',
  doc: 'Training views: base learning rate η (layer l trains at η n^{−c_l}), or auto (the view\'s own: coord 1e-4 with SGD, 1e-5 with Adam; movement 0.5; ntkreg 1). The transfer view sweeps η itself.',
  default: 'auto',
  allowed: `auto, or a number in (0, ${MAX_LR}]`,
  canonicalise: autoOrNumber('float', 0, MAX_LR, true),
});
export const STEPS_PARAM = tokenParam({
  key: 'steps',
  label: 'training steps T',
  doc: 'Training views: optimiser steps, or auto (the view\'s own: coord 3, movement 10, ntkreg 20, transfer 20).',
  default: 'auto',
  allowed: `auto, or an integer in [1, ${MAX_STEPS}]`,
  canonicalise: autoOrNumber('int', 1, MAX_STEPS, false),
});
export const TASK_PARAM = enumParam({ key: 'task', label: 'task', doc: 'Training views: teacher (regression on a random one-hidden-layer tanh teacher, inputs on the sphere, d = 8), spirals or circles (2-D, labels ±1, logistic loss).', values: TRAIN_TASKS, default: 'teacher' });
export const BATCH_PARAM = numberParam({ key: 'batch', label: 'batch size', doc: 'Training views: mini-batch size (0: full batch). Only the transfer view trains on mini-batches; the others train on one fixed batch, as the coord check does.', kind: 'int', default: 0, min: 0, max: MAX_NTRAIN });
export const NTRAIN_PARAM = numberParam({ key: 'ntrain', label: 'training inputs N', doc: 'Training views: size of the training set (drawn from the seed).', kind: 'int', default: 16, min: 1, max: MAX_NTRAIN, scale: 'log' });
export const NETS_PARAM = numberParam({ key: 'nets', label: 'networks per width', doc: 'Training views: networks trained per width (coupled seeds: the width-n net is the top-left block of the width-2n one); slopes carry a jackknife error over them. The NTK-at-initialisation view uses M instead.', kind: 'int', default: 6, min: 2, max: 1000, scale: 'log' });
export const TDEPTH_PARAM = numberParam({ key: 'tdepth', label: 'depth of the width sweeps', doc: 'Training views: hidden layers L of the networks of every sweep over widths nmin…nmax (the exponent table needs L ≥ 2).', kind: 'int', default: 2, min: 1, max: 64 });
export const TWIDTH_PARAM = numberParam({ key: 'twidth', label: 'width of the depth sweeps', doc: 'Training views: width n of the networks of every sweep over depths Lmin…Lmax (transfer: its ResNets; ntkinit: its depth line).', kind: 'int', default: 32, min: 1, max: 4096, scale: 'log' });

/** The training keys, appended to the schema after every other key (core/spec.ts). */
export const TRAINING_PARAMS = [PARAM_PARAM, OPT_PARAM, LR_PARAM, STEPS_PARAM, TASK_PARAM, BATCH_PARAM, NTRAIN_PARAM, NETS_PARAM, TDEPTH_PARAM, TWIDTH_PARAM] as const;
export const TRAINING_KEYS: readonly string[] = TRAINING_PARAMS.map((p) => p.key);

/** Their values in a Spec (joined to core/spec.ts Spec by declaration merging). */
export interface TrainingSpec {
  /** 'auto' or a canonical comma-separated list of TRAIN_PARAMS. */
  readonly param: string;
  readonly opt: (typeof TRAIN_OPTIMIZERS)[number];
  /** 'auto' or a decimal number in (0, MAX_LR]. */
  readonly lr: string;
  /** 'auto' or an integer in [1, MAX_STEPS]. */
  readonly steps: string;
  readonly task: (typeof TRAIN_TASKS)[number];
  /** 0: full batch. */
  readonly batch: number;
  readonly ntrain: number;
  readonly nets: number;
  readonly tdepth: number;
  readonly twidth: number;
}

declare module '../core/spec.ts' {
  interface Spec extends TrainingSpec {}
}

/** Keys of the lab's networks at initialisation that no training view reads (hidden while one is shown). */
const NOT_READ = ['arch', 'alpha', 'cp', 'cm', 'n', 'L', 'sb2', 'q1', 'q2', 'rho0', 'k', 'method', 'weights', 'ntk', 'layer', 'curve'] as const;
const TRAIN_KEYS = ['param', 'opt', 'lr', 'steps', 'task', 'ntrain', 'nets'] as const;

/**
 * The training views (issue 17 §4), one per bullet. Every one trains (or, for ntkinit, draws) the
 * training engine's networks (src/training/: abc-parametrised MLPs and ResNets without biases), not
 * the lab's depth-profile networks, so the network keys above are hidden.
 */
export const TRAINING_VIEW_SPECS = [
  {
    id: 'coord',
    label: 'Coord check',
    description: 'mean |Δh| per coordinate of every layer after t steps, against width, per parametrisation: fitted log-log slopes against the abc theory',
    viewKeys: [...TRAIN_KEYS, 'nmin', 'nmax', 'tdepth'],
    fixedKeys: [...NOT_READ, 'M', 'Lmin', 'Lmax', 'batch', 'twidth'],
  },
  {
    id: 'movement',
    label: 'Feature movement',
    description: 'how far the empirical NTK and each weight matrix move in training, against width: → 0 under NTK, Θ(1) under µP',
    viewKeys: [...TRAIN_KEYS, 'nmin', 'nmax', 'tdepth'],
    fixedKeys: [...NOT_READ, 'M', 'Lmin', 'Lmax', 'batch', 'twidth'],
  },
  {
    id: 'ntkreg',
    label: 'NTK regime',
    description: 'training loss of finite nets against the infinite-width kernel prediction, and their distance to it against width',
    // Full-batch gradient descent (the linearised dynamics are GD's): `opt` is not read.
    viewKeys: ['param', 'lr', 'steps', 'task', 'ntrain', 'nets', 'nmin', 'nmax', 'tdepth'],
    fixedKeys: [...NOT_READ, 'M', 'Lmin', 'Lmax', 'batch', 'twidth', 'opt'],
  },
  {
    id: 'transfer',
    label: 'LR transfer',
    description: 'loss after T steps against the learning rate: one curve per width (SP vs µP) and per depth (unscaled vs Depth-µP ResNets)',
    // One network per (curve, η): `nets` is not read; `lr` neither (the view sweeps η).
    viewKeys: ['param', 'opt', 'steps', 'task', 'ntrain', 'batch', 'nmin', 'nmax', 'tdepth', 'Lmin', 'Lmax', 'twidth'],
    fixedKeys: [...NOT_READ, 'M', 'nets', 'lr'],
  },
  {
    id: 'ntkinit',
    label: 'NTK at init',
    description: 'the empirical NTK of random nets against the analytic NTK: its mean, and its spread falling with n and growing with L',
    // Two lines of cells: widths nmin…nmax at depth tdepth, depths Lmin…Lmax at width twidth; M nets each.
    viewKeys: ['task', 'nmin', 'nmax', 'tdepth', 'Lmin', 'Lmax', 'twidth', 'M'],
    fixedKeys: [...NOT_READ, 'param', 'opt', 'lr', 'steps', 'batch', 'ntrain', 'nets'],
  },
] as const satisfies readonly ViewSpec[];

export type TrainingViewId = (typeof TRAINING_VIEW_SPECS)[number]['id'];
export const TRAINING_VIEWS: readonly TrainingViewId[] = TRAINING_VIEW_SPECS.map((v) => v.id);

export function isTrainingView(view: string): view is TrainingViewId {
  return (TRAINING_VIEWS as readonly string[]).includes(view);
}

/**
 * Cross-key rules of the training keys (core/validate.ts calls it). Rules that depend on the view
 * (a slope needs two widths; the NTK regime needs the mse task) are the runners' `applies`.
 */
export function trainingIssues(spec: TrainingSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (spec.batch > spec.ntrain)
    issues.push({ key: 'batch', value: formatNumber(spec.batch), message: `batch=${spec.batch} exceeds ntrain=${spec.ntrain}; allowed: 0 (full batch) or an integer in [1, ntrain = ${spec.ntrain}]` });
  return issues;
}
