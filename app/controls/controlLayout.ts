/**
 * How the PARAMS table becomes a control panel: which group a key sits in, which keys matter for
 * the current architecture and view, and UI-only slider ranges (the typed entry still accepts the
 * whole range of the schema). Every control is generated from its Param; nothing is listed twice.
 */
import type { Spec } from '../../src/core/spec.ts';

export interface ControlGroup {
  readonly title: string;
  readonly keys: readonly (keyof Spec)[];
}

export const CONTROL_GROUPS: readonly ControlGroup[] = [
  { title: 'Network', keys: ['arch', 'act', 'n', 'L', 'sw2', 'sb2', 'alpha', 'cp', 'cm', 'weights'] },
  { title: 'Inputs', keys: ['q1', 'q2', 'rho0', 'k'] },
  { title: 'Monte Carlo', keys: ['M', 'seed', 'method', 'backend'] },
  { title: 'View', keys: ['layer', 'nmin', 'nmax', 'Lmin', 'Lmax', 'stat'] },
];

/** Whether a control is shown for this spec (hidden keys keep their values and stay in the URL). */
export function isRelevant(key: keyof Spec, spec: Spec, viewKeys: readonly string[]): boolean {
  switch (key) {
    case 'alpha':
      return spec.arch === 'resnet';
    case 'cp':
    case 'cm':
      return spec.arch === 'shaped';
    case 'act':
      return spec.arch !== 'shaped';
    case 'layer':
    case 'nmin':
    case 'nmax':
    case 'Lmin':
    case 'Lmax':
    case 'stat':
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
