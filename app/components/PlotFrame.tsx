/**
 * Wires a pure draw function to React: measures its box (ResizeObserver) and swaps in the <svg>
 * that draw(data, size, style) returns — in the projector style when projector mode is on. Under
 * the plot, its exports (SVG, PNG, the CSV of what it shows, the result JSON); over it, when this
 * plot is the target of a predict-then-reveal round, the guess marker (PredictionOverlay).
 * All drawing lives in app/plots/.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useElementSize } from '../hooks/useElementSize.ts';
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
    const svg = draw(shown, size, style);
    // Replace only the plot: the overlay beside it belongs to React.
    const old = el.querySelector(':scope > svg');
    if (old) old.replaceWith(svg);
    else el.prepend(svg);
    setGeometry(round ? readGeometry(svg) : undefined);
  }, [draw, shown, size, style, round]);
  const className = height === 'normal' ? 'plot-frame' : `plot-frame plot-frame-${height}`;
  return (
    <>
      {round && <PredictionBar round={round} />}
      <div className={className} ref={box} data-testid={testId}>
        {round && !round.revealed && geometry && <PredictionOverlay round={round} geometry={geometry} />}
      </div>
      <PlotExports frame={box} testId={testId} csv={csv ? () => csv(shown) : undefined} />
    </>
  );
}
