/**
 * A typed-entry draft: the text a person is typing, reset whenever the committed value changes
 * (a slider moved, a URL loaded). Committed on Enter or blur; Escape restores the value.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';

export function useDraft(value: string, commit: (text: string) => void) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const finish = () => {
    if (draft !== value) commit(draft);
  };
  return {
    value: draft,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: finish,
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Enter') finish();
      else if (e.key === 'Escape') setDraft(value);
    },
  };
}
