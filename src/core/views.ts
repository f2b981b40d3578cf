/**
 * The one list of views (issue 15 §1): each view's id (the value of the `view` key), tab label,
 * description, the keys it needs and the keys it sets itself, and whether the page's Worker sends it
 * per-network samples. The URL schema (core/spec.ts VIEWS), the page's tabs and controls
 * (app/views/registry.ts) and the Worker (app/worker/labWorker.ts) read it; the computation of a
 * view is its runner (experiments/viewRunners.ts), its drawing a component (app/views/index.ts),
 * both keyed by this id. Imports core/ only.
 *
 * An architecture may declare views of its own (ArchSpecModule.viewSpecs): they are appended here
 * in registry order, after these, so this list is not edited to add them.
 */
import { ARCH_SPECS } from '../archs/specs.ts';
import { TRAINING_VIEW_SPECS } from '../training/spec.ts';

export interface ViewSpec<Id extends string = string> {
  readonly id: Id;
  /** Tab text (also what the lessons gallery calls the view). */
  readonly label: string;
  /** One line under the tab for screen readers and tooltips. */
  readonly description: string;
  /**
   * Keys this view needs beyond the network's own: the View group's (layer, nmin, …), and keys
   * of other architectures it uses (the contrast view's shaped MLP needs c₊, c₋ whatever arch is).
   */
  readonly viewKeys?: readonly string[];
  /** Keys the view sets itself (e.g. the commutation map runs its own three architectures): hidden. */
  readonly fixedKeys?: readonly string[];
  /** True when the page draws per-network samples (4 × M numbers): only then does the Worker send them. */
  readonly samples?: boolean;
}

export const CORE_VIEW_SPECS = [
  { id: 'depth', label: 'Depth profile', description: 'ρ^ℓ and q^ℓ against the layer ℓ' },
  { id: 'hist', label: 'Distribution', description: 'law of ρ̂ and q̂ over the networks at one layer', viewKeys: ['layer'], samples: true },
  {
    id: 'width',
    label: 'Width sweep',
    description: 'ρ̂ and q̂ against the width n at a fixed layer',
    viewKeys: ['layer', 'nmin', 'nmax'],
    // The sweep sets n itself (nmin … nmax): an n slider would do nothing visible (issue 14 §6).
    fixedKeys: ['n'],
  },
  {
    id: 'commute',
    label: 'Commuting limits',
    description: 'distance to the width-first limit over (n, L): MLP against ResNets',
    viewKeys: ['nmin', 'nmax', 'Lmin', 'Lmax', 'stat', 'obs'],
    fixedKeys: ['arch', 'alpha', 'n', 'L', 'cp', 'cm'],
  },
  {
    id: 'regime',
    label: 'Fixed width',
    description: 'depth first at fixed width: the drift of log|φ(Y)|² changes sign between n = 3 and 4',
    fixedKeys: ['arch', 'alpha', 'n', 'cp', 'cm', 'k', 'q2', 'rho0'],
  },
  { id: 'sde', label: 'Shaped SDE', description: 'the proportional limit: paths, law and convergence in law of ρ', viewKeys: ['nmin', 'nmax'], samples: true },
  {
    id: 'contrast',
    label: 'Three limits',
    description: 'He-MLP, shaped MLP and 1/√L ResNet at the same (n, L)',
    viewKeys: ['cp', 'cm'],
    fixedKeys: ['arch', 'act', 'sw2', 'sb2', 'alpha'],
  },
  {
    id: 'phase',
    label: 'Phase diagram',
    description: 'order and chaos over (σw², σb²): the critical line χ₁ = 1 and depth scales; a click shows the networks there',
    viewKeys: ['sw2max', 'sb2max', 'grid'],
    // The diagram is the infinite-width MLP's: it depends on φ, σw², σb² only.
    fixedKeys: ['arch', 'alpha', 'cp', 'cm', 'n', 'L', 'q1', 'q2', 'rho0', 'k', 'weights'],
  },
  {
    id: 'finite',
    label: 'Finite width',
    description: 'how far width n is from the limit: 1/n corrections, convergence rates, the exact law of |z^L|²',
    viewKeys: ['nmin', 'nmax'],
    fixedKeys: ['alpha', 'cp', 'cm'],
  },
] as const satisfies readonly ViewSpec[];

/**
 * The views added after the core ones — those the architectures declare and the training views
 * (issue 17, training/spec.ts) — in the order they were added. Compact links (url/compact.ts)
 * store `view` as its index in VIEWS, so that order is a contract: a new view is appended here, not
 * placed by the registry order of its architecture (attention precedes cresnet in the registry, but
 * its view came later). url/viewOrder.test.ts holds the order of the views that links already use.
 */
const VIEWS_IN_ORDER_ADDED = ['signature', 'collapse', 'coord', 'movement', 'ntkreg', 'transfer', 'ntkinit'] as const;

const laterViews: readonly ViewSpec[] = [...ARCH_SPECS.flatMap((a) => ('viewSpecs' in a ? (a.viewSpecs as readonly ViewSpec[]) : [])), ...TRAINING_VIEW_SPECS];
for (const v of laterViews) {
  if (!(VIEWS_IN_ORDER_ADDED as readonly string[]).includes(v.id)) throw new Error(`core/views.ts: view '${v.id}' is declared (by an architecture or training) but not appended to VIEWS_IN_ORDER_ADDED`);
}

/** Every view: the core ones, then the later ones in the order they were added. */
export const VIEW_SPECS: readonly ViewSpec[] = [...CORE_VIEW_SPECS, ...VIEWS_IN_ORDER_ADDED.flatMap((id) => laterViews.filter((v) => v.id === id))];

/** The declaration of a view id (undefined for an id no view has). */
export function viewSpec(id: string): ViewSpec | undefined {
  return VIEW_SPECS.find((v) => v.id === id);
}
