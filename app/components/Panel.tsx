/** One figure: a title, a plot, a one-paragraph caption and its equation. */
import type { ReactNode } from 'react';
import { Prose, Tex } from './Tex.tsx';

export interface PanelProps {
  readonly id: string;
  readonly title: ReactNode;
  /** One paragraph; inline math between $…$. */
  readonly caption: string;
  readonly equation: string;
  readonly children: ReactNode;
}

export function Panel({ id, title, caption, equation, children }: PanelProps) {
  return (
    <figure className="panel" aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <h2 id={`${id}-title`} className="panel-title">
        {title}
      </h2>
      {children}
      <figcaption className="panel-caption">
        <p>
          <Prose text={caption} />
        </p>
        <div className="panel-equation">
          <Tex tex={equation} display />
        </div>
      </figcaption>
    </figure>
  );
}
