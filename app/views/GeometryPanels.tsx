/**
 * The input-curve panels (issue 18), shown under the depth profile when the spec has a curve
 * (curve=circle:k): length, distortion, Jacobian, effective dimension. The numbers come from the
 * run's geometry and jacobian blocks (src/geometry/geometryBlocks.ts), the text from geometryData.ts.
 */
import { useEffect, useMemo, useState } from 'react';
import type { GeometryBlock, JacobianBlock } from '../../src/geometry/geometryBlocks.ts';
import { Panel } from '../components/Panel.tsx';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { Unavailable } from '../components/Unavailable.tsx';
import { xyCsv } from '../plots/csv.ts';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { curvaturePlot, curvatureSentence, dimensionPlot, distortionPlot, geometrySentences, imagePlot, imageSentence, jacobianPlot, lengthPlot } from './geometryData.ts';
import { useViewBlock } from './useResults.ts';

/** Layers per second while the picture plays through depth. */
const PLAY_RATE = 4;

/** The picture of the image curve through depth: a layer slider and a play button (page state only, not in the URL). */
function CurveImagePanel({ g }: { g: GeometryBlock }) {
  const count = g.layers.length;
  const [index, setIndex] = useState(count - 1);
  const [playing, setPlaying] = useState(false);
  const at = Math.min(index, count - 1);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setIndex((i) => {
        if (i + 1 >= count) {
          setPlaying(false);
          return count - 1;
        }
        return i + 1;
      });
    }, 1000 / PLAY_RATE);
    return () => clearInterval(timer);
  }, [playing, count]);
  const data = useMemo(() => imagePlot(g, at), [g, at]);
  const play = () => {
    if (!playing && at >= count - 1) setIndex(0);
    setPlaying(!playing);
  };
  return (
    <Panel
      id="geometry-image"
      title="The image of the input curve through depth"
      caption={`Network 0's image of the ${g.k} input points on its top two principal components, layer by layer (press play). ${imageSentence(g, at)} The axes rescale at every layer: the picture shows the shape, the length plot the size.`}
      equation={'z^{\\ell}_a \\mapsto (\\sqrt{\\lambda_1}\\,v_1[a],\\ \\sqrt{\\lambda_2}\\,v_2[a]),\\quad K_c = V\\Lambda V^{\\top}'}
      header={
        <div className="geometry-player">
          <button type="button" data-testid="geometry-play" aria-pressed={playing} onClick={play}>
            {playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <label>
            layer ℓ = {g.layers[at]}{' '}
            <input type="range" min={0} max={count - 1} step={1} value={at} data-testid="geometry-layer" aria-label="layer of the picture" onChange={(e) => { setPlaying(false); setIndex(Number(e.target.value)); }} />
          </label>
        </div>
      }
    >
      <PlotFrame draw={drawXY} data={data} csv={xyCsv} testId="plot-geometry-image" />
    </Panel>
  );
}

