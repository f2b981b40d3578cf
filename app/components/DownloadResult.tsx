/** Saves the finished result document (the same JSON the CLI prints for this link). */
import { resultJson, saveBlob } from '../export/download.ts';
import { useFinishedRun } from '../views/useResults.ts';

export function DownloadResult() {
  // Not while predict-then-reveal hides the Monte Carlo (the file would give the answer away).
  const run = useFinishedRun();
  const result = run?.result;
  if (!run || !result) return null;
  // The Worker's result is runSpecStreaming's document, view block included: the CLI's JSON for this link.
  const save = () => saveBlob(new Blob([resultJson(result)], { type: 'application/json' }), `limits-lab-${run.digest ?? 'result'}.json`);
  return (
    <button type="button" data-testid="download" onClick={save} title="Download the result as JSON (the CLI's format)">
      JSON
    </button>
  );
}
