/**
 * View "regime" (issue 5): depth first at fixed width. The ResNet with branch L^{−1/2} at width n is
 * the Euler scheme of dY_t = σw n^{−1/2}|φ(Y_t)| dB_t; for ReLU the drift of log|φ(Y_t)|² changes
 * sign between n = 3 and n = 4 (Hayou 2022).
 */
import { useMemo } from 'react';
import { REGIME_WIDTHS, type RegimeBlock } from '../../src/experiments/fixedWidth.ts';
import { Panel } from '../components/Panel.tsx';
import { xyCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { lines } from './equations.ts';
import { formatCount } from './labels.ts';
import { driftPlot, pathsPlot, SE_MULTIPLE } from './regimeData.ts';
import { useViewBlock } from './useResults.ts';

const SDE_TEX =
  'dY_t = \\frac{\\sigma_w}{\\sqrt n}\\,|\\varphi(Y_t)|\\,dB_t,\\quad t = \\ell/L \\in [0,1];\\qquad \\text{ReLU: } d\\log|\\varphi(Y_t)|^2 = \\frac{\\sigma_w^2\\,(|A_t| - 2)}{n}\\,dt + \\frac{2\\sigma_w}{\\sqrt n}\\,dW_t,\\quad A_t = \\{i : Y_{t,i} > 0\\}';
const IDENTITY_TEX = '\\varphi = \\mathrm{id}:\\quad \\log\\frac{|Y_1|^2}{|Y_0|^2} \\sim \\mathcal N\\!\\left(\\sigma_w^2\\big(1 - \\tfrac2n\\big),\\ \\tfrac{4\\sigma_w^2}{n}\\right)';

export function RegimeView() {
  const spec = useLab((s) => s.spec);
  const { block } = useViewBlock<RegimeBlock>('regime');
  const drift = useMemo(() => driftPlot(block, block?.n ?? REGIME_WIDTHS), [block]);
  const paths = useMemo(() => pathsPlot(block), [block]);
  const dead = block && block.alive.length > 0 ? Math.round(100 * (1 - block.alive[0])) : undefined;
  return (
    <div className="panels">
      <Panel
        id="regime-drift"
        title="Fixed width, infinite depth: the drift changes sign between n = 3 and n = 4"
        caption={`At fixed width $n$ the ResNet with branch scale $L^{-1/2}$ is exactly the Euler scheme, step $1/L$, of the SDE below, so $L = ${formatCount(spec.L)}$ samples the depth-first limit. Points: the mean of $\\log(|\\varphi(Y_1)|^2/|\\varphi(Y_0)|^2)$ over M = ${formatCount(spec.M)} networks at each width ($\\sigma_w^2 = ${spec.sw2}$), with bars of ±${SE_MULTIPLE} standard errors (about 95 %). For ReLU the mean is negative at $n \\le 3$ and positive from $n = 4$ (Hayou 2022): the norm of a narrow network shrinks with depth, a wider one grows. The effect is small next to the noise, so it needs a large M (the lesson uses M = 60 000, L = 64, σw² = 1). The dashed line is the exact mean for the identity activation, $\\sigma_w^2(1 - 2/n)$, which changes sign at $n = 2$.${dead !== undefined ? ` Networks with $\\varphi(Y) = 0$ at either end are left out (${dead} % at n = ${block!.n[0]}).` : ''}`}
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
