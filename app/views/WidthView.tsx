/** View "width": the law of ρ̂ and q̂ at a fixed layer against the width n (coupled seeds), with the limits. */
import { useMemo } from 'react';
import { sweepLayer, sweepWidths, type WidthSweepBlock } from '../../src/experiments/widthSweep.ts';
import { Panel } from '../components/Panel.tsx';
import { xyCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { CONVERGENCE_TEX, EMPIRICAL_TEX } from './equations.ts';
import { formatCount } from './labels.ts';
import { useTheory, useViewBlock } from './useResults.ts';
import { convergencePlot, widthPlot } from './widthData.ts';

export function WidthView() {
  const spec = useLab((s) => s.spec);
  const theory = useTheory();
  const { block } = useViewBlock('width');
  const widths = useMemo(() => sweepWidths(spec.nmin, spec.nmax), [spec.nmin, spec.nmax]);
  const layer = sweepLayer(spec);
  const limitAt = (stat: 'rho' | 'q11') => {
    const t = theory?.block;
    const i = t ? t.layers.indexOf(layer) : -1;
    return t && i >= 0 ? t[stat][i] : undefined;
  };
  const rho = useMemo(() => widthPlot('rho', block, limitAt('rho'), widths), [block, theory, widths, layer]);
  const q = useMemo(() => widthPlot('q11', block, limitAt('q11'), widths), [block, theory, widths, layer]);
  const conv = useMemo(() => convergencePlot(block, widths), [block, widths]);
  const range = `n = ${formatCount(widths[0] ?? spec.nmin)}, ${formatCount(widths[1] ?? 2 * spec.nmin)}, …, ${formatCount(widths[widths.length - 1] ?? spec.nmax)}`;
  return (
    <div className="panels">
      <Panel
        id="width-rho"
        title={`Correlation at layer ℓ = ${layer} against the width`}
        caption={`For each width ${range} the same M = ${formatCount(spec.M)} seeds are used (coupled: a width-$n$ network is the top-left block of the width-$2n$ one), so the curve carries no independent sampling noise between widths. Points are medians of $\\hat\\rho^{\\ell}$, bands p25–p75 and p05–p95; the horizontal line is the infinite-width limit $\\rho^{\\ell}$ onto which the law collapses.`}
        equation={EMPIRICAL_TEX}
      >
        <PlotFrame draw={drawXY} data={rho} csv={xyCsv} testId="plot-width-rho" />
      </Panel>
      <Panel
        id="width-q"
        title={`Variance at layer ℓ = ${layer} against the width`}
        caption={`The same sweep for the squared length $\\hat q^{\\ell}$ of input $x_a$: its spread shrinks like $n^{-1/2}$, and its median approaches the limit $q^{\\ell}$ from below because the law is skewed.`}
        equation={'\\hat q^{\\ell}_n = \\frac1n\\sum_{i=1}^n (z^{\\ell}_{i,a})^2 \\xrightarrow[n\\to\\infty]{} q^{\\ell}'}
      >
        <PlotFrame draw={drawXY} data={q} csv={xyCsv} testId="plot-width-q" />
      </Panel>
      <Panel
        id="width-convergence"
        title="How fast the finite-width law converges"
        caption={"On log–log axes a power law is a straight line. The bias of the mean, $|\\operatorname{mean}\\hat\\rho - \\rho|$, falls like $1/n$ and the standard deviation like $n^{-1/2}$: the dashed guides have those slopes and pass through the point of the widest networks. Where the bias reaches the Monte Carlo noise (about $\\operatorname{sd}/\\sqrt{M}$) it stops falling."}
        equation={CONVERGENCE_TEX}
      >
        <PlotFrame draw={drawXY} data={conv} csv={xyCsv} testId="plot-width-convergence" />
      </Panel>
    </div>
  );
}
