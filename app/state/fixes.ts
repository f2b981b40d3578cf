/**
 * One-click fixes for rejected values. Some values are refused only because of another key — a
 * non-Gaussian weight law with method=gram (src/core/validate.ts: the gram chain is exact only for
 * iid Gaussian weights). The message then offers the companion change that makes the value valid;
 * the codec decides whether it does (a fix is offered only if the combined change is accepted).
 */
import { PARAM_BY_KEY, type Spec } from '../../src/core/spec.ts';
import { withChanges } from '../../src/url/codec.ts';

export interface MessageFix {
  /** Button text, e.g. "Switch to method=explicit". */
  readonly label: string;
  /** What the button applies, all at once. */
  readonly changes: Partial<Spec>;
}

/** Companion changes to try, per rejected key (the codec's message names them). */
const COMPANIONS: Partial<Record<keyof Spec, readonly Partial<Spec>[]>> = {
  weights: [{ method: 'explicit' }],
};

function describe(changes: Partial<Spec>): string {
  return Object.entries(changes)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

/** The fix for an issue about `key` whose rejected raw value is `raw`, or undefined when none helps. */
export function fixFor(spec: Spec, key: string, raw: string): MessageFix | undefined {
  const companions = COMPANIONS[key as keyof Spec];
  const param = PARAM_BY_KEY.get(key);
  if (!companions || !param) return undefined;
  const parsed = param.parse(raw);
  if (!parsed.ok) return undefined;
  for (const companion of companions) {
    const changes = { [key]: parsed.value, ...companion } as Partial<Spec>;
    const decoded = withChanges(spec, changes);
    const accepted = decoded.issues.length === 0 && Object.entries(changes).every(([k, v]) => (decoded.spec as unknown as Record<string, unknown>)[k] === v);
    if (accepted) return { label: `Switch to ${describe(companion)}`, changes };
  }
  return undefined;
}
