/**
 * The Monte Carlo status line: backend badge, progress bar with Cancel (or Run), and the digest of
 * the final numbers (two people comparing digests know they see the same draws).
 */
import { viewRunner } from '../../src/experiments/viewRunners.ts';
import { useLab } from '../state/useLab.ts';
import { DownloadResult } from './DownloadResult.tsx';
import { progressCount, type ProgressCount } from './progressCount.ts';
import { formatCount } from '../views/labels.ts';
import { formatOps } from '../../src/core/cost.ts';
import { formatAtMost, formatSeconds, secondsLeft, workDone } from '../state/runEstimate.ts';

/** What the progress counts, per phase of runSpecStreaming (the depth profile, then the view's block). */
const PHASE_NOUN: Record<string, string> = { networks: 'networks', widths: 'widths', cells: 'cells of the map', rows: 'rows of the phase diagram' };

function countText(c: ProgressCount): string {
  return `${formatCount(c.done)} / ${formatCount(c.total)}${c.then ? `, then ${c.then}` : ''}`;
}

export function RunStatus({ onCancel, onRun }: { onCancel: () => void; onRun: () => void }) {
  const run = useLab((s) => s.run);
  const stale = useLab((s) => s.run.runKey !== s.runKey);
  const M = useLab((s) => s.spec.M);
  const view = useLab((s) => s.spec.view);
  // A view that simulates nothing (the phase diagram) still runs in the Worker when M = 0.
  const runner = viewRunner(view);
  const theoryRun = runner?.simulates === false;
  const runs = M > 0 || theoryRun;
  const active = !stale && (run.status === 'starting' || run.status === 'running');
  const p = run.progress;
  const noun = PHASE_NOUN[p?.phase ?? 'networks'] ?? p?.phase ?? 'networks';
  const spec = useLab((s) => s.spec);
  const fraction = run.status === 'running' && p ? workDone(spec, p) : undefined;
  const left = fraction !== undefined && run.startedAt !== undefined ? secondsLeft(performance.now() - run.startedAt, fraction) : undefined;
  const est = run.estimate;
  let text: string;
  if (!runs) text = 'Theory only (M = 0)';
  else if (!stale && run.status === 'confirm' && est)
    text = `This run is expected to take about ${formatSeconds(est.seconds)}, at most ${formatAtMost(est.maxSeconds)} ${est.backend === 'cpu' ? 'on the CPU of a machine with nothing else running' : 'on a GPU (a rough estimate: not calibrated on a GPU)'} (${formatOps(est.ops)} operations; set by ${est.drivers.join(', ')}). Run it?`;
  else if (stale) text = 'Monte Carlo waits for the new settings…';
  else if (run.status === 'starting') text = 'Starting the Monte Carlo…';
  else if (run.status === 'running' && p)
    text = `${p.phase === 'networks' ? 'Sampling' : 'Computing'} ${noun}: ${countText(progressCount(p, spec.grid))} · ${Math.floor(100 * (fraction ?? 0))} % of the work${left !== undefined ? `, about ${formatSeconds(left)} left` : ''}`;
  // The phase diagram samples no networks whatever M is: its run is theory only.
  // A training view (issue 17) runs the training engine's networks whatever M is (simulates: false):
  // its runner says which (doneText), before the 'theory (no networks)' of a view that samples none.
  else if (run.status === 'done') text = `Done: ${runner?.cpuSeconds && runner.doneText ? runner.doneText(formatCount(M)) : M === 0 || theoryRun ? 'theory (no networks)' : runner?.doneText ? runner.doneText(formatCount(M)) : `${formatCount(run.result?.mc?.M ?? M)} networks`}${run.elapsedMs !== undefined ? ` in ${(run.elapsedMs / 1000).toFixed(1)} s` : ''}`;
  else if (run.status === 'cancelled') text = `Cancelled${p ? ` after ${countText({ ...progressCount(p, spec.grid), then: undefined })} ${noun}` : ''}`;
  else if (run.status === 'refused') text = 'Not run: too large for this backend (see the message)';
  else if (run.status === 'error') text = 'The Monte Carlo failed (see the message)';
  else text = 'Monte Carlo idle';

  const backend = run.backend;
  return (
    <div className="run-status" data-testid="run-status" data-status={stale ? 'stale' : run.status}>
      <span className="backend-badge" data-testid="backend" data-backend={backend?.name ?? ''} title={backend?.note ?? backend?.adapter ?? 'no run yet'}>
        <span>
          <strong>{backend ? (backend.name === 'webgpu' ? 'WebGPU' : 'CPU') : 'backend'}</strong>
          <span className="backend-adapter"> · {backend ? backend.adapter : '–'}</span>
        </span>
        {backend?.note && <span className="backend-note">{backend.note}</span>}
      </span>
      <span className="run-text" data-testid="run-text" aria-live="polite">
        {text}
      </span>
      {active && (
        // The bar counts work (operations), not units: a width sweep's last widths weigh the most.
        <progress data-testid="progress" max={1000} value={Math.round(1000 * (fraction ?? 0))} data-done={p?.done ?? 0} aria-label="Monte Carlo progress (share of the work)" />
      )}
      {active ? (
        // Distinct keys: React must not turn the Cancel button into the Run button in place (the same
        // node with a new handler), or a click aimed at Cancel as the status flips would start a run.
        <button key="cancel" type="button" className="button-cancel" data-testid="cancel" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        runs &&
        (run.status === 'cancelled' || run.status === 'error' || run.status === 'confirm' || stale) && (
          <button key="run" type="button" data-testid="run" data-confirm={run.status === 'confirm' && !stale ? 'true' : undefined} onClick={onRun}>
            {run.status === 'confirm' && !stale ? `Run (at most ${formatAtMost(est?.maxSeconds ?? 0)})` : 'Run'}
          </button>
        )
      )}
      <span className="digest" title="Digest of the Monte Carlo numbers: the same link gives the same digest">
        digest{' '}
        <code data-testid="digest" data-final={!stale && run.status === 'done' ? 'true' : 'false'}>
          {!stale && run.status === 'done' ? run.digest : '…'}
        </code>
      </span>
      <DownloadResult />
    </div>
  );
}
