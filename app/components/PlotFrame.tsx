/**
 * Wires a pure draw function to React: measures its box (ResizeObserver) and swaps in the <svg>
 * that draw(data, size) returns. All drawing lives in app/plots/.
 */
import { useLayoutEffect, useRef } from 'react';
import { useElementSize } from '../hooks/useElementSize.ts';
import type { DrawFunction } from '../plots/types.ts';

export interface PlotFrameProps<D> {
  readonly draw: DrawFunction<D>;
  readonly data: D;
  readonly testId: string;
  /** Height class: 'normal' (most plots), 'tall' (maps), 'small' (small multiples). */
  readonly height?: 'normal' | 'tall' | 'small';
}

export function PlotFrame<D>({ draw, data, testId, height = 'normal' }: PlotFrameProps<D>) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !size || size.width < 10 || size.height < 10) return;
    el.replaceChildren(draw(data, size));
  }, [draw, data, size]);
  return <div className={height === 'normal' ? 'plot-frame' : `plot-frame plot-frame-${height}`} ref={box} data-testid={testId} />;
}
