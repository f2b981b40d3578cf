/** The views this build ships. A new view is one component and one registerView call here. */
import { DepthView } from './DepthView.tsx';
import { HistView } from './HistView.tsx';
import { registerView } from './registry.ts';
import { WidthView } from './WidthView.tsx';

registerView({ id: 'depth', label: 'Depth profile', description: 'ρ^ℓ and q^ℓ against the layer ℓ', component: DepthView });
registerView({ id: 'hist', label: 'Distribution', description: 'law of ρ̂ and q̂ over the networks at one layer', component: HistView, viewKeys: ['layer'] });
registerView({ id: 'width', label: 'Width sweep', description: 'ρ̂ and q̂ against the width n at a fixed layer', component: WidthView, viewKeys: ['layer', 'nmin', 'nmax'] });
