/**
 * The left panel: one control per PARAMS entry, grouped, generated from the Param's kind
 * (TensorFlow Playground style). Keys that do not matter for this architecture or view are hidden.
 */
import { Fragment, useState } from 'react';
import type { BoolParam, EnumParam, NumberParam, TokenParam } from '../../src/core/params.ts';
import { PARAM_BY_KEY, type Spec } from '../../src/core/spec.ts';
import { lessonById } from '../state/lesson.ts';
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
  const lesson = useLab((s) => lessonById(s.lessonId));
  const [all, setAll] = useState(false);
  const view = viewDefinition(spec.view) ?? {};
  // An open lesson shows only the controls it needs (issue 14 §2); every control is one click away.
  const only = lesson && !all ? new Set<keyof Spec>(lesson.controls) : undefined;
  return (
    <form className="control-panel" aria-label="Experiment controls" onSubmit={(e) => e.preventDefault()}>
      {lesson && (
        <p className="control-lesson-note" data-testid="lesson-controls-note">
          {all ? 'Every control.' : 'The controls of this lesson.'}{' '}
          <button type="button" data-testid="lesson-controls-toggle" onClick={() => setAll(!all)}>
            {all ? 'Lesson controls only' : 'Show every control'}
          </button>
        </p>
      )}
      {CONTROL_GROUPS.map((group) => {
        const keys = group.keys.filter((k) => isRelevant(k, spec, view) && (!only || only.has(k)));
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
