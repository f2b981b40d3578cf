/**
 * Views plug in here: a view registers its id (a value of spec.view), a tab label and a component.
 * The header shows one tab per registered view; the page renders the component of spec.view.
 */
import type { ComponentType } from 'react';
import type { Spec, View } from '../../src/core/spec.ts';

export interface ViewDefinition {
  readonly id: View;
  /** Tab text. */
  readonly label: string;
  /** One line under the tab for screen readers and tooltips. */
  readonly description: string;
  readonly component: ComponentType;
  /**
   * Keys this view needs beyond the network's own: the View group's (layer, nmin, …), and keys
   * of other architectures it uses (the contrast view's shaped MLP needs c₊, c₋ whatever arch is).
   */
  readonly viewKeys?: readonly string[];
  /** Keys the view sets itself (e.g. the commutation map runs its own three architectures): hidden. */
  readonly fixedKeys?: readonly string[];
  /**
   * What choosing the view's tab changes besides `view` (issue 14 §6): the phase diagram opens on
   * tanh (ReLU's critical "line" is the single point σw² = 2, σb² = 0), the Shaped SDE tab switches
   * to the shaped MLP. Only the tab does this: a link keeps every key it sets, and the defaults of
   * the URL schema are untouched, so old links keep their meaning (and their digest).
   */
  readonly onOpen?: (spec: Spec) => Partial<Spec>;
}

/** Tab text of every view: also what the lessons gallery calls them (it loads no view component). */
export const VIEW_LABEL: Record<View, string> = {
  depth: 'Depth profile',
  hist: 'Distribution',
  width: 'Width sweep',
  commute: 'Commuting limits',
  regime: 'Fixed width',
  sde: 'Shaped SDE',
  contrast: 'Three limits',
  phase: 'Phase diagram',
  finite: 'Finite width',
  signature: 'Signature kernels',
};

const views = new Map<View, ViewDefinition>();

export function registerView(definition: Omit<ViewDefinition, 'label'>): void {
  views.set(definition.id, { ...definition, label: VIEW_LABEL[definition.id] });
}

export function registeredViews(): ViewDefinition[] {
  return [...views.values()];
}

export function viewDefinition(id: View): ViewDefinition | undefined {
  return views.get(id);
}
