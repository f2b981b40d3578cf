/**
 * Plots are drawn one after another in their own tasks, not all inside the task that changed the
 * data (issue 14 §8: a theory arriving from its Worker redrew every plot of the page — D3 and the
 * layout of each new <svg> — in one main-thread task of hundreds of ms). A plot's newer drawing
 * replaces its waiting one; each task draws plots until SLICE_MS have passed (at least one).
 */
const SLICE_MS = 16;
const pending = new Map<object, () => void>();
let scheduled = false;

function run(): void {
  scheduled = false;
  const t0 = performance.now();
  for (const [key, job] of pending) {
    pending.delete(key);
    job();
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
export function scheduleDraw(key: object, job: () => void): void {
  pending.delete(key);
  pending.set(key, job);
  schedule();
}

/** Forget a plot's waiting drawing (the plot is gone). */
export function cancelDraw(key: object): void {
  pending.delete(key);
}
