/**
 * The activation φ: a select over the registry's families, plus the slope for leaky:<slope>.
 * The token goes through the `act` Param, so the page accepts exactly what the URL accepts.
 */
import { useId } from 'react';
import { ACTIVATION_FAMILIES, parseActivation } from '../../src/core/activations.ts';
import type { TokenParam } from '../../src/core/params.ts';
import { useLab, useLabActions } from '../state/useLab.ts';
import { useDraft } from './useDraft.ts';

const DEFAULT_SLOPE = '0.1';

function familyLabel(family: string): string {
  const r = parseActivation(family === 'leaky' ? `leaky:${DEFAULT_SLOPE}` : family);
  return r.ok ? (family === 'leaky' ? 'leaky ReLU' : r.value.label) : family;
}

export function ActivationControl({ param }: { param: TokenParam }) {
  const act = useLab((s) => s.spec.act);
  const { setRaw } = useLabActions();
  const id = useId();
  const [family, slope] = act.includes(':') ? act.split(':', 2) : [act, DEFAULT_SLOPE];
  const slopeDraft = useDraft(slope, (text) => setRaw('act', `leaky:${text}`));
  return (
    <div className="control control-activation" data-key="act">
      <div className="control-row">
        <label htmlFor={id} title={param.doc}>
          {param.label}
        </label>
        <select id={id} value={family} data-testid="select-act" onChange={(e) => setRaw('act', e.target.value === 'leaky' ? `leaky:${slope}` : e.target.value)}>
          {ACTIVATION_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {familyLabel(f)}
            </option>
          ))}
        </select>
      </div>
      {family === 'leaky' && (
        <div className="control-row control-sub">
          <label htmlFor={`${id}-slope`}>negative slope</label>
          <input id={`${id}-slope`} className="entry" type="text" inputMode="decimal" data-testid="entry-act-slope" {...slopeDraft} />
        </div>
      )}
    </div>
  );
}
