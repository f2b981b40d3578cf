/**
 * Equations rendered by KaTeX (its output escapes every character it is given): `Tex` for one
 * formula, `Prose` for a paragraph with inline $…$ math.
 */
import katex from 'katex';
import { useMemo } from 'react';

function render(tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
}

export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(() => render(tex, display), [tex, display]);
  return <span className={display ? 'tex tex-display' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Text with inline math between dollar signs: 'the limit $\\rho^\\ell$ …'. */
export function Prose({ text }: { text: string }) {
  const parts = useMemo(() => text.split(/\$([^$]+)\$/g), [text]);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <Tex key={i} tex={part} /> : part))}
    </>
  );
}
