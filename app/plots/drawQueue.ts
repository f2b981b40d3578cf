/**
 * Plots are drawn one after another in their own tasks, not all inside the task that changed the
 * data (issue 14 §8: a theory arriving from its Worker redrew every plot of the page — D3 and the
 * layout of each new <svg> — in one main-thread task of hundreds of ms). A plot's newer drawing
 * replaces its waiting one; each task draws until SLICE_MS have passed (at least one step). A job
 * may return its continuation (a plot drawn in steps, DrawFunction.steps): the rest of that plot
 * waits its turn like any other drawing, and a newer drawing of the plot drops it.
 */
const SLICE_MS = 16;

/** One step of a drawing; returns the next step, or nothing when the drawing is done. */
export type DrawJob = () => DrawJob | void;

const pending = new Map<object, DrawJob>();
let scheduled = false;

function run(): void {
  scheduled = false;
  const t0 = performance.now();
  for (const [key, job] of pending) {
    pending.delete(key);
    const rest = job();
    // Behind every other waiting plot (Map order): plots make progress side by side. A drawing of
    // this plot scheduled meanwhile replaces the rest of this one.
    if (rest && !pending.has(key)) pending.set(key, rest);
    if (performance.now() - t0 > SLICE_MS) break;
  }
  if (pending.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(run, 0);
}

/** Draw `job` for the plot `key` in a coming task (replacing a drawing of that plot not done yet). */
export function scheduleDraw(key: object, job: DrawJob): void {
  pending.delete(key);
  pending.set(key, job);
  schedule();
}

/** Forget a plot's waiting drawing (the plot is gone). */
export function cancelDraw(key: object): void {
  pending.delete(key);
}
