/**
 * "Cite / reproduce": what a reader of a paper or a student at home needs to get the same numbers —
 * the link (compact when long), the command line that prints the same JSON, the digest of the
 * numbers, the schema version and seed, and a citation with the paper of the lesson when the page
 * shows one.
 */
import { SPEC_VERSION } from '../../src/core/spec.ts';
import { encodeSpec, shareQuery } from '../../src/url/codec.ts';
import { shareUrl } from '../export/download.ts';
import { useClipboard } from '../hooks/useClipboard.ts';
import { lessonOf } from '../state/lesson.ts';
import { experimentOf } from '../state/pageKeys.ts';
import { useLab } from '../state/useLab.ts';

/** The shell command that prints this experiment's result document (single quotes: safe in sh). */
export function cliCommand(query: string): string {
  return `npx limits-lab run '${query.replace(/'/g, `'\\''`)}' --pretty`;
}

function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const { state, copy } = useClipboard(2000);
  return (
    <button type="button" data-testid={testId} aria-label={label} onClick={() => void copy(text)}>
      {state === 'copied' ? 'Copied' : 'Copy'}
    </button>
  );
}


export function Reproduce() {
  const spec = useLab((s) => s.spec);
  const digest = useLab((s) => (s.run.runKey === s.runKey && s.run.status === 'done' ? s.run.digest : undefined));
  const backend = useLab((s) => (s.run.runKey === s.runKey ? s.run.backend : undefined));
  const experiment = experimentOf(spec);
  const query = shareQuery(experiment);
  const link = shareUrl(spec);
  const command = cliCommand(query);
  const plain = encodeSpec(experiment);
  const lesson = lessonOf(spec);
  const citation = `Limits Lab v0.1.0, experiment “${plain || 'defaults'}” (schema v${SPEC_VERSION}, seed ${spec.seed}${digest ? `, digest ${digest}` : ''}).`;
  return (
    <details className="reproduce" data-testid="reproduce">
      <summary>Cite / reproduce this view</summary>
      <dl>
        <dt>Link</dt>
        <dd>
          <code data-testid="reproduce-link">{link}</code> <CopyButton text={link} label="Copy the link" testId="copy-reproduce-link" />
        </dd>
        <dt>Command line</dt>
        <dd>
          <code data-testid="cli-command">{command}</code> <CopyButton text={command} label="Copy the command" testId="copy-cli-command" />
          <p className="reproduce-note">
            Prints the same result document as the JSON export, from the project folder after <code>npm install</code>. Same link, same seed: the same draws on every machine; the CPU and GPU
            backends agree up to f32 rounding.{backend ? ` This page ran on: ${backend.name} (${backend.adapter}).` : ''}
          </p>
        </dd>
        <dt>Digest</dt>
        <dd>
          <code>{digest ?? '(when the run finishes)'}</code>
        </dd>
        <dt>Cite</dt>
        <dd data-testid="citation">
          {citation}
          {lesson && ` Lesson “${lesson.title}”, after ${lesson.paper.cite}: ${lesson.paper.title}.`}
        </dd>
      </dl>
    </details>
  );
}
