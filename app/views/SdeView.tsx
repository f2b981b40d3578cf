/**
 * View "sde" (issue 6): the proportional limit of the shaped MLP. Paths of finite networks next to
 * paths of the neural covariance SDE (t = l/n), the law of ρ̂_L against the SDE law of ρ_T, and
 * the distance in law against n at fixed T = L/n (convergence in law, with the fitted slope).
 */
import { archForView, archOf } from '../../src/archs/index.ts';
import { pageArch } from '../archs/index.ts';
import { useMemo } from 'react';
import type { SdeViewBlock } from '../../src/experiments/sdeView.ts';
import { Panel } from '../components/Panel.tsx';
import { histogramCsv, xyCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { Unavailable } from '../components/Unavailable.tsx';
import { drawHistogram } from '../plots/drawHistogram.ts';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { SHAPED_SDE_TEX } from './equations.ts';
import { formatCount, formatValue } from './labels.ts';
import { sdeConvergencePlot, sdeLawPlot, sdePathsPlot, type SdeLaw } from './sdeData.ts';
import { useCurrentRun, useTheory, useViewBlock } from './useResults.ts';

const LAW_TEX =
  '\\partial_t p = -\\partial_\\rho\\Big(\\big[\\nu(\\rho) - \\tfrac12\\rho(1-\\rho^2)\\big]p\\Big) + \\tfrac12\\,\\partial_\\rho^2\\Big((1-\\rho^2)^2\\,p\\Big),\\quad p_0 = \\delta_{\\rho_0},\\qquad \\hat\\rho_{L} \\xrightarrow[n\\to\\infty,\\ L = Tn]{\\text{law}} \\rho_T';
const CONVERGENCE_TEX =
  'W_1(\\mu, \\nu) = \\int_{-1}^{1} |F_\\mu(\\rho) - F_\\nu(\\rho)|\\,d\\rho,\\qquad \\mathrm{KS}(\\mu,\\nu) = \\sup_\\rho |F_\\mu(\\rho) - F_\\nu(\\rho)|,\\qquad d(n) \\approx C\\,n^{s}';

export function SdeView() {
  const spec = useLab((s) => s.spec);
  const run = useCurrentRun();
  const theory = useTheory();
  const { block, unavailable } = useViewBlock('sdeView');
  const samples = run?.samples && run.samples.layer === spec.L ? run.samples.rho : undefined;
  // The law: the Worker's block once it arrives, the main-thread theory before (same T when layer = L).
  const law: SdeLaw | undefined = block ? { T: block.T, ...block.law } : theory?.sdeLaw?.layer === spec.L ? theory.sdeLaw : undefined;
  const paths = useMemo(() => sdePathsPlot(block, spec.n), [block, spec.n]);
  const lawPlot = useMemo(() => sdeLawPlot(law, samples, spec.n, spec.L), [law, samples, spec.n, spec.L]);
  const conv = useMemo(() => sdeConvergencePlot(block), [block]);
  const owner = archForView('sde')!;
  // An architecture with its own words for this view (shaped attention): app/archs/<id> ownWords.
  const own = pageArch(spec).ownWords?.(spec).sde;
  if (!archOf(spec).views.includes('sde') || unavailable) {
    return <Unavailable reason={unavailable ?? `the covariance SDE is the proportional limit of the ${owner.label}: choose arch=${owner.id}`} fix={{ key: 'arch', value: owner.id, label: `Use the ${owner.label}` }} />;
  }
  const T = formatValue(spec.L / spec.n, 3);
  return (
    <div className="panels">
      <Panel
        id="sde-paths"
        title={`Correlation paths: ${formatCount(spec.n)}-wide shaped networks and the SDE, up to T = L/n = ${T}`}
        caption={own ? own.paths : `Each orange-red line is one finite shaped network (n = ${formatCount(spec.n)}, $c_+ = ${spec.cp}$, $c_- = ${spec.cm}$): its empirical correlation $\\hat\\rho^{\\ell}$ at layer $\\ell$, plotted at $t = \\ell/n$. Each blue line is a path of the neural covariance SDE from the same $\\rho_0$ (Euler–Maruyama, hybrid scheme in $\\operatorname{atanh}\\rho$). In the proportional limit $n, L \\to \\infty$ with $T = L/n$ fixed the correlation does not settle on a curve: it stays random, and the two bundles have the same law (at finite $n$ they differ by the distance shown in the convergence panel).`}
        equation={own ? own.pathsTex : SHAPED_SDE_TEX}
      >
        <PlotFrame draw={drawXY} data={paths} csv={xyCsv} testId="plot-sde-paths" />
      </Panel>
      <Panel
        id="sde-law"
        title={`The law of ρ at T = ${T}: networks against the SDE`}
        caption={own ? own.law(formatCount(spec.M)) : `The histogram (a density) of $\\hat\\rho_L$ over the M = ${formatCount(spec.M)} networks at the last layer, against the law of $\\rho_T$ from the Fokker–Planck equation of the SDE (curve). Where the law puts mass exactly at $\\rho = \\pm 1$ it is drawn as a spike labelled with that mass. Infinite width at fixed depth would give a single value; the proportional limit gives this whole law.`}
        equation={own ? own.lawTex : LAW_TEX}
      >
        <PlotFrame draw={drawHistogram} data={lawPlot} csv={histogramCsv} testId="plot-sde-law" />
      </Panel>
      <Panel
        id="sde-convergence"
        title="Convergence in law at fixed T"
        caption={own ? own.convergence(formatCount(Math.max(8, spec.nmin))) : `For widths $n$ from ${formatCount(Math.max(8, spec.nmin))} up to $n$ (keys nmin, n), networks of depth $L = \\mathrm{round}(T n)$: the Wasserstein-1 and Kolmogorov–Smirnov distances between the law of their $\\hat\\rho_L$ and the SDE law at their own $T_n = L/n$. On log–log axes a power law is a straight line. Both distances include the Monte Carlo noise of M networks: the dotted lines are their noise floors (the expected distance of M exact draws from the SDE law itself, about $M^{-1/2}$). A rate is fitted (dashed) and printed only over the widths whose distance stands above twice its floor; below that the points measure the noise, not the convergence.`}
        equation={CONVERGENCE_TEX}
      >
        <PlotFrame draw={drawXY} data={conv} csv={xyCsv} testId="plot-sde-convergence" />
      </Panel>
    </div>
  );
}