export function GeometryPanels() {
  const curve = useLab((s) => s.spec.curve);
  const geometry = useViewBlock('geometry');
  const jacobian = useViewBlock('jacobian');
  const g = geometry.block;
  const j = jacobian.block;
  const plots = useMemo(() => (g && j ? { length: lengthPlot(g), distortion: distortionPlot(g), jacobian: jacobianPlot(j), dimension: dimensionPlot(g), curvature: curvaturePlot(g), curvatureText: curvatureSentence(g), text: geometrySentences(g, j) } : undefined), [g, j]);
  if (curve === 'none') return null;
  if (geometry.unavailable) return <Unavailable reason={geometry.unavailable} fix={{ key: 'curve', value: 'none', label: 'Remove the input curve (curve=none)' }} />;
  if (!plots || !g) {
    return (
      <p className="panel-note" data-testid="geometry-pending">
        The input curve ({curve}) is pushed through the networks after the depth profile; its panels appear when that run has finished.
      </p>
    );
  }
  return (
    <div className="panels" data-testid="geometry-panels">
      <CurveImagePanel g={g} />
      <Panel
        id="geometry-length"
        title="From a circle to a fractal: length of the image curve"
        caption={`${g.k} points of ${g.r === 1 ? `a great circle of squared radius $q = ${g.q}$` : `an ellipse with semi-axes $\\sqrt q$ and $r\\sqrt q$ ($q = ${g.q}$, $r = ${g.r}$)`} and their tangents, through the same kind of networks (${g.method}, on ${g.engine === 'webgpu' ? 'the GPU (WebGPU, f32)' : 'the CPU'}). Blue: the mean-field length of the image ($2\\pi\\sqrt{g^{\\ell}}$ on the circle); dashed green: the mean field of the polygon through the ${g.k} image points, which in the chaotic phase saturates once neighbouring points decorrelate. ${plots.text.length}`}
        equation={'\\text{MLP: }g^{\\ell+1} = \\sigma_w^2\\,\\mathbb{E}\\,\\varphi\'(\\sqrt{q^{\\ell}}\\,\\xi)^2\\, g^{\\ell} = \\chi_1(q^{\\ell})\\, g^{\\ell},\\quad g^1 = \\sigma_w^2 q'}
      >
        <PlotFrame draw={drawXY} data={plots.length} csv={xyCsv} testId="plot-geometry-length" />
      </Panel>
      <Panel
        id="geometry-distortion"
        title="Length distortion"
        caption={`Length of the image under $x \\mapsto z^{\\ell}/\\sigma_w$ over the input's, per $\\sqrt{\\text{dimension}}$ (Hanin, Jeong & Rolnick 2022: for ReLU with $\\sigma_w^2 = 2$ its mean stays $\\le 1$ and does not grow, while its spread grows with $\\ell/n$). ${plots.text.distortion}`}
        equation={'D^{\\ell} = \\frac{\\hat{\\mathcal L}(z^{\\ell})/\\sqrt n}{\\sigma_w\\,\\mathcal L(x)/\\sqrt d}'}
      >
        <PlotFrame draw={drawXY} data={plots.distortion} csv={xyCsv} testId="plot-geometry-distortion" />
      </Panel>
      <Panel
        id="geometry-jacobian"
        title="Gradients: the input–output Jacobian"
        caption={`$\\|J^{\\ell} u\\|^2 d/n$ along the unit tangent $u$ of the circle at its first point (one value per network); its mean field is $\\sigma_w^2\\prod_{m<\\ell}\\chi_1(q^m)$ (Schoenholz et al. 2017: $\\chi_1$ sets the backward depth scale too), and at finite width $\\log\\|Ju\\|^2$ spreads like a sum of $\\ell$ independent terms. ${plots.text.jacobian}`}
        equation={'\\mathbb{E}\\,\\|J^{\\ell}u\\|^2\\,\\tfrac{d}{n} \\to \\sigma_w^2\\prod_{m<\\ell}\\chi_1(q^m)'}
      >
        <PlotFrame draw={drawXY} data={plots.jacobian} csv={xyCsv} testId="plot-geometry-jacobian" />
      </Panel>
      <Panel
        id="geometry-dimension"
        title="Effective dimension of the image"
        caption={`Participation ratio $(\\operatorname{tr} K_c)^2/\\|K_c\\|_F^2$ of the centred ${g.k}\\times${g.k} feature kernel of the image points. ${plots.text.dimension}`}
        equation={'\\mathrm{PR} = \\frac{(\\sum_i \\lambda_i)^2}{\\sum_i \\lambda_i^2}'}
      >
        <PlotFrame draw={drawXY} data={plots.dimension} csv={xyCsv} testId="plot-geometry-dimension" />
      </Panel>
      <Panel
        id="geometry-curvature"
        title="Curvature of the image"
        caption={`The ${g.k}-gon's total turning over its length (per $\\sqrt n$; $1/r$ for a circle of radius $r$). Poole et al. 2016 (MLP): $(\\kappa^{\\ell+1})^2 = 3\\chi_2/\\chi_1^2 + (\\kappa^{\\ell})^2/\\chi_1$ with $\\chi_2 = \\sigma_w^2\\,\\mathbb{E}\\,\\varphi''(z)^2$; the networks estimate the ${g.k}-gon's value, which tends to $\\kappa$ as the points get denser. ${plots.curvatureText}`}
        equation={'(\\kappa^{\\ell+1})^2 = \\frac{3\\chi_2}{\\chi_1^2} + \\frac{(\\kappa^{\\ell})^2}{\\chi_1}'}
      >
        <PlotFrame draw={drawXY} data={plots.curvature} csv={xyCsv} testId="plot-geometry-curvature" />
      </Panel>
    </div>
  );
}
