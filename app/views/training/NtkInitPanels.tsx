/** The empirical NTK at initialisation on the page (issue 17 §4): mean against the analytic NTK along n and along L, spread against L/n. */
import { useMemo } from 'react';
import type { NtkInitBlock } from '../../../src/training/blocks.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { ntkInitSentence, ntkMeanPlot, ntkSpreadPlot } from './ntkInitData.ts';

const MEAN_TEX = '\\hat\\Theta(x_0, x_0) = \\textstyle\\sum_l \\|\\partial_{W^l} f(x_0)\\|^2 \\xrightarrow[n\\to\\infty]{} \\Theta(x_0, x_0)';
const SPREAD_TEX = '\\frac{\\operatorname{Var}\\hat\\Theta}{(\\mathbb E\\,\\hat\\Theta)^2} = e^{cL/n}\\big(1 + O(1/n)\\big) - 1\\quad\\text{(ReLU, Hanin \\& Nica 2019)}';

export interface NtkInitPanelsProps {
  readonly block?: NtkInitBlock;
  /** The widths (at depth tdepth) and depths (at width twidth) the spec will draw. */
  readonly widths: readonly number[];
  readonly depths: readonly number[];
}

export function NtkInitPanels({ block, widths, depths }: NtkInitPanelsProps) {
  const byN = useMemo(() => ntkMeanPlot(block, 'n', widths), [block, widths]);
  const byL = useMemo(() => ntkMeanPlot(block, 'L', depths), [block, depths]);
  const spread = useMemo(() => ntkSpreadPlot(block), [block]);
  const sentence = block ? ` ${ntkInitSentence(block)}` : '';
  return (
    <div className="panels">
      <Panel
        id="ntkinit-mean-n"
        title="The empirical NTK at initialisation against the width"
        caption={`$\\hat\\Theta(x_0, x_0)$ of finite nets under NTK parametrisation at the first training input: the mean over the nets with ± 2 standard errors, and the analytic NTK of the lab's recursion (solid).${sentence}`}
        equation={MEAN_TEX}
      >
        <PlotFrame draw={drawXY} data={byN} csv={xyCsv} testId="plot-ntkinit-mean-n" />
      </Panel>
      <Panel id="ntkinit-mean-L" title="… and against the depth" caption="The same at a fixed width, as the depth grows: the analytic NTK grows with L (one term per layer)." equation={MEAN_TEX}>
        <PlotFrame draw={drawXY} data={byL} csv={xyCsv} testId="plot-ntkinit-mean-L" />
      </Panel>
      <Panel
        id="ntkinit-spread"
        title="Its spread against depth over width"
        caption="The relative variance of $\hat\Theta(x_0, x_0)$ over the nets against $L/n$ on log–log axes, along the widths and along the depths. At infinite width the NTK is deterministic; for ReLU nets Hanin & Nica (2019) show that at finite width its fluctuations grow with $L/n$ (exponentially), so a deep and narrow network is far from its kernel at initialisation."
        equation={SPREAD_TEX}
      >
        <PlotFrame draw={drawXY} data={spread} csv={xyCsv} testId="plot-ntkinit-spread" />
      </Panel>
    </div>
  );
}
