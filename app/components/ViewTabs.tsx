/** One tab per registered view; choosing one sets spec.view (and so the URL). */
import { useLab, useLabActions } from '../state/useLab.ts';
import { registeredViews } from '../views/registry.ts';

export function ViewTabs() {
  const view = useLab((s) => s.spec.view);
  const { setParam } = useLabActions();
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
          onClick={() => setParam('view', v.id)}
        >
          {v.label}
        </button>
      ))}
    </nav>
  );
}
