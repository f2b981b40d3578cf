/** View "hist": the law of ρ̂^ℓ and q̂^ℓ over the M networks at one layer, with the limit marked. */
import { useMemo } from 'react';
import { Panel } from '../components/Panel.tsx';
import { histogramCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { drawHistogram } from '../plots/drawHistogram.ts';
import { useLab } from '../state/useLab.ts';
import { EMPIRICAL_TEX, lines, Q_TEX } from './equations.ts';
import { pageArch } from '../archs/index.ts';
import { histogramPlot } from './histData.ts';
import { formatCount, networkSummary } from './labels.ts';
import { useCurrentRun, useTheory } from './useResults.ts';

export function HistView() {
  const spec = useLab((s) => s.spec);
  // Where the architecture's limit is a law, not a point (the shaped MLP), its page module says so.
  const histNote = pageArch(spec).histNote;
  // Architectures with their own words (attention): app/archs/<id> ownWords.
  const own = pageArch(spec).ownWords?.(spec);
  const theory = useTheory();
  const run = useCurrentRun();
  const samples = run?.samples;
  const mc = run?.result?.mc;
  const rho = useMemo(() => histogramPlot('rho', samples, theory?.block, mc, spec.n, theory?.sdeLaw), [samples, theory, mc, spec.n]);
  const q = useMemo(() => histogramPlot('q11', samples, theory?.block, mc, spec.n), [samples, theory, mc, spec.n]);
  const layer = samples?.layer ?? (spec.layer === 0 ? spec.L : spec.layer);
  const count = samples ? formatCount(samples.rho.length) : 'the';
  return (
    <div className="panels">
      <Panel
        id="hist-rho"
        title={`Law of the correlation at layer ℓ = ${layer}`}
        caption={own ? own.histRho(count) : `Each of ${count} random networks (${networkSummary(spec)}) gives one empirical correlation $\\hat\\rho^{\\ell}$ between the pre-activations of $x_a$ and $x_b$; the bars count them. The solid line marks the infinite-width limit $\\rho^{\\ell}$, the dashed line the median of the networks. ${histNote ? histNote.text : 'At infinite width every network gives the limit; at finite width the law has a spread of order $n^{-1/2}$ and a bias of order $1/n$, both growing with depth.'}`}
        equation={own ? own.equation : histNote ? lines(EMPIRICAL_TEX, histNote.tex) : EMPIRICAL_TEX}
      >
        <PlotFrame draw={drawHistogram} data={rho} csv={histogramCsv} testId="plot-hist-rho" />
      </Panel>
      <Panel
        id="hist-q"
        title={`Law of the variance at layer ℓ = ${layer}`}
        caption={own ? own.histQ : `The squared length $\\hat q^{\\ell} = \\hat K^{\\ell}(x_a, x_a)$ of the same networks. Its law is skewed: $\\log \\hat q^{\\ell}$ is a sum of about $L$ independent terms, so for $L/n \\gtrsim 0.2$ the distribution is close to log-normal with a heavy right tail, and its median drifts below the limit $q^{\\ell}$.`}
        equation={own ? own.equation : `${Q_TEX},\\quad \\hat q^{\\ell} = \\frac1n\\sum_{i=1}^n (z^{\\ell}_{i,a})^2`}
      >
        <PlotFrame draw={drawHistogram} data={q} csv={histogramCsv} testId="plot-hist-q" />
      </Panel>
    </div>
  );
}
