/** A structured token parameter (weights=sparse:0.1 …) as a typed entry, parsed by its Param. */
import { useId } from 'react';
import type { TokenParam } from '../../src/core/params.ts';
import type { Spec } from '../../src/core/spec.ts';
import { useLab, useLabActions } from '../state/useLab.ts';
import { useDraft } from './useDraft.ts';

export function TokenControl({ param }: { param: TokenParam }) {
  const key = param.key as keyof Spec;
  const value = useLab((s) => s.spec[key] as string);
  const invalid = useLab((s) => s.messages.some((m) => m.source === 'control' && m.key === key));
  const { setRaw } = useLabActions();
  const id = useId();
  const draft = useDraft(value, (text) => setRaw(key, text));
  return (
    <div className="control control-token" data-key={key}>
      <div className="control-row">
        <label htmlFor={id} title={param.doc}>
          {param.label}
        </label>
        <input id={id} className="entry entry-wide" type="text" autoComplete="off" spellCheck={false} aria-invalid={invalid || undefined} title={`${param.doc} Allowed: ${param.allowed}.`} data-testid={`entry-${key}`} {...draft} />
      </div>
    </div>
  );
}
