/**
 * The views this build ships: the component of each view declared in src/core/views.ts (labels,
 * descriptions and keys come from there). A new view is one declaration there, a runner in
 * src/experiments/viewRunners.ts when it computes a block, and one registerView call here.
 */
import { archForView, archOf } from '../../src/archs/index.ts';
import { specActivation } from '../../src/core/activations.ts';
import { CollapseView } from './CollapseView.tsx';
import { CommuteView } from './CommuteView.tsx';
import { ContrastView } from './ContrastView.tsx';
import { DepthView } from './DepthView.tsx';
import { FiniteView } from './FiniteView.tsx';
import { HistView } from './HistView.tsx';
import { PhaseView } from './PhaseView.tsx';
import { RegimeView } from './RegimeView.tsx';
import { registerView } from './registry.ts';
import { SdeView } from './SdeView.tsx';
import { SignatureView } from './SignatureView.tsx';
import { WidthView } from './WidthView.tsx';
import { CoordView, MovementView, NtkInitView, NtkRegimeView, TransferView } from './training/TrainingViews.tsx';

registerView({ id: 'depth', component: DepthView });
registerView({ id: 'hist', component: HistView });
registerView({ id: 'width', component: WidthView });
registerView({ id: 'commute', component: CommuteView });
registerView({ id: 'regime', component: RegimeView });
registerView({
  id: 'sde',
  component: SdeView,
  // The tab opens on the architecture whose proportional limit it draws (the shaped MLP).
  onOpen: (spec) => (archOf(spec).views.includes('sde') ? {} : { arch: archForView('sde')!.id }),
});
registerView({ id: 'contrast', component: ContrastView });
registerView({
  id: 'phase',
  component: PhaseView,
  // ReLU's diagram is degenerate (χ₁ = σw²/2: the critical line is the point σw² = 2, σb² = 0).
  onOpen: (spec) => (specActivation(spec).id === 'relu' ? { act: 'tanh' } : {}),
});
registerView({ id: 'finite', component: FiniteView });
registerView({
  id: 'signature',
  component: SignatureView,
  // The tab opens on the architecture it shows (controlled ResNets).
  onOpen: (spec) => (archOf(spec).views.includes('signature') ? {} : { arch: archForView('signature')!.id }),
});
registerView({
  id: 'collapse',
  component: CollapseView,
  // The tab opens on standard attention when the network is not an attention one (both kinds run).
  onOpen: (spec) => (archOf(spec).views.includes('collapse') ? {} : { arch: archForView('collapse')!.id }),
});
// Issue 17: the training views (src/training/spec.ts declares them).
registerView({ id: 'coord', component: CoordView });
registerView({ id: 'movement', component: MovementView });
registerView({ id: 'ntkreg', component: NtkRegimeView });
registerView({ id: 'transfer', component: TransferView });
registerView({ id: 'ntkinit', component: NtkInitView });
