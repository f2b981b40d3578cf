/**
 * Axis and legend labels with sub- and superscripts in plain SVG: 'ρ^{ℓ}', 'q̂_{11}^{ℓ}', 'n^{-1/2}'.
 * `^{…}` and `_{…}` (or a single character after ^ / _) become tspans with a baseline shift.
 */
export interface TextRun {
  readonly text: string;
  readonly shift: 'none' | 'super' | 'sub';
}

export function parseRichText(label: string): TextRun[] {
  const runs: TextRun[] = [];
  let plain = '';
  const flush = () => {
    if (plain) runs.push({ text: plain, shift: 'none' });
    plain = '';
  };
  const chars = [...label];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if ((c === '^' || c === '_') && i + 1 < chars.length) {
      flush();
      let body: string;
      if (chars[i + 1] === '{') {
        const close = chars.indexOf('}', i + 2);
        const end = close < 0 ? chars.length : close;
        body = chars.slice(i + 2, end).join('');
        i = end;
      } else {
        body = chars[i + 1];
        i += 1;
      }
      runs.push({ text: body, shift: c === '^' ? 'super' : 'sub' });
    } else plain += c;
  }
  flush();
  return runs;
}

/** The label as plain text (for aria-labels and width estimates). */
export function plainText(label: string): string {
  return parseRichText(label)
    .map((r) => r.text)
    .join('');
}

/**
 * The label as text a spreadsheet or a script reads (CSV columns, issue 14 §3): scripts keep their
 * meaning with ^ and _ but lose the markup braces — 'q̂_{11}^{L}' → 'q̂_11^L', 'n^{-1/2}' → 'n^(-1/2)'.
 */
export function csvText(label: string): string {
  return parseRichText(label)
    .map((r) => (r.shift === 'none' ? r.text : `${r.shift === 'super' ? '^' : '_'}${[...r.text].length > 1 && /[^\p{L}\p{N}]/u.test(r.text) ? `(${r.text})` : r.text}`))
    .join('');
}

/**
 * Append the runs of `label` as tspans to an SVG <text> element. Scripts are set at 75 % of the
 * text, or at `scriptSize` px when given (projector mode: never below its minimum type size).
 */
export function appendRichText(textEl: SVGTextElement, label: string, scriptSize?: number): void {
  const doc = textEl.ownerDocument;
  for (const run of parseRichText(label)) {
    const span = doc.createElementNS('http://www.w3.org/2000/svg', 'tspan');
    span.textContent = run.text;
    if (run.shift !== 'none') {
      span.setAttribute('baseline-shift', run.shift);
      span.setAttribute('font-size', scriptSize === undefined ? '75%' : `${scriptSize}px`);
    }
    textEl.appendChild(span);
  }
}
