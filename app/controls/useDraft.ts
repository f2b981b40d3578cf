/**
 * A typed-entry draft: the text a person is typing, reset whenever the committed value changes
 * (a slider moved, a URL loaded). Committed on Enter or blur; Escape restores the value.
 * A draft already sent by Enter and refused is not sent again on blur: re-sending would replace the
 * refusal message (and its fix button) under the pointer of a person about to click that button.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export function useDraft(value: string, commit: (text: string) => void) {
  const [draft, setDraft] = useState(value);
  const sent = useRef<string | undefined>(undefined);
  useEffect(() => {
    setDraft(value);
    sent.current = undefined;
  }, [value]);
  const finish = (again: boolean) => {
    if (draft === value || (!again && draft === sent.current)) return;
    sent.current = draft;
    commit(draft);
  };
  return {
    value: draft,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => finish(false),
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Enter') finish(true);
      else if (e.key === 'Escape') setDraft(value);
    },
  };
}
