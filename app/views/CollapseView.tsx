/**
 * View "collapse" (issue 15 §2): standard vs shaped attention at the same (n, L, k, seed) — rank
 * collapse against the stable random limit of shaped attention (Noci et al. 2023). The engine's
 * block: src/archs/attention/collapse.ts; the plots and captions, computed from it: collapseData.ts.
 */
import { useMemo } from 'react';
import { archForView } from '../../src/archs/index.ts';
import { collapseApplies } from '../../src/experiments/collapseView.ts';
import { Panel } from '../components/Panel.tsx';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { Unavailable } from '../components/Unavailable.tsx';
import { histogramCsv, xyCsv } from '../plots/csv.ts';
import { drawHistogram } from '../plots/drawHistogram.ts';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { collapseDepthCaption, collapseDepthPlot, collapseLawCaption, collapseLawPlot } from './collapseData.ts';
import { formatCount, formatValue } from './labels.ts';
import { useViewBlock } from './useResults.ts';
import { lines } from './equations.ts';

// Short lines: the panels are narrow at projector size (1024 px).
const MODEL_TEX = lines(
  "X' = \\lambda X + \\gamma\\, A X W^V/\\sqrt n,\\quad \\lambda^2 + \\gamma^2 = 1",
  '\\text{standard: } A = \\mathrm{Softmax}(S),\\ \\tau = \\sqrt{n_k}',
  '\\text{shaped: } A = I + \\mathrm{Softmax}(S) - \\tfrac1k 11^\\top,\\ \\tau = \\tau_0\\sqrt{n\\,n_k}',
);
const RHO_TEX = lines('\\bar\\rho = \\frac{2}{k(k-1)}\\sum_{a<b} \\frac{V_{ab}}{\\sqrt{V_{aa}V_{bb}}},\\quad V = \\tfrac1n X^\\top X', '\\text{networks at } \\ell = L \\ \\text{vs the SDE at } T = L/n');

export function CollapseView() {
  const spec = useLab((s) => s.spec);
  const { block, unavailable } = useViewBlock('collapse');
  const depth = useMemo(() => collapseDepthPlot(block), [block]);
  const standard = useMemo(() => collapseLawPlot(block, 'standard'), [block]);
  const shaped = useMemo(() => collapseLawPlot(block, 'shaped'), [block]);
  const owner = archForView('collapse')!;
  const why = unavailable ?? collapseApplies(spec);
  if (why) return <Unavailable reason={why} fix={{ key: 'arch', value: owner.id, label: `Use ${owner.label}` }} />;
  const sizes = `n = ${formatCount(spec.n)}, L = ${formatCount(spec.L)}, k = ${spec.k} tokens, T = L/n = ${formatValue(spec.L / spec.n, 3)}, M = ${formatCount(spec.M)} networks of each kind`;
  return (
    <div className="panels">
      <Panel
        id="collapse-depth"
        title="Token similarity through depth: standard vs shaped attention"
        header={<p className="panel-note">{sizes}</p>}
        caption={collapseDepthCaption(block, spec.M)}
        equation={MODEL_TEX}
      >
        <PlotFrame draw={drawXY} data={depth} csv={xyCsv} testId="plot-collapse-depth" />
      </Panel>
      <Panel id="collapse-law" title={`The law of ρ̄ at the last layer L = ${formatCount(spec.L)}`} caption={collapseLawCaption(block, spec.M)} equation={RHO_TEX}>
        <PlotFrame draw={drawHistogram} data={standard} csv={histogramCsv} testId="plot-collapse-standard" height="small" />
        <PlotFrame draw={drawHistogram} data={shaped} csv={histogramCsv} testId="plot-collapse-shaped" height="small" />
      </Panel>
    </div>
  );
}
