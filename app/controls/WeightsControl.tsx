/**
 * The weight law (issue 14 §6: a dropdown, not a text entry): a select over the families of
 * src/core/weights.ts, plus the family's parameter for sparse:<p> and lowrank:<r>. The token goes
 * through the `weights` Param, so the page accepts exactly what the URL accepts; a rejected value
 * (a non-Gaussian law with method=gram) is explained next to it, with its one-click fix.
 */
import { useId } from 'react';
import type { TokenParam } from '../../src/core/params.ts';
import { useLab, useLabActions } from '../state/useLab.ts';
import { ControlProblem } from './ControlProblem.tsx';
import { useDraft } from './useDraft.ts';

/** Families and the parameter each needs (its default when the family is chosen). */
const FAMILIES = [
  { id: 'gaussian', label: 'Gaussian' },
  { id: 'orthogonal', label: 'Haar orthogonal' },
  { id: 'rademacher', label: 'Rademacher (±1)' },
  { id: 'sparse', label: 'sparse (fraction p kept)', param: { label: 'kept fraction p', initial: '0.1' } },
  { id: 'lowrank', label: 'low rank (rank r)', param: { label: 'rank r', initial: '8' } },
] as const;

export function WeightsControl({ param }: { param: TokenParam }) {
  const value = useLab((s) => s.spec.weights);
  const problem = useLab((s) => s.messages.find((m) => m.source === 'control' && m.key === 'weights'));
  const { setRaw } = useLabActions();
  const id = useId();
  const [family, arg] = value.includes(':') ? value.split(':', 2) : [value, undefined];
  const info = FAMILIES.find((f) => f.id === family);
  const needs = info && 'param' in info ? info.param : undefined;
  const argDraft = useDraft(arg ?? needs?.initial ?? '', (text) => setRaw('weights', `${family}:${text}`));
  return (
    <div className="control control-token" data-key="weights">
      <div className="control-row">
        <label htmlFor={id} title={`${param.doc} Allowed: ${param.allowed}.`}>
          {param.label}
        </label>
        <select
          id={id}
          value={family}
          data-testid="select-weights"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => {
            const f = FAMILIES.find((x) => x.id === e.target.value);
            if (f) setRaw('weights', 'param' in f ? `${f.id}:${f.param.initial}` : f.id);
          }}
        >
          {FAMILIES.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {needs && (
        <div className="control-row control-sub">
          <label htmlFor={`${id}-arg`}>{needs.label}</label>
          <input id={`${id}-arg`} className="entry" type="text" inputMode="decimal" data-testid="entry-weights-param" {...argDraft} />
        </div>
      )}
      {problem && <ControlProblem problem={problem} paramKey="weights" id={`${id}-problem`} />}
    </div>
  );
}
