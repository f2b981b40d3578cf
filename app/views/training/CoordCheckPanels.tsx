/**
 * The coord check on the page (issue 17 §4): one log–log panel per parametrisation (small
 * multiples), a step selector, and the caption's sentence computed from the result.
 */
import { useMemo, useState } from 'react';
import type { CoordCheckBlock } from '../../../src/training/blocks.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { coordCheckPlot, coordCheckSentence } from './coordCheckData.ts';
import { PARAM_SHORT } from './trainingLabels.ts';
import type { ParamName } from '../../../src/training/parametrisation.ts';

const COORD_TEX = '\\overline{|\\Delta h^{l}|}(n) = \\tfrac{1}{Bn}\\textstyle\\sum_{a,i}|h^{l}_{t,i}(x_a) - h^{l}_{0,i}(x_a)| \\propto n^{e_l},\\quad e_1 = \\mathrm{own}_1,\\ e_l = \\max(e_{l-1}, \\mathrm{own}_l)';

export interface CoordCheckPanelsProps {
  readonly block?: CoordCheckBlock;
  /** What the spec will run, known before the first width: parametrisations, widths, steps, optimiser, η. */
  readonly params: readonly ParamName[];
  readonly widths: readonly number[];
  readonly steps: number;
  readonly optimizer: string;
  readonly eta: number;
}

export function CoordCheckPanels({ block, params, widths, steps, optimizer, eta }: CoordCheckPanelsProps) {
  const [chosen, setStep] = useState(1);
  const t = Math.min(Math.max(1, chosen), steps);
  const shown = block ? block.params.map((p) => p.param) : params;
  const plots = useMemo(() => shown.map((name) => coordCheckPlot(block, block?.params.find((p) => p.param === name), t, widths)), [block, t, widths, shown.join()]);
  const sentence = block ? ` ${coordCheckSentence(block, t)}` : '';
  return (
    <div className="panels">
      {shown.map((name, i) => (
        <Panel
          key={name}
          id={`coord-${name}`}
          title={`Coord check, ${PARAM_SHORT[name]}: how much each layer moves against the width`}
          header={
            i === 0 && steps > 1 ? (
              <div className="panel-note">
                <label>
                  After step t ={' '}
                  <select value={t} onChange={(e) => setStep(Number(e.target.value))} data-testid="coord-step">
                    {Array.from({ length: steps }, (_, k) => (
                      <option key={k + 1} value={k + 1}>
                        {k + 1}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            ) : undefined
          }
          caption={
            i === 0
              ? `The mup coord check: networks of every width train on one fixed batch (${optimizer}, base learning rate η = ${eta}, layer learning rates $\\eta n^{-c_l}$), and each point is the mean $|h_t - h_0|$ per coordinate of a layer, averaged over coupled seeds (± 2 SE). A straight line on these axes is a power law; the dashed lines have the slope the abc theory (Yang & Hu, TP-IV) derives for the layer.${sentence}`
              : `The same check under ${PARAM_SHORT[name]}: compare the slopes with the first panel's.`
          }
          equation={COORD_TEX}
        >
          <PlotFrame draw={drawXY} data={plots[i]} csv={xyCsv} testId={`plot-coord-${name}`} height={shown.length > 2 ? 'small' : 'normal'} />
        </Panel>
      ))}
    </div>
  );
}
