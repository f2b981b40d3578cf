/**
 * Validation shared by the width sweeps (coord check, movement, NTK regime): each message names
 * the key, the value and what is allowed (STYLE.md rule 6).
 */
import { NETWORK_LIMITS } from './network.ts';
import type { Activation } from '../core/activations.ts';
import { PARAM_NAMES, type OptimizerName, type ParamName } from './parametrisation.ts';
import type { Dataset } from './tasks.ts';

export interface SweepShape {
  readonly params: readonly ParamName[];
  readonly widths: readonly number[];
  readonly steps: number;
  readonly seeds: number;
}

/** What every width sweep on a fixed batch takes (coord check, movement). */
export interface WidthSweepOptions extends SweepShape {
  /** Hidden layers. */
  readonly L: number;
  readonly eta: number;
  readonly optimizer: OptimizerName;
  readonly act: Activation;
  readonly sw2: number;
  readonly seed: number;
  /** The fixed batch: all of it, every step. */
  readonly data: Dataset;
}

export const SWEEP_LIMITS = { steps: [1, 100000], seeds: [1, 10000] } as const;

export function sweepIssue(o: SweepShape): string | undefined {
  if (o.params.length === 0) return `params is empty: give at least one of ${PARAM_NAMES.join(', ')}`;
  for (const p of o.params) if (!PARAM_NAMES.includes(p)) return `param = ${String(p)}: it must be one of ${PARAM_NAMES.join(', ')}`;
  if (o.widths.length < 2) return `widths = ${o.widths.join(',')}: a slope needs at least two widths`;
  const [lo, hi] = NETWORK_LIMITS.n;
  for (let i = 0; i < o.widths.length; i++) {
    const n = o.widths[i];
    if (!(Number.isInteger(n) && n >= lo && n <= hi)) return `widths contains ${String(n)}: every width must be an integer in [${lo}, ${hi}]`;
    if (i > 0 && !(n > o.widths[i - 1])) return `widths = ${o.widths.join(',')}: they must be strictly increasing`;
  }
  const int = (key: 'steps' | 'seeds') => {
    const v = o[key];
    const [a, b] = SWEEP_LIMITS[key];
    return Number.isInteger(v) && v >= a && v <= b ? undefined : `${key} = ${String(v)}: it must be an integer in [${a}, ${b}]`;
  };
  return int('steps') ?? int('seeds');
}
