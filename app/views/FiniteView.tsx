/**
 * View "finite" (issue 8): how far a width-n MLP is from its infinite-width limit at depth L, and
 * why — the Monte Carlo mean of a kernel entry against the limit and the 1/n-corrected value, the
 * convergence of its bias (slope −1) and spread (slope −1/2), and for linear and ReLU networks the
 * exact finite-width law of the squared length Q against its Monte Carlo.
 */
import { archForView, archOf } from '../../src/archs/index.ts';
import { useMemo, useState } from 'react';
import { finiteWidths, type FiniteWidthBlock } from '../../src/experiments/finiteWidthView.ts';
import { Panel } from '../components/Panel.tsx';
import { RichLabel } from '../components/RichLabel.tsx';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { Unavailable } from '../components/Unavailable.tsx';
import { xyCsv } from '../plots/csv.ts';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { finiteConvergencePlot, finiteMeanPlot, FINITE_STAT, FINITE_STATS, isFiniteStat, logVariancePlot, normLawOf, secondMomentPlot, type FiniteStat } from './finiteData.ts';
import { formatCount, formatValue } from './labels.ts';
import { useViewBlock } from './useResults.ts';

const CORRECTION_TEX = '\\mathbb{E}\\,\\hat K^{L}_n = K^{L} + \\frac{d_L}{n} + O(n^{-2}),\\qquad \\operatorname{Var}\\hat K^{L}_n = \\frac{c_L}{n} + O(n^{-2})';
const CONVERGENCE_TEX = '\\big|\\mathbb{E}\\,\\hat K^{L}_n - K^{L}\\big| \\approx \\frac{|d_L|}{n} \\propto n^{-1},\\qquad \\operatorname{sd}\\hat K^{L}_n \\approx \\sqrt{c_L/n} \\propto n^{-1/2}';
const SECOND_MOMENT_TEX =
  'Q_L = \\tfrac1n|z^{L}|^2,\\qquad \\frac{\\mathbb{E}\\,Q_L^2}{(\\mathbb{E}\\,Q_L)^2} = \\Big(1 + \\frac2n\\Big)\\Big(1 + \\frac{c}{n}\\Big)^{L-1},\\quad c = \\frac{5(s_+^4 + s_-^4) - 2s_+^2s_-^2}{(s_+^2+s_-^2)^2} = \\begin{cases}2 & \\text{linear}\\\\ 5 & \\text{ReLU}\\end{cases}';
/** Haar-orthogonal layers (theory/finiteWidth/orthogonalNorm.ts): only the first layer's projection is random. */
const ORTHO_SECOND_MOMENT_TEX =
  'Q_L = \\sigma_w^2 q\\,(\\sigma_w^2 s^2)^{L-1}\\,\\tfrac{d}{n}B,\\quad B \\sim \\mathrm{Beta}\\big(\\tfrac n2, \\tfrac{d-n}2\\big),\\qquad \\frac{\\mathbb{E}\\,Q_L^2}{(\\mathbb{E}\\,Q_L)^2} = \\frac{1 + 2/n}{1 + 2/d}';
const ORTHO_LOG_TEX = '\\operatorname{Var}\\log Q_L = \\psi\'(n/2) - \\psi\'(d/2) \\approx \\frac2n - \\frac2d\\quad\\text{for every } L';
const LOG_TEX = '\\log Q_L \\approx \\mathcal N(\\mu, \\sigma^2),\\qquad \\sigma^2 = \\log\\frac{\\mathbb{E}\\,Q_L^2}{(\\mathbb{E}\\,Q_L)^2} \\approx \\frac{2 + c(L-1)}{n}';

