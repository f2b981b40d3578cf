/**
 * The one-click fix a training view offers when it cannot run a spec (experiments/training/settings.ts
 * trainingApplies): the single key change that removes the reason shown — a second width, the
 * teacher task for the NTK regime, two hidden layers for the coord check — if the URL codec accepts it.
 */
import type { Spec } from '../../../src/core/spec.ts';
import { trainingApplies } from '../../../src/experiments/training/settings.ts';
import { NETWORK_LIMITS } from '../../../src/training/network.ts';
import type { TrainingViewId } from '../../../src/training/spec.ts';
import { withChanges } from '../../../src/url/codec.ts';

export interface TrainingFix {
  readonly key: keyof Spec;
  readonly value: unknown;
  readonly label: string;
}

/** The change that answers each reason of trainingApplies, told apart by the key its message starts with. */
function candidates(spec: Spec): { readonly when: RegExp; readonly change: Partial<Spec> }[] {
  const [, maxN] = NETWORK_LIMITS.n;
  const [, maxL] = NETWORK_LIMITS.L;
  return [
    { when: /^nmax=/, change: { nmax: maxN } },
    { when: /^Lmax=/, change: { Lmax: maxL } },
    { when: /^nmin=/, change: 2 * spec.nmin <= maxN ? { nmax: 2 * spec.nmin } : { nmin: Math.floor(spec.nmax / 2) } },
    { when: /^Lmin=/, change: { Lmax: 2 * spec.Lmin } },
    { when: /^task=/, change: { task: 'teacher' } },
    { when: /^tdepth=/, change: { tdepth: 2 } },
    { when: /^M=/, change: { M: 2 } },
  ];
}

/** The fix for the reason the view shows, or undefined (the view runs, or no single change helps). */
export function trainingFix(spec: Spec, view: TrainingViewId): TrainingFix | undefined {
  const reason = trainingApplies(spec, view);
  if (reason === undefined) return undefined;
  for (const { when, change } of candidates(spec)) {
    if (!when.test(reason)) continue;
    const [key, value] = Object.entries(change)[0] as [keyof Spec, unknown];
    if (spec[key] === value) continue;
    const decoded = withChanges(spec, change);
    if (decoded.issues.length > 0 || decoded.spec[key] !== value) continue;
    // It must remove this reason (another one may remain: the view then offers its fix next).
    if (trainingApplies(decoded.spec, view) === reason) continue;
    return { key, value, label: `Set ${String(key)}=${String(value)}` };
  }
  return undefined;
}
