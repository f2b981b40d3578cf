/**
 * The registry of view computations (viewRunner.ts). Views without an entry (depth, hist) show the
 * depth-profile result only.
 */
import { archOf } from '../archs/index.ts';
import type { SimSize } from '../core/cost.ts';
import type { Spec, View } from '../core/spec.ts';
import { powerGrid, runCommuteMap, type CommuteBlock } from './commuteMap.ts';
import { REGIME_WIDTHS, runRegime, type RegimeBlock } from './fixedWidth.ts';
import { contrastSpecs, runContrast, type ContrastBlock } from './contrast.ts';
import { convergenceWidths, runSdeView, SDE_PATHS, type SdeViewBlock } from './sdeView.ts';
import type { ViewRunner } from './viewRunner.ts';
import { runWidthSweep, sweepLayer, sweepWidths, type WidthSweepBlock } from './widthSweep.ts';
import { runSignatureView, signatureApplies, signaturePlan, type SignatureViewBlock } from './signatureView.ts';
import { finiteApplies, finitePlan, runFiniteWidth, type FiniteWidthBlock } from './finiteWidthView.ts';
import { runPhaseDiagram, type PhaseDiagramBlock } from './phaseDiagram.ts';
import { collapseRunner } from './collapseView.ts';
import { TRAINING_RUNNERS } from './training/runners.ts';

const widthRunner: ViewRunner<WidthSweepBlock> = {
  view: 'width',
  key: 'width',
  phase: 'widths',
  costKeys: ['nmax', 'M', 'L'],
  costLabel: "the width sweep's networks",
  plan(spec) {
    const layer = sweepLayer(spec);
    return sweepWidths(spec.nmin, spec.nmax).map((n) => ({ method: spec.method, n, L: archOf(spec).depthScaled ? spec.L : layer, k: spec.k, M: spec.M, recorded: 1 }));
  },
  run: (spec, ctx) => runWidthSweep(spec, ctx),
};

const commuteRunner: ViewRunner<CommuteBlock> = {
  view: 'commute',
  key: 'commute',
  phase: 'cells',
  costKeys: ['nmax', 'Lmax', 'M'],
  costLabel: "the commutation map's networks",
  plan(spec) {
    const ns = powerGrid(spec.nmin, spec.nmax);
    const Ls = powerGrid(spec.Lmin, spec.Lmax);
    const sizes: SimSize[] = ns.map((n) => ({ method: spec.method, n, L: spec.Lmax, k: spec.k, M: spec.M, recorded: Ls.length }));
    for (const n of ns) for (const L of Ls) sizes.push({ method: spec.method, n, L, k: spec.k, M: 2 * spec.M, recorded: 1 });
    return sizes;
  },
  run: (spec, ctx) => runCommuteMap(spec, ctx),
};

const regimeRunner: ViewRunner<RegimeBlock> = {
  view: 'regime',
  key: 'regime',
  phase: 'widths',
  costKeys: ['L', 'M'],
  costLabel: "the fixed-width regime's networks",
  plan: (spec) => REGIME_WIDTHS.map((n) => ({ method: spec.method, n, L: spec.L, k: spec.k, M: spec.M, recorded: 2 })),
  run: (spec, ctx) => runRegime(spec, ctx),
};

const sdeRunner: ViewRunner<SdeViewBlock> = {
  view: 'sde',
  key: 'sdeView',
  phase: 'widths',
  costKeys: ['n', 'L', 'M'],
  costLabel: "the shaped-SDE view's networks",
  applies: (spec) => (archOf(spec).views.includes('sde') ? undefined : 'the covariance SDE is the proportional limit of the shaped MLP: choose arch=shaped'),
  // The law panel draws the histogram of ρ̂_L of the depth-profile networks.
  depthNetworks: true,
  plan(spec) {
    const T = spec.L / spec.n;
    const sizes: SimSize[] = [{ method: spec.method, n: spec.n, L: spec.L, k: spec.k, M: Math.min(SDE_PATHS, spec.M), recorded: spec.L }];
    for (const n of convergenceWidths(spec)) sizes.push({ method: spec.method, n, L: Math.max(1, Math.round(T * n)), k: spec.k, M: spec.M, recorded: 1 });
    return sizes;
  },
  // An architecture with its own proportional limit (shaped attention) computes the block itself.
  run: (spec, ctx) => archOf(spec).limits.proportionalView?.(spec, convergenceWidths(spec), ctx) ?? runSdeView(spec, ctx),
};

const contrastRunner: ViewRunner<ContrastBlock> = {
  view: 'contrast',
  key: 'contrast',
  phase: 'networks',
  costKeys: ['M', 'n', 'L'],
  costLabel: "the three-limits view's networks",
  plan: (spec) => contrastSpecs(spec).map((v) => ({ method: spec.method, n: spec.n, L: spec.L, k: spec.k, M: spec.M, recorded: 1 })),
  run: (spec, ctx) => runContrast(spec, ctx),
};

/** view=phase: theory only (no simulations), so it also runs when M = 0. */
const phaseRunner: ViewRunner<PhaseDiagramBlock> = {
  view: 'phase',
  key: 'phase',
  phase: 'rows',
  simulates: false,
  plan: () => [],
  run: (spec, ctx) => runPhaseDiagram(spec, { signal: ctx.signal, onPartial: ctx.onPartial }),
};

const finiteRunner: ViewRunner<FiniteWidthBlock> = {
  view: 'finite',
  key: 'finite',
  phase: 'widths',
  costKeys: ['nmax', 'L', 'M'],
  costLabel: "the finite-width view's networks",
  applies: finiteApplies,
  plan: finitePlan,
  run: (spec, ctx) => runFiniteWidth(spec, ctx),
};

/** view=signature (issue 16): controlled ResNets against the signature-kernel PDE and the ODE, as n and L grow. */
const signatureRunner: ViewRunner<SignatureViewBlock> = {
  view: 'signature',
  key: 'signatureView',
  phase: 'sweeps',
  costKeys: ['M', 'nmax', 'Lmax', 'n', 'L'],
  costLabel: "the signature view's networks",
  // Its networks are CresnetStepper loops on the CPU whatever the backend (signatureView.ts).
  cpuOnly: true,
  applies: signatureApplies,
  plan: signaturePlan,
  run: (spec, ctx) => runSignatureView(spec, ctx),
};

const RUNNERS: readonly ViewRunner[] = [widthRunner, commuteRunner, regimeRunner, sdeRunner, contrastRunner, phaseRunner, finiteRunner, signatureRunner, collapseRunner, ...TRAINING_RUNNERS] as ViewRunner[];

export function viewRunner(view: View): ViewRunner | undefined {
  return RUNNERS.find((r) => r.view === view);
}

/** Whether a spec samples the depth-profile networks (views without a runner, and those that draw them). */
export function samplesDepthNetworks(spec: Spec): boolean {
  const r = viewRunner(spec.view);
  return spec.M > 0 && (!r || r.depthNetworks === true);
}

/** The extra simulations of a spec's view (empty for views without a runner, or when M = 0). */
export function viewPlan(spec: Spec): SimSize[] {
  const r = viewRunner(spec.view);
  return r && (spec.M > 0 || r.simulates === false) ? r.plan(spec) : [];
}
