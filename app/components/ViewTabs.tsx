/** One tab per registered view; choosing one sets spec.view (and so the URL), with the view's onOpen changes. */
import { useLab, useLabActions } from '../state/useLab.ts';
import { registeredViews } from '../views/registry.ts';

export function ViewTabs() {
  const spec = useLab((s) => s.spec);
  const view = spec.view;
  const { setParams } = useLabActions();
  return (
    <nav className="view-tabs" aria-label="Views">
      {registeredViews().map((v) => (
        <button
          key={v.id}
          type="button"
          className="view-tab"
          aria-pressed={v.id === view}
          title={v.description}
          data-testid={`view-${v.id}`}
          onClick={() => v.id !== view && setParams({ view: v.id, ...(v.onOpen?.(spec) ?? {}) })}
        >
          {v.label}
        </button>
      ))}
    </nav>
  );
}
