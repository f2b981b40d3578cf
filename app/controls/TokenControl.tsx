/**
 * A structured token parameter (weights=sparse:0.1 …) as a typed entry with suggestions, parsed by
 * its Param. A rejected value is explained next to the entry, with the one-click fix when there is
 * one (e.g. a non-Gaussian weight law needs method=explicit: fixes.ts).
 */
import { useId } from 'react';
import type { TokenParam } from '../../src/core/params.ts';
import type { Spec } from '../../src/core/spec.ts';
import { useLab, useLabActions } from '../state/useLab.ts';
import { TOKEN_SUGGESTIONS } from './controlLayout.ts';
import { ControlProblem } from './ControlProblem.tsx';
import { useDraft } from './useDraft.ts';

export function TokenControl({ param }: { param: TokenParam }) {
  const key = param.key as keyof Spec;
  const value = useLab((s) => s.spec[key] as string);
  const problem = useLab((s) => s.messages.find((m) => m.source === 'control' && m.key === key));
  const { setRaw } = useLabActions();
  const id = useId();
  const draft = useDraft(value, (text) => setRaw(key, text));
  const suggestions = TOKEN_SUGGESTIONS[key];
  return (
    <div className="control control-token" data-key={key}>
      <div className="control-row">
        <label htmlFor={id} title={param.doc}>
          {param.label}
        </label>
        <input
          id={id}
          className="entry entry-wide"
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          title={`${param.doc} Allowed: ${param.allowed}.`}
          list={suggestions ? `${id}-suggestions` : undefined}
          data-testid={`entry-${key}`}
          {...draft}
        />
        {suggestions && (
          <datalist id={`${id}-suggestions`}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
      </div>
      {problem && <ControlProblem problem={problem} paramKey={key} id={`${id}-problem`} />}
    </div>
  );
}
