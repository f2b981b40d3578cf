/**
 * One tab per registered view; choosing one sets spec.view (and so the URL), with the view's onOpen
 * changes. In projector mode the tabs are one dropdown, so the header stays one line at 1024 px
 * (issue 14 §3); so they are in a window narrower than NARROW, where the 16 tabs took three rows
 * (a third of a 1024 × 768 screen) above the plots.
 */
import { useLab, useLabActions } from '../state/useLab.ts';
import { useMediaQuery } from '../hooks/useMediaQuery.ts';
import { registeredViews } from '../views/registry.ts';
import type { View } from '../../src/core/spec.ts';

/** Below this window width the tabs are a dropdown (at 1200 px and wider they fit in two rows). */
export const NARROW = '(max-width: 1199.98px)';

export function ViewTabs() {
  const narrow = useMediaQuery(NARROW);
  const spec = useLab((s) => s.spec);
  const view = spec.view;
  const { setParams } = useLabActions();
  const views = registeredViews();
  const open = (id: View) => {
    if (id === view) return;
    const def = views.find((v) => v.id === id);
    setParams({ view: id, ...(def?.onOpen?.(spec) ?? {}) });
  };
  if (spec.proj || narrow) {
    return (
      <label className="view-select">
        <span className="visually-hidden">View</span>
        <select value={view} data-testid="view-select" onChange={(e) => open(e.target.value as View)}>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <nav className="view-tabs" aria-label="Views">
      {views.map((v) => (
        <button key={v.id} type="button" className="view-tab" aria-pressed={v.id === view} title={v.description} data-testid={`view-${v.id}`} onClick={() => open(v.id)}>
          {v.label}
        </button>
      ))}
    </nav>
  );
}
