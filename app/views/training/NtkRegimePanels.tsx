/** The NTK regime on the page (issue 17 §4): loss curves per width against the kernel prediction, and the distance against the width. */
import { useMemo } from 'react';
import type { NtkRegimeBlock } from '../../../src/training/blocks.ts';
import type { ParamName } from '../../../src/training/parametrisation.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { distancePlot, lossCurvesPlot, ntkRegimeSentence, slicePlot, sliceSentence } from './ntkRegimeData.ts';
import { PARAM_SHORT } from './trainingLabels.ts';

const LIN_TEX = 'f^{\\mathrm{lin}}_{t+1} - y = \\big(I - \\tfrac{\\eta}{N}\\Theta\\big)(f^{\\mathrm{lin}}_t - y),\\qquad \\mathbb E\\,\\ell_t = \\tfrac{1}{2N}\\big(\\|A^t y\\|^2 + \\operatorname{tr} A^t K A^t\\big),\\ A = I - \\tfrac{\\eta}{N}\\Theta';
const SLICE_TEX = 'f^{\\mathrm{lin}}_T(z) = f_0(z) - c^\\top\\big(f_0(X) - y\\big),\\quad c = \\tfrac{\\eta}{N}\\textstyle\\sum_{s<T} A^s\\,\\Theta(X, z):\\quad \\mathbb E f_T(z) = c^\\top y,\\ \\operatorname{Var} f_T(z) = K(z,z) - 2c^\\top K(X,z) + c^\\top K(X,X)\\,c';
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
  const slices = useMemo(() => shown.map((name) => slicePlot(block, block?.params.find((p) => p.param === name))), [block, shown.join()]);
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
      {shown.map((name, i) => {
        const p = block?.params.find((q) => q.param === name);
        const sentence = block && p ? ` ${sliceSentence(block, p)}` : '';
        return (
          <Panel
            key={`slice-${name}`}
            id={`ntk-slice-${name}`}
            title={`${PARAM_SHORT[name]}: the learnt function on a circle of inputs, against the kernel prediction`}
            caption={`The inputs $z(\\theta)$ run round the great circle through the first two training inputs ($x_0$ at $\\theta = 0$). The blue line is the infinite-width prediction of $f_T$ (linearised GD with the analytic NTK), the band its mean ± 2 sd over the initial function $f_0 \\sim \\mathrm{GP}(0, K)$, which holds about 95 % of infinitely wide nets under NTK parametrisation; the thin lines are the mean $f_T$ of the trained nets at each width.${sentence}`}
            equation={SLICE_TEX}
          >
            <PlotFrame draw={drawXY} data={slices[i]} csv={xyCsv} testId={`plot-ntk-slice-${name}`} />
          </Panel>
        );
      })}
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
