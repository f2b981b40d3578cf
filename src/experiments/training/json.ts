/** Helpers shared by the training views' blocks: fits to JSON, and sweeps mapped to blocks. */
import type { SlopeJson } from '../../training/blocks.ts';
import type { SlopeFit } from '../../training/powerLaw.ts';
import type { Sweep, Tick } from '../../training/work.ts';

/** A fit as JSON: null where there is none (fewer than two points: a NaN slope). */
export function slopeJson(f: SlopeFit | undefined): SlopeJson | null {
  if (!f || !Number.isFinite(f.slope)) return null;
  return { slope: f.slope, se: f.se };
}

/** A finite number, or null (JSON has no NaN or ∞). */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The same sweep with its partial and final results mapped (the engine's result → the view's block). */
export function* mapSweep<A, B>(sweep: Sweep<A>, f: (a: A) => B): Sweep<B> {
  for (;;) {
    const r = sweep.next();
    if (r.done) return f(r.value);
    const t = r.value;
    const partial = t.partial;
    const mapped: Tick<B> = partial ? { done: t.done, total: t.total, partial: () => f(partial()) } : { done: t.done, total: t.total };
    yield mapped;
  }
}
