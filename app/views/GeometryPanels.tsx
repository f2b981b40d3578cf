/**
 * The input-curve panels (issue 18), shown under the depth profile when the spec has a curve
 * (curve=circle:k, ellipse:k:r or drawn:k:code): the picture through depth (CurveImagePanel.tsx),
 * length, distortion, Jacobian, effective dimension (one GeometryPanel each), and the drawing pad
 * (CurveDrawer.tsx). The numbers come from the run's geometry and jacobian blocks
 * (src/geometry/geometryBlocks.ts), the text from geometryData.ts.
 */
import { useMemo } from 'react';
import type { GeometryBlock } from '../../src/geometry/geometryBlocks.ts';
import { Panel } from '../components/Panel.tsx';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { Unavailable } from '../components/Unavailable.tsx';
import { xyCsv } from '../plots/csv.ts';
import { drawXY } from '../plots/drawXY.ts';
import type { XYPlotData } from '../plots/types.ts';
import { useLab } from '../state/useLab.ts';
import { CurveDrawer } from './CurveDrawer.tsx';
import { CurveImagePanel } from './CurveImagePanel.tsx';
import { dimensionPlot, distortionPlot, geometrySentences, jacobianPlot, lengthPlot } from './geometryData.ts';
import { useViewBlock } from './useResults.ts';

/** One x–y plot of the curve against depth: panel geometry-<id>, plot plot-geometry-<id>. */
function GeometryPanel({ id, title, caption, equation, data }: { id: string; title: string; caption: string; equation: string; data: XYPlotData }) {
  return (
    <Panel id={`geometry-${id}`} title={title} caption={caption} equation={equation}>
      <PlotFrame draw={drawXY} data={data} csv={xyCsv} testId={`plot-geometry-${id}`} />
    </Panel>
  );
}

/** The input curve in words, from the block. */
function curveWords(g: GeometryBlock): string {
  if (g.curve.startsWith('drawn:')) return `a drawn closed curve (mean squared radius $q = ${g.q}$)`;
  return g.r === 1 ? `a great circle of squared radius $q = ${g.q}$` : `an ellipse with semi-axes $\\sqrt q$ and $r\\sqrt q$ ($q = ${g.q}$, $r = ${g.r}$)`;
}

export function GeometryPanels() {
  const curve = useLab((s) => s.spec.curve);
  const M = useLab((s) => s.spec.M);
  const geometry = useViewBlock('geometry');
  const jacobian = useViewBlock('jacobian');
  const g = geometry.block;
  const j = jacobian.block;
  const plots = useMemo(() => (g && j ? { length: lengthPlot(g), distortion: distortionPlot(g), jacobian: jacobianPlot(j, g.r === 1), dimension: dimensionPlot(g), text: geometrySentences(g, j) } : undefined), [g, j]);
  if (curve === 'none') return null;
  if (geometry.unavailable) return <Unavailable reason={geometry.unavailable} fix={{ key: 'curve', value: 'none', label: 'Remove the input curve (curve=none)' }} />;
  // The drawing pad stays while a new curve's networks run (it is what started them).
  const draw = (
    <figure className="panel" aria-labelledby="geometry-draw-title" data-testid="panel-geometry-draw">
      <h2 id="geometry-draw-title" className="panel-title">
        Draw your own input curve
      </h2>
      <CurveDrawer curve={curve} />
    </figure>
  );
  if (!plots || !g) {
    return (
      <div className="panels">
        <p className="panel-note" data-testid="geometry-pending">
          {M === 0
            ? `The input curve (${curve}) goes through the M networks of the depth profile; with M = 0 none are sampled, so its panels are not drawn.`
            : `The input curve (${curve}) is pushed through the networks after the depth profile; its panels appear when that run has finished.`}
        </p>
        {draw}
      </div>
    );
  }
  return (
    <div className="panels" data-testid="geometry-panels">
      <CurveImagePanel g={g} />
      <GeometryPanel
        id="length"
        title="From a circle to a fractal: length of the image curve"
        caption={`${g.k} points of ${curveWords(g)} and their tangents, through the same kind of networks (${g.method}, on the CPU). Blue: the mean-field length of the image ($2\\pi\\sqrt{g^{\\ell}}$ on the circle); dashed green: the mean field of the polygon through the ${g.k} image points, which in the chaotic phase saturates once neighbouring points decorrelate. ${plots.text.length}`}
        equation={'\\text{MLP: }g^{\\ell+1} = \\sigma_w^2\\,\\mathbb{E}\\,\\varphi\'(\\sqrt{q^{\\ell}}\\,\\xi)^2\\, g^{\\ell} = \\chi_1(q^{\\ell})\\, g^{\\ell},\\quad g^1 = \\sigma_w^2 q'}
        data={plots.length}
      />
      <GeometryPanel
        id="distortion"
        title="Length distortion"
        caption={`Length of the image under $x \\mapsto z^{\\ell}/\\sigma_w$ over the input's, per $\\sqrt{\\text{dimension}}$ (Hanin, Jeong & Rolnick 2022: for ReLU with $\\sigma_w^2 = 2$ its mean stays $\\le 1$ and does not grow, while its spread grows with $\\ell/n$). ${plots.text.distortion}`}
        equation={'D^{\\ell} = \\frac{\\hat{\\mathcal L}(z^{\\ell})/\\sqrt n}{\\sigma_w\\,\\mathcal L(x)/\\sqrt d}'}
        data={plots.distortion}
      />
      <GeometryPanel
        id="jacobian"
        title="Gradients: the input–output Jacobian"
        caption={`$\\|J^{\\ell} u\\|^2 d/n$ along the unit tangent $u$ of the curve at its first point (one value per network); its mean field is $\\sigma_w^2\\prod_{m<\\ell}\\chi_1(q^m)$ on the circle (Schoenholz et al. 2017: $\\chi_1$ sets the backward depth scale too), and at finite width $\\log\\|Ju\\|^2$ spreads like a sum of $\\ell$ independent terms. ${plots.text.jacobian}`}
        equation={'\\mathbb{E}\\,\\|J^{\\ell}u\\|^2\\,\\tfrac{d}{n} \\to \\sigma_w^2\\prod_{m<\\ell}\\chi_1(q^m)'}
        data={plots.jacobian}
      />
      <GeometryPanel
        id="dimension"
        title="Effective dimension of the image"
        caption={`Participation ratio $(\\operatorname{tr} K_c)^2/\\|K_c\\|_F^2$ of the centred $${g.k}\\times${g.k}$ feature kernel of the image points. ${plots.text.dimension}`}
        equation={'\\mathrm{PR} = \\frac{(\\sum_i \\lambda_i)^2}{\\sum_i \\lambda_i^2}'}
        data={plots.dimension}
      />
      {draw}
    </div>
  );
}
