/** Saves the finished result document (the same JSON the CLI prints for this link). */
import { useLab } from '../state/useLab.ts';
import { hidesMonteCarlo } from '../views/prediction.ts';

export function DownloadResult() {
  // Not while predict-then-reveal hides the Monte Carlo (the file would give the answer away).
  const run = useLab((s) => (s.run.runKey === s.runKey && s.run.status === 'done' && !hidesMonteCarlo(s) ? s.run : undefined));
  const result = run?.result;
  if (!run || !result) return null;
  const save = () => {
    // The Worker's result is runSpecStreaming's document, view block included: the CLI's JSON for this link.
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(result, null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `limits-lab-${run.digest ?? 'result'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <button type="button" data-testid="download" onClick={save} title="Download the result as JSON (the CLI's format)">
      JSON
    </button>
  );
}
