/**
 * One tab per registered view; choosing one sets spec.view (and so the URL), with the view's onOpen
 * changes. In projector mode the tabs are one dropdown, so the header stays one line at 1024 px
 * (issue 14 §3).
 */
import { useLab, useLabActions } from '../state/useLab.ts';
import { registeredViews } from '../views/registry.ts';
import type { View } from '../../src/core/spec.ts';

export function ViewTabs() {
  const spec = useLab((s) => s.spec);
  const view = spec.view;
  const { setParams } = useLabActions();
  const views = registeredViews();
  const open = (id: View) => {
    if (id === view) return;
    const def = views.find((v) => v.id === id);
    setParams({ view: id, ...(def?.onOpen?.(spec) ?? {}) });
  };
  if (spec.proj) {
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
