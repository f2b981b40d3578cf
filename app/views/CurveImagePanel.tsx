/**
 * The picture of the image curve through depth (issue 18 §2), with a layer slider and a play button
 * (page state only, not in the URL). Paused, the still plot (SVG, with its exports) shows one layer.
 * Playing, a canvas over the same plot area draws every animation frame from the layers' principal
 * coordinates, divided by their largest coordinate once (plots/curveFrames.ts): one
 * requestAnimationFrame callback per frame, one canvas path, the layer readout written directly —
 * React renders nothing until the animation stops (issue 18 acceptance: ≥ 30 frames/s at k = 256).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { GeometryBlock } from '../../src/geometry/geometryBlocks.ts';
import { Panel } from '../components/Panel.tsx';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { xyCsv } from '../plots/csv.ts';
import { curveFrames, drawCurveFrame, frameAt } from '../plots/curveFrames.ts';
import { drawXY } from '../plots/drawXY.ts';
import { readGeometry } from '../plots/geometry.ts';
import { NORMAL_STYLE, OKABE_ITO, PROJECTOR_STYLE, ROLE_COLOR } from '../plots/theme.ts';
import { useLab } from '../state/useLab.ts';
import { IMAGE_EXTENT, imagePlot, imageSentence } from './geometryData.ts';

/** Layers per second while the picture plays through depth. */
export const PLAY_RATE = 4;

export function CurveImagePanel({ g }: { g: GeometryBlock }) {
  const count = g.layers.length;
  const [index, setIndex] = useState(count - 1);
  const [playing, setPlaying] = useState(false);
  const at = Math.min(index, count - 1);
  const proj = useLab((s) => s.spec.proj);
  const frames = useMemo(() => curveFrames(g.layers, g.image.pc1, g.image.pc2), [g]);
  const data = useMemo(() => imagePlot(g, at), [g, at]);
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const slider = useRef<HTMLInputElement>(null);
  const layerText = useRef<HTMLSpanElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  /** Where the animation is (a fractional layer index) and where the next one starts. */
  const position = useRef(at);

  // The readout belongs to this component, not to React's children: the animation writes it too.
  const showLayer = (i: number) => {
    if (layerText.current) layerText.current.textContent = String(g.layers[i]);
    if (readout.current) readout.current.textContent = imageSentence(g, i);
  };
  useLayoutEffect(() => {
    if (!playing) showLayer(at);
  });

  useEffect(() => {
    if (!playing) return;
    const el = wrap.current;
    const cv = canvas.current;
    const svg = el?.querySelector('[data-testid="plot-geometry-image"] > svg');
    const geo = readGeometry(svg);
    const ctx = cv?.getContext('2d');
    if (!el || !cv || !svg || !geo || !ctx) {
      setPlaying(false);
      return;
    }
    // The canvas covers the still plot's plot area exactly (the axes are the same at every layer).
    const outer = el.getBoundingClientRect();
    const inner = svg.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    Object.assign(cv.style, { left: `${inner.left - outer.left + geo.left}px`, top: `${inner.top - outer.top + geo.top}px`, width: `${geo.width}px`, height: `${geo.height}px` });
    cv.width = Math.round(geo.width * dpr);
    cv.height = Math.round(geo.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const stroke = (proj ? PROJECTOR_STYLE : NORMAL_STYLE).stroke;
    const style = { line: stroke.line, pointRadius: stroke.pointRadius, curve: ROLE_COLOR.mc, start: OKABE_ITO.black };
    const box = { width: geo.width, height: geo.height, extent: IMAGE_EXTENT };
    const out = new Float32Array(2 * frames.k);
    const from = position.current;
    let start: number | undefined;
    let shown = -1;
    let drawn = 0;
    let raf = 0;
    const tick = (now: number) => {
      const work = performance.now();
      start ??= now;
      const t = Math.min(count - 1, from + ((now - start) / 1000) * PLAY_RATE);
      position.current = t;
      const nearest = frameAt(frames, t, out);
      drawCurveFrame(ctx, out, box, style);
      cv.dataset.frames = String(++drawn);
      if (nearest !== shown) {
        shown = nearest;
        if (slider.current) slider.current.value = String(nearest);
        showLayer(nearest);
      }
      // The callback's own work (blend, path, readout), for bench/curveAnimation.ts: a User Timing measure, like 'lab:theory'.
      performance.measure('lab:curve-frame', { start: work });
      if (t >= count - 1) {
        setIndex(count - 1);
        setPlaying(false);
        return;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    // The canvas was placed for this layout: a resize pauses (on the nearest layer) and the still plot redraws.
    const pause = () => {
      const i = Math.round(position.current);
      position.current = i;
      setIndex(i);
      setPlaying(false);
    };
    window.addEventListener('resize', pause);
    return () => {
      cancelAnimationFrame(raf);
      window.removeEventListener('resize', pause);
    };
  }, [playing, frames, count, proj]);

  const play = () => {
    if (playing) {
      // Pause on the nearest whole layer: the still plot shows a network's image, not a tween.
      const i = Math.round(position.current);
      position.current = i;
      setIndex(i);
      setPlaying(false);
      return;
    }
    position.current = at >= count - 1 ? 0 : at;
    if (at >= count - 1) setIndex(0);
    setPlaying(true);
  };
  return (
    <Panel
      id="geometry-image"
      title="The image of the input curve through depth"
      caption={`Network 0's image of the ${g.k} input points on its top two principal components, layer by layer (press play), each layer divided by its largest coordinate $R^{\\ell}$: the picture shows the shape, the length plot the size. While it plays, each point moves on a straight line from its place at one layer to its place at the next (only at whole layers is the picture a network's image); paused, it shows one layer.`}
      equation={'z^{\\ell}_a \\mapsto (\\sqrt{\\lambda_1}\\,v_1[a],\\ \\sqrt{\\lambda_2}\\,v_2[a])/R^{\\ell},\\quad K_c = V\\Lambda V^{\\top}'}
      header={
        <div className="geometry-player">
          <button type="button" data-testid="geometry-play" aria-pressed={playing} onClick={play}>
            {playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <label>
            layer ℓ = <span ref={layerText} data-testid="geometry-layer-value" />{' '}
            <input ref={slider} type="range" min={0} max={count - 1} step={1} value={at} data-testid="geometry-layer" aria-label="layer of the picture" onChange={(e) => { const i = Number(e.target.value); position.current = i; setPlaying(false); setIndex(i); }} />
          </label>
          <span className="panel-note" ref={readout} data-testid="geometry-image-readout" aria-live={playing ? 'off' : 'polite'} />
        </div>
      }
    >
      <div ref={wrap} className={playing ? 'curve-player curve-playing' : 'curve-player'}>
        <PlotFrame draw={drawXY} data={data} csv={xyCsv} testId="plot-geometry-image" />
        <canvas ref={canvas} className="curve-player-canvas" data-testid="geometry-canvas" aria-hidden="true" hidden={!playing} />
      </div>
    </Panel>
  );
}
