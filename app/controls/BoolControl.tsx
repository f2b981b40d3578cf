/** A boolean parameter as a checkbox. */
import { useId } from 'react';
import type { BoolParam } from '../../src/core/params.ts';
import type { Spec } from '../../src/core/spec.ts';
import { useLab, useLabActions } from '../state/useLab.ts';

export function BoolControl({ param }: { param: BoolParam }) {
  const key = param.key as keyof Spec;
  const value = useLab((s) => s.spec[key] as boolean);
  const { setParam } = useLabActions();
  const id = useId();
  return (
    <div className="control control-bool" data-key={key}>
      <div className="control-row">
        <label htmlFor={id} title={param.doc}>
          {param.label}
        </label>
        <input id={id} type="checkbox" checked={value} data-testid={`check-${key}`} onChange={(e) => setParam(key, e.target.checked)} />
      </div>
    </div>
  );
}
