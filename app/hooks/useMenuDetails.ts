/**
 * A <details> used as a menu: it closes on Escape and on a click elsewhere (a <details> stays open
 * by itself), and Escape returns the focus to its <summary> (issue 14 §6: the keyboard user is
 * left where the menu was opened, not at the top of the page).
 */
import { useEffect, useRef } from 'react';

export function useMenuDetails() {
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const el = menu.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent) {
        if (e.key !== 'Escape') return;
        el.open = false;
        el.querySelector('summary')?.focus();
      } else if (!el.contains(e.target as Node)) {
        el.open = false;
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, []);
  return menu;
}
