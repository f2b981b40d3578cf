/**
 * Slider position ⇄ parameter value. Log sliders (n, L, M…) move by a constant factor per step,
 * so 1 → 10000 is one smooth drag; a log slider whose minimum is 0 (M = 0: theory only) keeps
 * position 0 for it. Integer parameters round to integers; floats to the parameter's step.
 */
import type { NumberParam } from '../../src/core/params.ts';

export interface SliderScale {
  /** Positions are integers 0..positions. */
  readonly positions: number;
  toPosition(value: number): number;
  fromPosition(position: number): number;
}

/**
 * The next distinct value from `value` in direction `dir` (+1 / −1): the first slider position
 * past the value's own whose value differs in that direction. An arrow key on a log slider must
 * change the value every press (issue 14 §6: at L = 20 one position is 0.9 %, which rounds back to
 * 20); it returns `value` itself only at the end of the range.
 */
export function nextDistinct(scale: SliderScale, value: number, dir: 1 | -1): number {
  for (let p = scale.toPosition(value) + dir; p >= 0 && p <= scale.positions; p += dir) {
    const v = scale.fromPosition(p);
    if (dir > 0 ? v > value : v < value) return v;
  }
  return value;
}

export const LOG_POSITIONS = 1000;

function roundTo(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toPrecision(12));
}

export function sliderScale(param: Pick<NumberParam, 'kind' | 'min' | 'max' | 'minExclusive' | 'scale' | 'step'>, range?: readonly [number, number]): SliderScale {
  const [rmin, rmax] = range ?? [param.min, param.max];
  const step = param.kind === 'int' ? 1 : (param.step ?? (rmax - rmin) / 1000);
  if (param.scale === 'log') {
    const zero = rmin <= 0; // keep position 0 for the value 0 (M = 0)
    const lo = Math.max(rmin, param.kind === 'int' ? 1 : step);
    const span = Math.log(rmax / lo);
    const first = zero ? 1 : 0;
    const n = LOG_POSITIONS;
    return {
      positions: n,
      fromPosition(p) {
        if (zero && p <= 0) return rmin;
        const v = lo * Math.exp(((p - first) / (n - first)) * span);
        const r = param.kind === 'int' ? Math.round(v) : roundTo(v, step);
        return Math.min(rmax, Math.max(lo, r));
      },
      toPosition(v) {
        if (zero && v <= 0) return 0;
        if (!(v > lo)) return first;
        const p = first + (Math.log(v / lo) / span) * (n - first);
        return Math.max(first, Math.min(n, Math.round(p)));
      },
    };
  }
  const lo = param.minExclusive && rmin <= param.min ? param.min + step : rmin;
  const n = Math.max(1, Math.min(2000, Math.round((rmax - lo) / step)));
  return {
    positions: n,
    fromPosition(p) {
      const v = lo + (p / n) * (rmax - lo);
      return param.kind === 'int' ? Math.round(v) : roundTo(v, step);
    },
    toPosition(v) {
      return Math.max(0, Math.min(n, Math.round(((v - lo) / (rmax - lo)) * n)));
    },
  };
}
