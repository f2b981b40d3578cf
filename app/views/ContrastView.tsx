/**
 * View "contrast" (issue 6): one (n, L), three networks, three kinds of limit. The He-MLP (whose
 * deterministic NNGP limit is misleading at L/n of order 1; its caption is computed from the data,
 * contrastData.ts heMlpCaption, and its log-normal proportional limit is drawn), the shaped MLP (a random limit: the
 * covariance SDE) and the ResNet with branch L^{−1/2} (the ODE, reached in any order).
 */
import { useMemo } from 'react';
import { contrastSpecs, type ContrastBlock, type ContrastVariant } from '../../src/experiments/contrast.ts';
import { Panel } from '../components/Panel.tsx';
import { RichLabel } from '../components/RichLabel.tsx';
import { histogramCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { drawHistogram } from '../plots/drawHistogram.ts';
import { useLab } from '../state/useLab.ts';
import { lines } from './equations.ts';
import { contrastLogqPlot, contrastRhoPlot, heMlpCaption, variantHref } from './contrastData.ts';
import { formatCount, formatValue } from './labels.ts';
import { useViewBlock } from './useResults.ts';

const TEXT: Record<ContrastVariant['id'], { caption: (T: string) => string; equation: string }> = {
  'he-mlp': {
    caption: () => '',
    equation: lines('K^{\\ell+1} = 2\\,\\mathbb{E}\\big[\\mathrm{relu}(u)\\,\\mathrm{relu}(v)\\big]', '\\hat\\rho_L \\xrightarrow[n\\to\\infty,\\ L\\ \\text{fixed}]{} \\rho^L'),
  },
  shaped: {
    caption: (T) =>
      `Shaping the ReLU towards the identity ($s_\\pm = 1 + c_\\pm/\\sqrt n$) makes the proportional limit a diffusion: its limit at $T = ${T}$ is a law, drawn as a density — for $\\rho$ the Fokker–Planck law of the covariance SDE, for the log length $\\mathcal N(-T, 2T)$. The histograms follow the laws, not a point.`,
    equation: lines('d\\rho_t = \\big[\\nu(\\rho_t) - \\tfrac12\\rho_t(1-\\rho_t^2)\\big]dt', '\\qquad + (1-\\rho_t^2)\\,dW_t', '\\log\\frac{V_{aa}(T)}{V_{aa}(0)} \\sim \\mathcal N(-T, 2T)'),
  },
  'resnet-sqrt': {
    caption: () =>
      'With branches scaled by $L^{-1/2}$ the limit is the covariance ODE on $t = \\ell/L$, the same whichever of $n$ and $L$ goes first (Hayou & Yang 2023): its value $\\rho(1)$ is the line. The fluctuations are of order $n^{-1/2}$ whatever $L/n$, so the histograms concentrate around it.',
    equation: lines('\\frac{dq_t}{dt} = \\sigma_w^2\\,\\mathbb{E}_{(u,v)\\sim\\mathcal N(0,q_t)}\\big[\\varphi(u)\\varphi(v)\\big]', 't = \\ell/L \\in [0,1]'),
  },
};

export function ContrastView() {
  const spec = useLab((s) => s.spec);
  const { block } = useViewBlock('contrast');
  const planned = useMemo(() => contrastSpecs(spec), [spec]);
  const plots = useMemo(
    () => new Map((block?.variants ?? []).map((v) => [v.id, { rho: contrastRhoPlot(v, block!.n, block!.L, block!.M), logq: contrastLogqPlot(v) }])),
    [block],
  );
  const T = formatValue(spec.L / spec.n, 3);
  return (
    <div className="panels panels-three">
      {planned.map(({ id, label }) => {
        const v = block?.variants.find((x) => x.id === id);
        const p = plots.get(id);
        return (
          <Panel
            key={id}
            id={`contrast-${id}`}
            title={<RichLabel text={label} />}
            header={
              <p className="panel-note">
                n = {formatCount(spec.n)}, L = {formatCount(spec.L)}, T = L/n = {T} ·{' '}
                {v ? (
                  <a href={variantHref(v.query)} data-testid={`open-${id}`}>
                    open this network
                  </a>
                ) : (
                  'sampling…'
                )}
              </p>
            }
            caption={id === 'he-mlp' ? heMlpCaption(v, T) : TEXT[id].caption(T)}
            equation={TEXT[id].equation}
          >
            {p ? (
              <>
                <PlotFrame draw={drawHistogram} data={p.rho} csv={histogramCsv} testId={`plot-contrast-${id}-rho`} height="small" />
                <PlotFrame draw={drawHistogram} data={p.logq} csv={histogramCsv} testId={`plot-contrast-${id}-logq`} height="small" />
              </>
            ) : (
              <p className="placeholder" data-testid={`contrast-waiting-${id}`}>
                Waiting for the Monte Carlo of this network…
              </p>
            )}
          </Panel>
        );
      })}
    </div>
  );
}
