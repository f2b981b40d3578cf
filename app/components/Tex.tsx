/**
 * Equations rendered by KaTeX (its output escapes every character it is given): `Tex` for one
 * formula, `Prose` for a paragraph with inline $…$ math.
 *
 * KaTeX costs ~1–10 ms per formula and a page holds dozens: rendered all at once they made one
 * main-thread task of several hundred ms when a page opens (issue 14 §8). Formulas are therefore
 * rendered in slices of at most SLICE_MS between tasks (a queue drained by setTimeout), each
 * showing its TeX source until its turn; a formula rendered before is served from a cache at once.
 */
import type katexType from 'katex';
import { useEffect, useState } from 'react';

const SLICE_MS = 12;
const cache = new Map<string, string>();
const queue: { key: string; tex: string; display: boolean; done: () => void }[] = [];
let scheduled = false;

/** KaTeX itself is loaded on first use, in a task of its own (its module is large). */
let katex: typeof katexType | undefined;
let loading: Promise<void> | undefined;

function render(tex: string, display: boolean): string {
  return katex!.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
}

function drain(): void {
  scheduled = false;
  if (!katex) {
    loading ??= import('katex').then((m) => {
      katex = m.default;
    });
    void loading.then(schedule);
    return;
  }
  const t0 = performance.now();
  while (queue.length > 0 && performance.now() - t0 < SLICE_MS) {
    const job = queue.shift()!;
    if (!cache.has(job.key)) cache.set(job.key, render(job.tex, job.display));
    job.done();
  }
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(drain, 0);
}

export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const [, rendered] = useState(0);
  const html = cache.get(key);
  useEffect(() => {
    if (cache.has(key)) return;
    let live = true;
    queue.push({ key, tex, display, done: () => live && rendered((n) => n + 1) });
    schedule();
    return () => {
      live = false;
    };
  }, [key, tex, display]);
  if (html === undefined) {
    return (
      <span className={display ? 'tex tex-display tex-pending' : 'tex tex-pending'} aria-busy="true">
        {tex}
      </span>
    );
  }
  return <span className={display ? 'tex tex-display' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Text with inline math between dollar signs: 'the limit $\\rho^\\ell$ …'. */
export function Prose({ text }: { text: string }) {
  const parts = text.split(/\$([^$]+)\$/g);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <Tex key={i} tex={part} /> : part))}
    </>
  );
}
