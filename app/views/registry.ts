/**
 * Views plug in here: the page adds a component (and what its tab changes) to a view declared in
 * the one list of views (src/core/views.ts: id, label, description, keys). The header shows one tab
 * per registered view; the page renders the component of spec.view.
 */
import type { ComponentType } from 'react';
import type { Spec, View } from '../../src/core/spec.ts';
import { VIEW_SPECS, viewSpec, type ViewSpec } from '../../src/core/views.ts';

export interface ViewDefinition extends ViewSpec<View> {
  readonly component: ComponentType;
  /**
   * What choosing the view's tab changes besides `view` (issue 14 §6): the phase diagram opens on
   * tanh (ReLU's critical "line" is the single point σw² = 2, σb² = 0), the Shaped SDE tab switches
   * to the shaped MLP. Only the tab does this: a link keeps every key it sets, and the defaults of
   * the URL schema are untouched, so old links keep their meaning (and their digest).
   */
  readonly onOpen?: (spec: Spec) => Partial<Spec>;
}

/** Tab text of every view: also what the lessons gallery calls them (it loads no view component). */
export const VIEW_LABEL: Record<View, string> = Object.fromEntries(VIEW_SPECS.map((v) => [v.id, v.label])) as Record<View, string>;

const views = new Map<View, ViewDefinition>();

/** The page's part of a declared view: its component and its tab's changes. */
export function registerView(definition: { readonly id: View; readonly component: ComponentType; readonly onOpen?: (spec: Spec) => Partial<Spec> }): void {
  const declared = viewSpec(definition.id);
  if (!declared) throw new Error(`registerView: view '${definition.id}' is not declared in src/core/views.ts`);
  views.set(definition.id, { ...declared, ...definition, id: definition.id });
}

/** The registered views, in the order of the list of views. */
export function registeredViews(): ViewDefinition[] {
  return VIEW_SPECS.flatMap((v) => views.get(v.id as View) ?? []);
}

export function viewDefinition(id: View): ViewDefinition | undefined {
  return views.get(id);
}
