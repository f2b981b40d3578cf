/** One figure: a title, a plot, a one-paragraph caption and its equation. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useElementSize } from '../hooks/useElementSize.ts';
import { Prose, Tex } from './Tex.tsx';

/** An equation wider than its panel scrolls sideways; then it takes the keyboard focus too (WCAG 2.1.1). */
function Equation({ tex }: { tex: string }) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  const [scrolls, setScrolls] = useState(false);
  // After paint, not in the commit: reading the layout there would force it inside React's task.
  useEffect(() => {
    const el = box.current;
    if (el) setScrolls(el.scrollWidth > el.clientWidth + 1);
  }, [size, tex]);
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
