/**
 * Projector mode (spec.proj, in the link so a prepared lesson opens in it): large type (nothing
 * under 18 px), thick lines, black on white, controls collapsed. The button in the header, or the
 * key P anywhere outside a text field, toggles it.
 */
import { useEffect } from 'react';
import { useLab, useLabActions } from '../state/useLab.ts';

/** Keys typed into these do not toggle anything. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function ProjectorToggle() {
  const proj = useLab((s) => s.spec.proj);
  const { toggleProjector } = useLabActions();
  useEffect(() => {
    document.documentElement.classList.toggle('projector', proj);
  }, [proj]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === 'p' || e.key === 'P') && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        toggleProjector();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [toggleProjector]);
  return (
    <button type="button" className="projector-toggle" aria-pressed={proj} data-testid="projector" title="Projector mode: large type, thick lines, controls hidden (key P)" onClick={() => toggleProjector()}>
      Projector <kbd>P</kbd>
    </button>
  );
}
