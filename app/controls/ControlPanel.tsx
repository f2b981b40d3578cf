/**
 * The left panel: one control per PARAMS entry, grouped, generated from the Param's kind
 * (TensorFlow Playground style). Keys that do not matter for this architecture or view are hidden.
 */
import { Fragment } from 'react';
import type { BoolParam, EnumParam, NumberParam, TokenParam } from '../../src/core/params.ts';
import { PARAM_BY_KEY, type Spec } from '../../src/core/spec.ts';
import { useLab } from '../state/useLab.ts';
import { viewDefinition } from '../views/registry.ts';
import { ActivationControl } from './ActivationControl.tsx';
import { BoolControl } from './BoolControl.tsx';
import { ChoiceControl } from './ChoiceControl.tsx';
import { showsProportional } from '../state/proportional.ts';
import { CONTROL_GROUPS, ENTRY_ONLY, isRelevant, sliderMarks, sliderRange } from './controlLayout.ts';
import { NumberControl } from './NumberControl.tsx';
import { ProportionalControl } from './ProportionalControl.tsx';
import { TokenControl } from './TokenControl.tsx';
import { WeightsControl } from './WeightsControl.tsx';

function Control({ name, spec }: { name: keyof Spec; spec: Spec }) {
  const param = PARAM_BY_KEY.get(name);
  if (!param) return null;
  switch (param.kind) {
    case 'int':
    case 'float':
      return <NumberControl param={param as NumberParam} range={sliderRange(name, spec)} entryOnly={ENTRY_ONLY.has(name)} marks={sliderMarks(name)} />;
    case 'enum':
      return <ChoiceControl param={param as EnumParam} />;
    case 'bool':
      return <BoolControl param={param as BoolParam} />;
    case 'token':
      if (name === 'act') return <ActivationControl param={param as TokenParam} />;
      if (name === 'weights') return <WeightsControl param={param as TokenParam} />;
      return <TokenControl param={param as TokenParam} />;
  }
}

export function ControlPanel() {
  const spec = useLab((s) => s.spec);
  const view = viewDefinition(spec.view) ?? {};
  return (
    <form className="control-panel" aria-label="Experiment controls" onSubmit={(e) => e.preventDefault()}>
      {CONTROL_GROUPS.map((group) => {
        const keys = group.keys.filter((k) => isRelevant(k, spec, view));
        if (keys.length === 0) return null;
        return (
          <fieldset key={group.title} className="control-group">
            <legend>{group.title}</legend>
            {keys.map((k) => (
              <Fragment key={k}>
                <Control name={k} spec={spec} />
                {k === 'L' && showsProportional(spec) && <ProportionalControl />}
              </Fragment>
            ))}
          </fieldset>
        );
      })}
    </form>
  );
}
