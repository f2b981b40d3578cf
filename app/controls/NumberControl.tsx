/**
 * A number parameter: a slider (log or linear, from the Param's scale) and a typed entry. Dragging
 * sends live changes (fast theory, Monte Carlo waits); releasing commits (exact theory, new run).
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import type { NumberParam } from '../../src/core/params.ts';
import type { Spec } from '../../src/core/spec.ts';
import { useLab, useLabActions } from '../state/useLab.ts';
import type { SliderMark } from './controlLayout.ts';
import { nextDistinct, sliderScale } from './sliderScale.ts';
import { useDraft } from './useDraft.ts';

export interface NumberControlProps {
  readonly param: NumberParam;
  readonly range?: readonly [number, number];
  readonly entryOnly?: boolean;
  /** Special values labelled under the slider (α = 0, ½, 1). */
  readonly marks?: readonly SliderMark[];
}

export function NumberControl({ param, range, entryOnly = false, marks }: NumberControlProps) {
  const key = param.key as keyof Spec;
  const value = useLab((s) => s.spec[key] as number);
  const invalid = useLab((s) => s.messages.some((m) => m.source === 'control' && m.key === key));
  const { setParam, setRaw, commit } = useLabActions();
  const id = useId();
  const scale = useMemo(() => sliderScale(param, range), [param, range?.[0], range?.[1]]);
  const slider = useRef<HTMLInputElement>(null);
  const draft = useDraft(param.format(value), (text) => setRaw(key, text));

  // 'change' fires when a drag ends (React's onChange is the per-move 'input' event).
  useEffect(() => {
    const el = slider.current;
    if (!el) return;
    const release = () => {
      setParam(key, scale.fromPosition(Number(el.value)), { live: false });
      commit();
    };
    el.addEventListener('change', release);
    return () => el.removeEventListener('change', release);
  }, [key, scale, setParam, commit]);

  return (
    <div className="control control-number" data-key={key}>
      <div className="control-row">
        <label htmlFor={`${id}-entry`} title={param.doc}>
          {param.label}
        </label>
        <input
          id={`${id}-entry`}
          className="entry"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-doc`}
          data-testid={`entry-${key}`}
          {...draft}
        />
      </div>
      {!entryOnly && (
        <input
          ref={slider}
          type="range"
          className="slider"
          min={0}
          max={scale.positions}
          step={1}
          value={scale.toPosition(value)}
          aria-label={`${param.label}${param.scale === 'log' ? ' (log scale)' : ''}`}
          aria-valuetext={param.format(value)}
          data-testid={`slider-${key}`}
          list={marks ? `${id}-marks` : undefined}
          onChange={(e) => setParam(key, scale.fromPosition(Number(e.target.value)), { live: true })}
          onKeyDown={(e) => {
            // Arrow keys step to the next distinct value (a committed change, one history entry each).
            const dir = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
            if (dir === 0) return;
            e.preventDefault();
            setParam(key, nextDistinct(scale, value, dir));
          }}
        />
      )}
      {!entryOnly && marks && (
        <>
          <datalist id={`${id}-marks`}>
            {marks.map((m) => (
              <option key={m.value} value={scale.toPosition(m.value)} />
            ))}
          </datalist>
          <div className="slider-marks" data-testid={`marks-${key}`} aria-hidden="true">
            {marks.map((m) => (
              <span key={m.value} className={m.emphasis ? 'slider-mark slider-mark-emphasis' : 'slider-mark'} style={{ left: `${(100 * scale.toPosition(m.value)) / scale.positions}%` }}>
                {m.label}
              </span>
            ))}
          </div>
        </>
      )}
      <p id={`${id}-doc`} className="visually-hidden">
        {param.doc} Allowed: {param.allowed}.
      </p>
    </div>
  );
}
