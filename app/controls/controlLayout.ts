/**
 * How the PARAMS table becomes a control panel: which group a key sits in, which keys matter for
 * the current architecture and view, and UI-only slider ranges (the typed entry still accepts the
 * whole range of the schema). Every control is generated from its Param; nothing is listed twice.
 */
import { ARCH_MODULES, archOf } from '../../src/archs/index.ts';
import type { Spec } from '../../src/core/spec.ts';
import { isTrainingView, TRAINING_KEYS } from '../../src/training/spec.ts';

export interface ControlGroup {
  readonly title: string;
  readonly keys: readonly (keyof Spec)[];
}

/** The Network group as it always was; keys of architectures registered later follow it. */
const NETWORK_KEYS: readonly (keyof Spec)[] = ['arch', 'act', 'n', 'L', 'sw2', 'sb2', 'alpha', 'cp', 'cm', 'weights'];

/**
 * The Network group's keys that depend on the architecture (ArchSpecModule.controls says which of
 * them an architecture reads), and the architectures' own keys. Keys of other groups (k, M, …) are
 * never hidden by the architecture.
 */
const ARCH_KEYS: ReadonlySet<string> = new Set([...NETWORK_KEYS.filter((k) => k !== 'arch'), ...ARCH_MODULES.flatMap((m) => m.params.map((p) => p.key))]);

export const CONTROL_GROUPS: readonly ControlGroup[] = [
  { title: 'Network', keys: [...NETWORK_KEYS, ...([...ARCH_KEYS].filter((k) => !NETWORK_KEYS.includes(k as keyof Spec)) as (keyof Spec)[])] },
  { title: 'Inputs', keys: ['q1', 'q2', 'rho0', 'k', 'curve'] },
  { title: 'Monte Carlo', keys: ['M', 'seed', 'method', 'backend'] },
  { title: 'View', keys: ['layer', 'nmin', 'nmax', 'Lmin', 'Lmax', 'stat', 'obs', 'sw2max', 'sb2max', 'grid'] },
  // Issue 17: the training views' keys (src/training/spec.ts), shown only in the views that read them.
  { title: 'Training', keys: TRAINING_KEYS as readonly (keyof Spec)[] },
];

/** What the current view needs (registry.ts): its own keys, and the keys it fixes itself. */
export interface ViewNeeds {
  readonly viewKeys?: readonly string[];
  readonly fixedKeys?: readonly string[];
}

/** Whether a control is shown for this spec (hidden keys keep their values and stay in the URL). */
export function isRelevant(key: keyof Spec, spec: Spec, view: ViewNeeds = {}): boolean {
  const viewKeys = view.viewKeys ?? [];
  if (view.fixedKeys?.includes(key)) return false;
  if (ARCH_KEYS.has(key)) {
    // The training views train the training engine's own MLPs and ResNets (src/training/): of the
    // network keys they read φ and σw² only (experiments/training/settings.ts).
    if (isTrainingView(spec.view)) return key === 'act' || key === 'sw2';
    // A network key: shown when the chosen architecture reads it (ArchSpecModule.controls), when the
    // view asks for it (the contrast view's c₊, c₋), or when the view runs its own architectures
    // (it fixes `arch`; the phase diagram is the MLP's and still needs φ).
    return archOf(spec).controls.includes(key as keyof Spec & string) || viewKeys.includes(key) || (view.fixedKeys?.includes('arch') ?? false);
  }
  if (TRAINING_KEYS.includes(key)) return viewKeys.includes(key);
  switch (key) {
    case 'layer':
    case 'nmin':
    case 'nmax':
    case 'Lmin':
    case 'Lmax':
    case 'stat':
    case 'obs':
    case 'sw2max':
    case 'sb2max':
    case 'grid':
      return viewKeys.includes(key);
    default:
      return true;
  }
}

/** Slider ranges narrower than the schema where the interesting values are small. */
export function sliderRange(key: keyof Spec, spec: Spec): readonly [number, number] | undefined {
  switch (key) {
    case 'sw2':
      return [0, 4];
    case 'sb2':
      return [0, 1];
    case 'q1':
    case 'q2':
      return [0, 4];
    case 'cp':
    case 'cm':
      return [-5, 5];
    case 'layer':
      return [0, spec.L];
    default:
      return undefined;
  }
}

/** Keys edited by typing only (a slider over 2³² seeds is no use). */
export const ENTRY_ONLY: ReadonlySet<keyof Spec> = new Set(['seed']);

/** Labelled points on a slider (the special values of a parameter). */
export interface SliderMark {
  readonly value: number;
  readonly label: string;
  /** The one to notice (drawn in the accent colour). */
  readonly emphasis?: boolean;
}

/** α = 1/2 is the only branch exponent with a non-trivial depth limit (Hayou & Yang 2023). */
export function sliderMarks(key: keyof Spec): readonly SliderMark[] | undefined {
  if (key === 'alpha') {
    return [
      { value: 0, label: '0 unscaled' },
      { value: 0.5, label: '½ non-trivial', emphasis: true },
      { value: 1, label: '1 identity' },
    ];
  }
  return undefined;
}

/** Typical values offered with a token entry (the entry still accepts anything its Param parses). */
export const TOKEN_SUGGESTIONS: Partial<Record<keyof Spec, readonly string[]>> = {
  weights: ['gaussian', 'orthogonal', 'rademacher', 'sparse:0.1', 'lowrank:8'],
  param: ['auto', 'sp,mup', 'ntk,mup', 'sp,ntk,mup', 'sp,ntk,mup,mf'],
  lr: ['auto', '0.0001', '0.01', '0.5', '1'],
  steps: ['auto', '1', '3', '10', '20'],
};
