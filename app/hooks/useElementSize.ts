/** The content-box size of an element, kept current with a ResizeObserver (responsive plots). */
import { useLayoutEffect, useState, type RefObject } from 'react';

export interface ElementSize {
  readonly width: number;
  readonly height: number;
}

export function useElementSize(ref: RefObject<HTMLElement | null>): ElementSize | undefined {
  const [size, setSize] = useState<ElementSize>();
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (width: number, height: number) => {
      const w = Math.round(width);
      const h = Math.round(height);
      setSize((old) => (old && old.width === w && old.height === h ? old : { width: w, height: h }));
    };
    // No synchronous measure here: reading the layout inside React's commit would force the whole
    // page's first layout into that task (issue 14 §8); the observer's first report comes with the
    // next frame's own layout.
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      measure(box.width, box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
