/** Copy text to the clipboard, with a state a button can show for a moment: copied, or failed (no permission). */
import { useCallback, useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'failed';

export function useClipboard(resetMs = 2500): { state: CopyState; copy: (text: string) => Promise<void> } {
  const [state, setState] = useState<CopyState>('idle');
  const copy = useCallback(
    async (text: string) => {
      try {
        await navigator.clipboard.writeText(text);
        setState('copied');
      } catch {
        setState('failed');
      }
      setTimeout(() => setState('idle'), resetMs);
    },
    [resetMs],
  );
  return { state, copy };
}
