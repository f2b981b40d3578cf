/**
 * The exports under a plot: the picture (SVG, PNG at 2×), the data it shows (CSV, plots/csv.ts) and
 * the result document behind it (JSON: what `limits-lab run '<this link>'` prints). The JSON waits
 * for the finished run, and for the reveal when predict-then-reveal hides the networks.
 */
import { useState, type RefObject } from 'react';
import { pngBlob, resultJson, saveBlob, svgFile } from '../export/download.ts';
import { useFinishedRun } from '../views/useResults.ts';
import { encodeSpec } from '../../src/url/codec.ts';
import { experimentOf } from '../state/pageKeys.ts';
import { useLab } from '../state/useLab.ts';

export function PlotExports({ frame, testId, csv }: { frame: RefObject<HTMLDivElement | null>; testId: string; csv?: () => string }) {
  const finished = useFinishedRun();
  const result = finished?.result;
  const spec = useLab((s) => s.spec);
  const [failed, setFailed] = useState<string>();
  const name = `limits-lab-${testId.replace(/^plot-/, '')}`;
  const svg = () => frame.current?.querySelector<SVGSVGElement>(':scope > svg') ?? null;
  const title = () => svg()?.getAttribute('aria-label') ?? 'the plot';
  const savePng = async () => {
    const el = svg();
    if (!el) return;
    try {
      setFailed(undefined);
      // The picture carries its title and the parameters that made it (issue 14 §3).
      const query = encodeSpec(experimentOf(spec)) || 'defaults';
      const params = `Limits Lab · ${query}${finished?.digest ? ` · digest ${finished.digest}` : ''}`;
      saveBlob(await pngBlob(el, 2, { title: el.getAttribute('aria-label') ?? name, params }), `${name}.png`);
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="plot-tools" data-testid={`exports-${testId}`}>
      <span className="plot-tools-label">Save</span>
      <button type="button" data-testid="export-svg" aria-label={`Save ${title()} as SVG`} onClick={() => svg() && saveBlob(new Blob([svgFile(svg()!)], { type: 'image/svg+xml' }), `${name}.svg`)}>
        SVG
      </button>
      <button type="button" data-testid="export-png" aria-label={`Save ${title()} as PNG`} onClick={() => void savePng()}>
        PNG
      </button>
      {csv && (
        <button type="button" data-testid="export-csv" aria-label={`Save the data of ${title()} as CSV`} onClick={() => saveBlob(new Blob([csv()], { type: 'text/csv' }), `${name}.csv`)}>
          CSV
        </button>
      )}
      <button
        type="button"
        data-testid="export-json"
        disabled={!result}
        title={result ? 'The result document: the same JSON as the CLI for this link' : 'Available when the run has finished'}
        aria-label={`Save the result behind ${title()} as JSON`}
        onClick={() => result && saveBlob(new Blob([resultJson(result)], { type: 'application/json' }), `${name}.json`)}
      >
        JSON
      </button>
      {failed && <span className="plot-tools-error">{failed}</span>}
    </div>
  );
}