export function FiniteView() {
  const spec = useLab((s) => s.spec);
  const { block, unavailable } = useViewBlock('finite');
  const [stat, setStat] = useState<FiniteStat>('rho');
  const plan = useMemo(() => ({ widths: finiteWidths(spec), layer: spec.L }), [spec.nmin, spec.nmax, spec.L]);
  const mean = useMemo(() => finiteMeanPlot(block, stat, plan), [block, stat, plan]);
  const conv = useMemo(() => finiteConvergencePlot(block, stat, plan), [block, stat, plan]);
  const second = useMemo(() => secondMomentPlot(block, plan), [block, plan]);
  const logVar = useMemo(() => logVariancePlot(block, plan), [block, plan]);
  const owner = archForView('finite')!;
  if (!archOf(spec).views.includes('finite') || unavailable) {
    return <Unavailable reason={unavailable ?? `the finite-width theory (exact moments, 1/n corrections) is for the ${owner.label}: choose arch=${owner.id}`} fix={{ key: 'arch', value: owner.id, label: `Use the ${owner.label}` }} />;
  }
  const norm = normLawOf(block);
  const orthogonal = norm.law?.weights === 'orthogonal';
  const range = `n = ${plan.widths.map(formatCount).join(', ')}`;
  const limitNote = block ? ` The limit here is ${block.limitNote}.` : '';
  // Whether the engine has the 1/n theory for this spec (it says so in the block; until then, assume it).
  const corrected = block?.correction.available ?? true;
  const reading = corrected
    ? ' The points should straddle the dashed curve, not the solid line, once $n$ is large enough for $O(n^{-2})$ to be negligible.'
    : ' There is no $1/n$ theory for these weights (see the notes under the plots): the points approach the solid line.';
  return (
    <div className="panels">
      <Panel
        id="finite-mean"
        title={`Finite width against the limit at layer L = ${spec.L}`}
        header={
          <div className="panel-note">
            <label>
              Statistic:{' '}
              <select value={stat} onChange={(e) => isFiniteStat(e.target.value) && setStat(e.target.value)} data-testid="finite-stat" style={{ maxWidth: '22rem' }}>
                {FINITE_STATS.map((s) => (
                  <option key={s} value={s}>
                    {FINITE_STAT[s].option}
                  </option>
                ))}
              </select>
            </label>{' '}
            · weights = {spec.weights}
          </div>
        }
        caption={`For each width ${range} (coupled seeds), the mean over M = ${formatCount(spec.M)} networks of the width-$n$ statistic at layer $L$ (points, with ±2 standard errors), the infinite-width limit (solid line) and the limit corrected by its $1/n$ term (dashed), from the delta method on the Gram chain (Roberts, Yaida & Hanin, The Principles of Deep Learning Theory, ch. 4; Hanin 2022).${limitNote}${reading}`}
        equation={CORRECTION_TEX}
      >
        {/* plot-finite-rho is the target of predict-then-reveal (prediction.ts): the mean of ρ̂ at the narrowest width. */}
        <PlotFrame draw={drawXY} data={mean} testId={`plot-finite-${stat}`} csv={xyCsv} />
      </Panel>
      <Panel
        id="finite-convergence"
        title="How fast the finite network approaches its limit"
        caption={`Log–log: the bias $|\\operatorname{mean} - \\text{limit}|$ (orange-red points) falls like $1/n$ and the spread over networks (purple points) like $n^{-1/2}$ where $L/n$ is small (here $L/n$ runs from ${formatValue(spec.L / Math.max(...(block?.n ?? [spec.nmin])), 2)} to ${formatValue(spec.L / spec.nmin, 2)}; at $L/n$ of order one the $1/n$ expansion, an expansion in $L/n$, breaks); the grey dashed guides have those slopes and pass through the widest width${corrected ? ', and the solid lines are the $1/n$ theory' : ''}. Below the light-blue dotted line (2 standard errors of the mean) the bias is not resolved by M networks, and its fitted slope flattens.`}
        equation={CONVERGENCE_TEX}
      >
        <PlotFrame draw={drawXY} data={conv} testId="plot-finite-convergence" csv={xyCsv} />
      </Panel>
      {norm.unavailable ? (
        <Panel
          id="finite-norm"
          title="Exact law of the squared length"
          caption={`The exact finite-width law of $Q_L = |z^L|^2/n$ is drawn for linear and ReLU-type MLPs with $\\sigma_b = 0$ and Gaussian weights, and for linear MLPs with orthogonal weights; for this network there is none (the reason is above the caption). Try act=relu or act=identity with σb² = 0 and weights=gaussian.`}
          equation={SECOND_MOMENT_TEX}
        >
          <p className="placeholder" data-testid="finite-norm-unavailable">
            Not available for this network: <RichLabel text={norm.unavailable} />.
          </p>
        </Panel>
      ) : (
        <>
          <Panel
            id="finite-second-moment"
            title="Fluctuations of the squared length: E Q²/(E Q)²"
            caption={
              orthogonal
                ? `With Haar-orthogonal weights every square layer is an isometry: only the first layer, which projects the $d = 1024$ input coordinates onto $n$, is random, so $Q_L$ is a fixed gain times a Beta variable and its ratio $(1 + 2/n)/(1 + 2/d)$ (solid line) is the same at every depth — compare $(1 + 2/n)^L$ for Gaussian layers (switch weights to gaussian). Points: the Monte Carlo ratio of M = ${formatCount(spec.M)} networks with ±2 standard errors.`
                : `For fresh Gaussian layers $Q_L$ is a product of independent chi-square factors, so its moments are exact at every width: the ratio $(1 + 2/n)(1 + c/n)^{L-1}$ (solid line) grows with depth at fixed width — exponentially in $L/n$ (Hanin & Rolnick 2018). Points: the Monte Carlo ratio of M = ${formatCount(spec.M)} networks with ±2 standard errors; where $L/n \\ge 0.2$ (purple) the tails are heavy, the sample second moment converges slowly and its standard error is unreliable — compare the log-moments there.`
            }
            equation={orthogonal ? ORTHO_SECOND_MOMENT_TEX : SECOND_MOMENT_TEX}
          >
            <PlotFrame draw={drawXY} data={second} testId="plot-finite-second-moment" csv={xyCsv} />
          </Panel>
          <Panel
            id="finite-log-variance"
            title="The log-normal picture: Var log Q against n"
            caption={
              orthogonal
                ? `The variance of $\\log Q_L$: exact (solid, $\\psi'(n/2) - \\psi'(d/2)$ from the Beta law), the log-normal approximation matching $\\mathbb{E}\\,Q$ and $\\mathbb{E}\\,Q^2$ (dashed) and its leading order $2/n - 2/d$ (dotted). None depends on $L$: orthogonal layers do not accumulate fluctuations, while Gaussian ones add $\\approx 2/n$ per layer.`
                : `The variance of $\\log Q_L$ over the networks still alive (a ReLU network whose units are all off at one layer has $Q = 0$): exact (solid, from the digamma and trigamma functions), the log-normal approximation that matches $\\mathbb{E}\\,Q$ and $\\mathbb{E}\\,Q^2$ (dashed) and its leading order $(2 + c(L-1))/n \\propto L/n$ (dotted) — the ratio $L/n$, not $L$ or $n$ alone, sets the fluctuations (Hanin & Nica 2020).`
            }
            equation={orthogonal ? ORTHO_LOG_TEX : LOG_TEX}
          >
            <PlotFrame draw={drawXY} data={logVar} testId="plot-finite-log-variance" csv={xyCsv} />
          </Panel>
        </>
      )}
      {block && block.notes.length > 0 && (
        <ul className="panel-note panel-wide" data-testid="finite-notes">
          {block.notes.map((n) => (
            <li key={n}>
              <RichLabel text={n} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
