/** A view that cannot show this spec says why, and offers the one change that makes it possible. */
import type { Spec } from '../../src/core/spec.ts';
import { useLabActions } from '../state/useLab.ts';

export interface UnavailableProps {
  readonly reason: string;
  readonly fix?: { readonly key: keyof Spec; readonly value: unknown; readonly label: string };
}

export function Unavailable({ reason, fix }: UnavailableProps) {
  const { setParam } = useLabActions();
  return (
    <div className="placeholder unavailable" data-testid="view-unavailable">
      <p>This view cannot show the current network: {reason}.</p>
      {fix && (
        <button type="button" data-testid="view-fix" onClick={() => setParam(fix.key, fix.value)}>
          {fix.label}
        </button>
      )}
    </div>
  );
}
