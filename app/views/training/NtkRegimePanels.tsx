/** The NTK regime on the page (issue 17 §4): loss curves per width against the kernel prediction, and the distance against the width. */
import { useMemo } from 'react';
import type { NtkRegimeBlock } from '../../../src/training/blocks.ts';
import type { ParamName } from '../../../src/training/parametrisation.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { distancePlot, lossCurvesPlot, ntkRegimeSentence } from './ntkRegimeData.ts';
import { PARAM_SHORT } from './trainingLabels.ts';

const LIN_TEX = 'f^{\\mathrm{lin}}_{t+1} - y = \\big(I - \\tfrac{\\eta}{N}\\Theta\\big)(f^{\\mathrm{lin}}_t - y),\\qquad \\mathbb E\\,\\ell_t = \\tfrac{1}{2N}\\big(\\|A^t y\\|^2 + \\operatorname{tr} A^t K A^t\\big),\\ A = I - \\tfrac{\\eta}{N}\\Theta';
const DIST_TEX = 'D_n = \\max_t \\Big(\\tfrac1N\\textstyle\\sum_a |f_t(x_a) - f^{\\mathrm{lin}}_t(x_a)|^2\\Big)^{1/2} \\propto n^{-1/2}\\ \\text{(NTK parametrisation)}';

export interface NtkRegimePanelsProps {
  readonly block?: NtkRegimeBlock;
  readonly params: readonly ParamName[];
  readonly widths: readonly number[];
  readonly steps: number;
}

export function NtkRegimePanels({ block, params, widths, steps }: NtkRegimePanelsProps) {
  const shown = block ? block.params.map((p) => p.param) : params;
  const curves = useMemo(() => shown.map((name) => lossCurvesPlot(block, block?.params.find((p) => p.param === name), steps)), [block, shown.join(), steps]);
  const dist = useMemo(() => distancePlot(block, widths), [block, widths]);
  return (
    <div className="panels">
      {shown.map((name, i) => (
        <Panel
          key={name}
          id={`ntk-loss-${name}`}
          title={`${PARAM_SHORT[name]}: training loss of finite nets against the infinite-width kernel prediction`}
          caption={
            name === 'ntk'
              ? 'Full-batch gradient descent on the mean squared error. As $n \\to \\infty$ under NTK parametrisation the network trains like its linearisation with the analytic NTK $\\Theta$ of the training inputs (Jacot et al. 2018; Lee et al. 2019), its initial function a Gaussian process with the NNGP kernel $K$: the thick blue line is that prediction of the mean loss. The thin lines are the mean over coupled seeds at each width.'
              : `Under ${PARAM_SHORT[name]} the initial kernel has the same limit, but the kernel moves by $\\Theta(1)$ during training (feature learning) and $f_0 \\to 0$: the nets need not follow the blue line.`
          }
          equation={LIN_TEX}
        >
          <PlotFrame draw={drawXY} data={curves[i]} csv={xyCsv} testId={`plot-ntk-loss-${name}`} />
        </Panel>
      ))}
      <Panel
        id="ntk-distance"
        title="How far is each net from its own linearisation?"
        caption={`For each net, the largest root-mean-square difference over the steps between its outputs and those of the linearised dynamics started from its own $f_0$, averaged over seeds (jackknife SE). The dashed guide has the theory's slope through NTK's widest width.${block ? ` ${ntkRegimeSentence(block)}` : ''}`}
        equation={DIST_TEX}
      >
        <PlotFrame draw={drawXY} data={dist} csv={xyCsv} testId="plot-ntk-distance" />
      </Panel>
    </div>
  );
}
