/** Copies the page address (the whole experiment; compact `z=` form when long) to the clipboard, or selects it for copying. */
import { useState } from 'react';
import { shareQuery } from '../../src/url/codec.ts';
import { useLab } from '../state/useLab.ts';

export function CopyLink() {
  const spec = useLab((s) => s.spec);
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const url = `${location.origin}${location.pathname}?${shareQuery(spec)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('manual');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()} data-testid="copy-link" title="Copy a link that reproduces this experiment">
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      {state === 'manual' && <input className="entry entry-url" readOnly value={url} aria-label="Link to this experiment" onFocus={(e) => e.target.select()} autoFocus />}
    </div>
  );
}
