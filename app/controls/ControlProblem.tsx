/**
 * Why a control's value was refused, shown under the control (its id is the control's
 * aria-describedby target), with the one-click fix when there is one (fixes.ts). One component for
 * every control that can be refused (TokenControl, WeightsControl).
 */
import type { LabMessage } from '../state/labStore.ts';
import { useLabActions } from '../state/useLab.ts';

export function ControlProblem({ problem, paramKey, id }: { problem: LabMessage; paramKey: string; id: string }) {
  const { setParams, dismissMessage } = useLabActions();
  const fix = problem.fix;
  return (
    <p className="control-sub" id={id} role="status" data-testid={`problem-${paramKey}`}>
      {problem.text}
      {fix && (
        <>
          {' '}
          <button
            type="button"
            data-testid={`control-fix-${paramKey}`}
            onClick={() => {
              setParams(fix.changes);
              dismissMessage(problem.id);
            }}
          >
            {fix.label}
          </button>
        </>
      )}
    </p>
  );
}
