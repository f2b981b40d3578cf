/**
 * Wires a pure draw function to React: measures its box (ResizeObserver) and swaps in the <svg>
 * that draw(data, size, style) returns — in the projector style when projector mode is on. Under
 * the plot, its exports (SVG, PNG, the CSV of what it shows, the result JSON); over it, when this
 * plot is the target of a predict-then-reveal round, the guess marker (PredictionOverlay).
 * All drawing lives in app/plots/.
 */
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useElementSize } from '../hooks/useElementSize.ts';
import { cancelDraw, scheduleDraw, type DrawJob } from '../plots/drawQueue.ts';
import { readGeometry, type PlotGeometry } from '../plots/geometry.ts';
import { NORMAL_STYLE, PROJECTOR_STYLE } from '../plots/theme.ts';
import type { DrawFunction, XYPlotData } from '../plots/types.ts';
import { useLab } from '../state/useLab.ts';
import { usePredictionRound } from '../views/usePrediction.ts';
import { withPrediction } from '../views/prediction.ts';
import { PlotExports } from './PlotExports.tsx';
import { PredictionBar, PredictionOverlay } from './Prediction.tsx';

export interface PlotFrameProps<D> {
  readonly draw: DrawFunction<D>;
  readonly data: D;
  readonly testId: string;
  /** Height class: 'normal' (most plots), 'tall' (maps), 'small' (small multiples). */
  readonly height?: 'normal' | 'tall' | 'small';
  /** The CSV of what the plot shows (plots/csv.ts); without it the plot offers no CSV. */
  readonly csv?: (data: D) => string;
}

/** Lowest and highest height of a projector plot fitted to the window (px). */
const FIT_MIN = 260;
const FIT_MAX = 760;

/**
 * Projector mode (issue 14 §3): the page's first plot takes the height left between its top and
 * the bottom of the window, so that it is entirely visible without scrolling at 1024 × 768 and
 * 1280 × 720 whatever sits above it (a lesson's prediction bar, a view's notes). Measured after
 * every render of the plot, when the main area changes size and on resize; other plots keep their
 * CSS height.
 */
function useProjectorFit(box: RefObject<HTMLDivElement | null>, proj: boolean): number | undefined {
  const [fit, setFit] = useState<number>();
  useLayoutEffect(() => {
    const el = box.current;
    if (!proj || !el) {
      setFit(undefined);
      return;
    }
    const measure = () => {
      if (document.querySelector('.plot-frame') !== el) {
        setFit(undefined);
        return;
      }
      const top = el.getBoundingClientRect().top + window.scrollY;
      const h = Math.max(FIT_MIN, Math.min(FIT_MAX, Math.floor(window.innerHeight - top - 12)));
      setFit((old) => (old === h ? old : h));
    };
    measure();
    // What sits above the plot can change without this plot re-rendering (a status line, a note,
    // a formula's slice): any change in the size of the page's main area measures again.
    const observer = new ResizeObserver(() => measure());
    const main = el.closest('main');
    if (main) observer.observe(main);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  });
  return fit;
}

export function PlotFrame<D>({ draw, data, testId, height = 'normal', csv }: PlotFrameProps<D>) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  const proj = useLab((s) => s.spec.proj);
  const style = proj ? PROJECTOR_STYLE : NORMAL_STYLE;
  const round = usePredictionRound(testId);
  // Only x–y plots are prediction targets (views/prediction.ts names them by test id).
  const shown = useMemo(() => (round ? (withPrediction(data as XYPlotData, round.plot) as D) : data), [data, round]);
  const [geometry, setGeometry] = useState<PlotGeometry>();
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !size || size.width < 10 || size.height < 10) return;
    const show = (svg: SVGSVGElement) => {
      // Replace only the plot: the overlay beside it belongs to React.
      const old = el.querySelector(':scope > svg');
      if (old) old.replaceWith(svg);
      else el.prepend(svg);
      setGeometry(round ? readGeometry(svg) : undefined);
    };
    // In its own task (drawQueue.ts): a page of plots never redraws in one long task; a plot with
    // steps (a curve of 10⁴ vertices each) is drawn over several tasks, the old <svg> shown until
    // the new one is complete.
    scheduleDraw(el, () => {
      if (!el.isConnected) return;
      if (!draw.steps) {
        show(draw(shown, size, style));
        return;
      }
      const steps = draw.steps(shown, size, style);
      const step = (): DrawJob | void => {
        if (!el.isConnected) return;
        const r = steps.next();
        if (r.done) show(r.value);
        else return step;
      };
      return step();
    });
  }, [draw, shown, size, style, round]);
  useLayoutEffect(() => {
    const el = box.current;
    return () => {
      if (el) cancelDraw(el);
    };
  }, []);
  const fit = useProjectorFit(box, proj);
  const className = height === 'normal' ? 'plot-frame' : `plot-frame plot-frame-${height}`;
  return (
    <>
      {round && <PredictionBar round={round} />}
      <div className={className} ref={box} data-testid={testId} style={fit ? { height: fit } : undefined}>
        {round && !round.revealed && geometry && <PredictionOverlay round={round} geometry={geometry} />}
      </div>
      <PlotExports frame={box} testId={testId} csv={csv ? () => csv(shown) : undefined} />
    </>
  );
}
