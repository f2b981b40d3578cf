/** Copies the page address (the whole experiment; compact `z=` form when long) to the clipboard, or selects it for copying. */
import { shareUrl } from '../export/download.ts';
import { useClipboard } from '../hooks/useClipboard.ts';
import { useLab } from '../state/useLab.ts';

export function CopyLink() {
  const spec = useLab((s) => s.spec);
  const { state, copy } = useClipboard();
  const url = shareUrl(spec);
  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy(url)} data-testid="copy-link" title="Copy a link that reproduces this experiment">
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      {state === 'failed' && <input className="entry entry-url" readOnly value={url} aria-label="Link to this experiment" onFocus={(e) => e.target.select()} autoFocus />}
    </div>
  );
}
