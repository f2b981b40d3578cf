/** The empirical NTK at initialisation on the page (issue 17 §4): mean against the analytic NTK, spread against L/n. */
import { useMemo } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { ntkInitSentence, ntkMeanPlot, ntkSpreadPlot, type NtkInitLine } from './ntkInitData.ts';

const MEAN_TEX = '\\hat\\Theta(x_0, x_0) = \\textstyle\\sum_l \\|\\partial_{W^l} f(x_0)\\|^2 \\xrightarrow[n\\to\\infty]{} \\Theta(x_0, x_0)';
const SPREAD_TEX = '\\frac{\\operatorname{Var}\\hat\\Theta}{(\\mathbb E\\,\\hat\\Theta)^2} = e^{cL/n}\\big(1 + O(1/n)\\big) - 1\\quad\\text{(ReLU, Hanin \\& Nica 2019)}';

export function NtkInitPanels({ lines }: { readonly lines: readonly NtkInitLine[] }) {
  const means = useMemo(() => lines.map(ntkMeanPlot), [lines]);
  const spread = useMemo(() => ntkSpreadPlot(lines), [lines]);
  const sentence = ntkInitSentence(lines);
  return (
    <div className="panels">
      {lines.map((line, i) => (
        <Panel
          key={line.along}
          id={`ntkinit-mean-${line.along}`}
          title={`The empirical NTK at initialisation against ${line.along === 'n' ? 'the width' : 'the depth'}`}
          caption={`$\\hat\\Theta(x_0, x_0)$ of finite nets under NTK parametrisation: the mean over the nets with ± 2 standard errors, and the analytic NTK of the lab's recursion (solid).${i === 0 && sentence ? ` ${sentence}` : ''}`}
          equation={MEAN_TEX}
        >
          <PlotFrame draw={drawXY} data={means[i]} csv={xyCsv} testId={`plot-ntkinit-mean-${line.along}`} />
        </Panel>
      ))}
      <Panel
        id="ntkinit-spread"
        title="Its spread: set by depth over width"
        caption="The relative variance of $\hat\Theta(x_0, x_0)$ over the nets, against $L/n$ on log–log axes: the cells along the width (L fixed) and along the depth (n fixed). At infinite width the NTK is deterministic; for ReLU nets Hanin & Nica (2019) show that at finite width its fluctuations grow with $L/n$ (exponentially), so a deep and narrow network is far from its kernel at initialisation."
        equation={SPREAD_TEX}
      >
        <PlotFrame draw={drawXY} data={spread} csv={xyCsv} testId="plot-ntkinit-spread" />
      </Panel>
    </div>
  );
}
