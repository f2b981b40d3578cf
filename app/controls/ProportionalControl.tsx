/**
 * T = L/n next to n and L, and "keep T fixed": then moving n moves L = round(T·n), a walk along the
 * proportional limit (the shaped MLP's limit depends on n and L only through T).
 */
import { useId } from 'react';
import { useLab, useLabActions } from '../state/useLab.ts';
import { formatValue } from '../views/labels.ts';

export function ProportionalControl() {
  const T = useLab((s) => s.spec.L / s.spec.n);
  const fixed = useLab((s) => s.fixedT !== undefined);
  const { keepProportional } = useLabActions();
  const id = useId();
  return (
    <div className="control control-proportional" data-key="T">
      <div className="control-row">
        <span title="The SDE's time horizon: depth in units of the width">
          T = L/n
        </span>
        <output className="readout" data-testid="readout-T" htmlFor={`${id}-keep`}>
          {formatValue(T, 3)}
        </output>
      </div>
      <div className="control-row control-sub">
        <label htmlFor={`${id}-keep`}>keep T fixed (L follows n)</label>
        <input id={`${id}-keep`} type="checkbox" checked={fixed} data-testid="check-keepT" onChange={(e) => keepProportional(e.target.checked)} />
      </div>
    </div>
  );
}
