/** One figure: a title, a plot, a one-paragraph caption and its equation. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Prose, Tex } from './Tex.tsx';

/**
 * An equation wider than its panel scrolls sideways; then it takes the keyboard focus too (WCAG 2.1.1).
 * Both the box and the typeset equation are watched: the equation widens without the box changing
 * size when KaTeX's fonts arrive after the first paint (axe then found a scrollable region without
 * focus on the signature view).
 */
function Equation({ tex }: { tex: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // After paint, not in the commit: reading the layout there would force it inside React's task.
    // Strictly larger, as axe counts it: a 1 px overflow counts, and so does a taller one (axe flagged
    // the signature view's equation, a fraction taller than its box, though overflow-y is hidden).
    const check = () => setScrolls(el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    check();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    // The typeset pieces (KaTeX's .base boxes are inline blocks: together they are the equation's width).
    for (const piece of Array.from(el.querySelectorAll('.katex-html > .base'))) observer.observe(piece);
    void document.fonts?.ready.then(check);
    return () => observer.disconnect();
  }, [tex]);
  return (
    <div className="panel-equation" ref={box} tabIndex={scrolls ? 0 : undefined} role={scrolls ? 'group' : undefined} aria-label={scrolls ? 'equation (scrolls sideways)' : undefined}>
      <Tex tex={tex} display />
    </div>
  );
}

export interface PanelProps {
  readonly id: string;
  readonly title: ReactNode;
  /** One paragraph; inline math between $…$. */
  readonly caption: string;
  readonly equation: string;
  readonly children: ReactNode;
  /** Spans the whole row of panels (maps, small multiples). */
  readonly wide?: boolean;
  /** Under the title, before the plot (links, notes). */
  readonly header?: ReactNode;
}

export function Panel({ id, title, caption, equation, children, wide = false, header }: PanelProps) {
  return (
    <figure className={wide ? 'panel panel-wide' : 'panel'} aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <h2 id={`${id}-title`} className="panel-title">
        {title}
      </h2>
      {header}
      {children}
      <figcaption className="panel-caption">
        <p>
          <Prose text={caption} />
        </p>
        <Equation tex={equation} />
      </figcaption>
    </figure>
  );
}
