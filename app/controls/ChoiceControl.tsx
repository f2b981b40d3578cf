/** An enum parameter (arch, method, backend, stat…) as a select listing the Param's values. */
import { useId } from 'react';
import type { EnumParam } from '../../src/core/params.ts';
import type { Spec } from '../../src/core/spec.ts';
import { useLab, useLabActions } from '../state/useLab.ts';

export function ChoiceControl({ param }: { param: EnumParam }) {
  const key = param.key as keyof Spec;
  const value = useLab((s) => s.spec[key] as string);
  const { setParam } = useLabActions();
  const id = useId();
  return (
    <div className="control control-choice" data-key={key}>
      <div className="control-row">
        <label htmlFor={id} title={param.doc}>
          {param.label}
        </label>
        <select id={id} value={value} data-testid={`select-${key}`} title={param.doc} onChange={(e) => setParam(key, e.target.value)}>
          {param.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
