/** The empirical NTK at initialisation on the page (issue 17 §4): mean against the analytic NTK, spread against L/n. */
import { useMemo } from 'react';
import type { NtkInitBlock } from '../../../src/training/blocks.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { ntkInitSentence, ntkMeanPlot, ntkSpreadPlot } from './ntkInitData.ts';

const MEAN_TEX = '\\hat\\Theta(x_0, x_0) = \\textstyle\\sum_l \\|\\partial_{W^l} f(x_0)\\|^2 \\xrightarrow[n\\to\\infty]{} \\Theta(x_0, x_0)';
const SPREAD_TEX = '\\frac{\\operatorname{Var}\\hat\\Theta}{(\\mathbb E\\,\\hat\\Theta)^2} = e^{cL/n}\\big(1 + O(1/n)\\big) - 1\\quad\\text{(ReLU, Hanin \\& Nica 2019)}';

export function NtkInitPanels({ block, widths }: { readonly block?: NtkInitBlock; readonly widths: readonly number[] }) {
  const mean = useMemo(() => ntkMeanPlot(block, widths), [block, widths]);
  const spread = useMemo(() => ntkSpreadPlot(block), [block]);
  const sentence = block ? ` ${ntkInitSentence(block)}` : '';
  return (
    <div className="panels">
      <Panel
        id="ntkinit-mean"
        title="The empirical NTK at initialisation against the width, per depth"
        caption={`$\\hat\\Theta(x_0, x_0)$ of finite nets under NTK parametrisation at the first training input: the mean over the nets with ± 2 standard errors, and the analytic NTK of the lab's recursion (solid line of the same colour).${sentence}`}
        equation={MEAN_TEX}
      >
        <PlotFrame draw={drawXY} data={mean} csv={xyCsv} testId="plot-ntkinit-mean" />
      </Panel>
      <Panel
        id="ntkinit-spread"
        title="Its spread against depth over width"
        caption="The relative variance of $\hat\Theta(x_0, x_0)$ over the nets against $L/n$ on log–log axes, one series per depth. At infinite width the NTK is deterministic; for ReLU nets Hanin & Nica (2019) show that at finite width its fluctuations grow with $L/n$ (exponentially), so a deep and narrow network is far from its kernel at initialisation."
        equation={SPREAD_TEX}
      >
        <PlotFrame draw={drawXY} data={spread} csv={xyCsv} testId="plot-ntkinit-spread" />
      </Panel>
    </div>
  );
}
