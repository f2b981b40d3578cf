/**
 * View "regime" (issue 5): depth first at fixed width. The ResNet with branch L^{−1/2} at width n is
 * the Euler scheme of dY_t = σw n^{−1/2}|φ(Y_t)| dB_t; for ReLU at σw² = 1 the drift of log|φ(Y_t)|²
 * changes sign between n = 3 and n = 4 (Hayou 2022). Titles and captions come from the data
 * (regimeData.ts driftTitle, driftCaption).
 */
import { useMemo } from 'react';
import { REGIME_WIDTHS, type RegimeBlock } from '../../src/experiments/fixedWidth.ts';
import { Panel } from '../components/Panel.tsx';
import { xyCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { lines } from './equations.ts';
import { driftCaption, driftPlot, driftTitle, pathsPlot } from './regimeData.ts';
import { useViewBlock } from './useResults.ts';

const SDE_TEX =
  'dY_t = \\frac{\\sigma_w}{\\sqrt n}\\,|\\varphi(Y_t)|\\,dB_t,\\quad t = \\ell/L \\in [0,1];\\qquad \\text{ReLU: } d\\log|\\varphi(Y_t)|^2 = \\frac{\\sigma_w^2\\,(|A_t| - 2)}{n}\\,dt + \\frac{2\\sigma_w}{\\sqrt n}\\,dW_t,\\quad A_t = \\{i : Y_{t,i} > 0\\}';
const IDENTITY_TEX = '\\varphi = \\mathrm{id},\\ \\sigma_b = 0:\\quad \\log\\frac{|Y_1|^2}{|Y_0|^2} \\sim \\mathcal N\\!\\left(\\sigma_w^2\\big(1 - \\tfrac2n\\big),\\ \\tfrac{4\\sigma_w^2}{n}\\right)';

export function RegimeView() {
  const spec = useLab((s) => s.spec);
  const { block } = useViewBlock('regime');
  const drift = useMemo(() => driftPlot(block, block?.n ?? REGIME_WIDTHS), [block]);
  const paths = useMemo(() => pathsPlot(block), [block]);
  return (
    <div className="panels">
      <Panel
        id="regime-drift"
        title={driftTitle(block)}
        caption={driftCaption(spec, block)}
        equation={lines(SDE_TEX, IDENTITY_TEX)}
      >
        <PlotFrame draw={drawXY} data={drift} csv={xyCsv} testId="plot-regime-drift" />
      </Panel>
      <Panel
        id="regime-paths"
        title="Sample paths of the SDE at n = 3 and n = 4"
        caption={`A few networks of width 3 and 4 followed through the depth: $\\log(|\\varphi(Y_t)|^2/|\\varphi(Y_0)|^2)$ against $t = \\ell/L$, each line one network (its Euler path). The noise, of order $2\\sigma_w/\\sqrt n$, dwarfs the drift: a single path does not show its sign, only the mean over many does.`}
        equation={SDE_TEX}
      >
        <PlotFrame draw={drawXY} data={paths} csv={xyCsv} testId="plot-regime-paths" />
      </Panel>
    </div>
  );
}
