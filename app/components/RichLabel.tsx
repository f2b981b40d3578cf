/** A label with ^{…} / _{…} (the plots' rich text, app/plots/richText.ts) as HTML sup / sub. */
import { parseRichText } from '../plots/richText.ts';

/** Engine labels write exponents inline ('L^−1/2'); brace them so the whole exponent is raised. */
function braced(text: string): string {
  return text.replace(/\^([−-]?\d+(?:\/\d+)?)/g, '^{$1}');
}

export function RichLabel({ text }: { text: string }) {
  return (
    <>
      {parseRichText(braced(text)).map((run, i) =>
        run.shift === 'super' ? <sup key={i}>{run.text}</sup> : run.shift === 'sub' ? <sub key={i}>{run.text}</sub> : <span key={i}>{run.text}</span>,
      )}
    </>
  );
}
