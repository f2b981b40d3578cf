/** Kernel and feature movement on the page (issue 17 §4): the kernel panel and one weights panel per parametrisation. */
import { useMemo } from 'react';
import type { MovementBlock } from '../../../src/training/blocks.ts';
import type { ParamName } from '../../../src/training/parametrisation.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { kernelMovementPlot, movementSentence, weightMovementPlot } from './movementData.ts';
import { PARAM_SHORT } from './trainingLabels.ts';

const KERNEL_TEX = '\\Theta_{ab} = \\textstyle\\sum_l \\eta_l\\,\\big\\langle \\partial_{W^l} f(x_a), \\partial_{W^l} f(x_b)\\big\\rangle,\\qquad \\frac{\\|\\Theta_T - \\Theta_0\\|_F}{\\|\\Theta_0\\|_F} = \\Theta\\big(\\eta\\, n^{e - 1/2} + \\eta^2 n^{2e}\\big)';
const WEIGHT_TEX = '\\frac{\\|\\Delta W^l\\|_2}{\\|W^l(0)\\|_2} \\propto n^{\\mathrm{own}_l}\\ (\\text{input, hidden}),\\quad n^{b - a - c}\\ (\\text{readout, SGD})';

export interface MovementPanelsProps {
  readonly block?: MovementBlock;
  readonly params: readonly ParamName[];
  readonly widths: readonly number[];
}

export function MovementPanels({ block, params, widths }: MovementPanelsProps) {
  const shown = block ? block.params.map((p) => p.param) : params;
  const kernel = useMemo(() => kernelMovementPlot(block, widths), [block, widths]);
  const weights = useMemo(() => shown.map((name) => weightMovementPlot(block, block?.params.find((p) => p.param === name), widths)), [block, widths, shown.join()]);
  return (
    <div className="panels">
      <Panel
        id="movement-kernel"
        title="Does the kernel move? The empirical NTK after training, against the width"
        caption={`The relative change of the learning-rate-weighted empirical NTK on the training batch after $T$ steps, averaged over coupled seeds (± 2 SE). The theory, at large width: under NTK parametrisation it moves like $1/n$ (Dyer & Gur-Ari 2020) — the kernel regime; under µP like $n^{-1/2}$ to first order in η but by $\\Theta(1)$ at a finite η — feature learning.${block ? ` ${movementSentence(block)}` : ''}`}
        equation={KERNEL_TEX}
      >
        <PlotFrame draw={drawXY} data={kernel} csv={xyCsv} testId="plot-movement-kernel" />
      </Panel>
      {shown.map((name, i) => (
        <Panel
          key={name}
          id={`movement-weights-${name}`}
          title={`${PARAM_SHORT[name]}: how much each weight matrix moves`}
          caption={`$\\|\\Delta W^l\\|_2 / \\|W^l(0)\\|_2$ per layer in spectral norm (in Frobenius norm a hidden layer's low-rank update is $n^{-1/2}$ of $\\|W\\|_F$ under every parametrisation, which hides feature learning: Yang, Simon & Bernstein 2023); dashed: the slope the theory derives for one step to first order in η, through the widest width (after $T$ steps at a finite η the measured slopes need not follow it).`}
          equation={WEIGHT_TEX}
        >
          <PlotFrame draw={drawXY} data={weights[i]} csv={xyCsv} testId={`plot-movement-weights-${name}`} height="small" />
        </Panel>
      ))}
    </div>
  );
}
