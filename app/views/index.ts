/** The views this build ships. A new view is one component and one registerView call here. */
import { archForView, archOf } from '../../src/archs/index.ts';
import { CommuteView } from './CommuteView.tsx';
import { ContrastView } from './ContrastView.tsx';
import { DepthView } from './DepthView.tsx';
import { FiniteView } from './FiniteView.tsx';
import { HistView } from './HistView.tsx';
import { PhaseView } from './PhaseView.tsx';
import { RegimeView } from './RegimeView.tsx';
import { registerView } from './registry.ts';
import { SdeView } from './SdeView.tsx';
import { WidthView } from './WidthView.tsx';

registerView({ id: 'depth', description: 'ρ^ℓ and q^ℓ against the layer ℓ', component: DepthView });
registerView({ id: 'hist', description: 'law of ρ̂ and q̂ over the networks at one layer', component: HistView, viewKeys: ['layer'] });
registerView({
  id: 'width',
  description: 'ρ̂ and q̂ against the width n at a fixed layer',
  component: WidthView,
  viewKeys: ['layer', 'nmin', 'nmax'],
  // The sweep sets n itself (nmin … nmax): an n slider would do nothing visible (issue 14 §6).
  fixedKeys: ['n'],
});
registerView({
  id: 'commute',
  description: 'distance to the width-first limit over (n, L): MLP against ResNets',
  component: CommuteView,
  viewKeys: ['nmin', 'nmax', 'Lmin', 'Lmax', 'stat', 'obs'],
  fixedKeys: ['arch', 'alpha', 'n', 'L', 'cp', 'cm'],
});
registerView({
  id: 'regime',
  description: 'depth first at fixed width: the drift of log|φ(Y)|² changes sign between n = 3 and 4',
  component: RegimeView,
  fixedKeys: ['arch', 'alpha', 'n', 'cp', 'cm', 'k', 'q2', 'rho0'],
});
registerView({
  id: 'sde',
  description: 'the proportional limit: paths, law and convergence in law of ρ',
  component: SdeView,
  viewKeys: ['nmin', 'nmax'],
  // The tab opens on the architecture whose proportional limit it draws (the shaped MLP).
  onOpen: (spec) => (archOf(spec).views.includes('sde') ? {} : { arch: archForView('sde')!.id }),
});
registerView({
  id: 'contrast',
  description: 'He-MLP, shaped MLP and 1/√L ResNet at the same (n, L)',
  component: ContrastView,
  viewKeys: ['cp', 'cm'],
  fixedKeys: ['arch', 'act', 'sw2', 'sb2', 'alpha'],
});
registerView({
  id: 'phase',
  description: 'order and chaos over (σw², σb²): the critical line χ₁ = 1 and depth scales; a click shows the networks there',
  component: PhaseView,
  viewKeys: ['sw2max', 'sb2max', 'grid'],
  // The diagram is the infinite-width MLP's: it depends on φ, σw², σb² only.
  fixedKeys: ['arch', 'alpha', 'cp', 'cm', 'n', 'L', 'q1', 'q2', 'rho0', 'k', 'weights'],
  // ReLU's diagram is degenerate (χ₁ = σw²/2: the critical line is the point σw² = 2, σb² = 0).
  onOpen: (spec) => (spec.act === 'relu' ? { act: 'tanh' } : {}),
});
registerView({
  id: 'finite',
  description: 'how far width n is from the limit: 1/n corrections, convergence rates, the exact law of |z^L|²',
  component: FiniteView,
  viewKeys: ['nmin', 'nmax'],
  fixedKeys: ['alpha', 'cp', 'cm'],
});
