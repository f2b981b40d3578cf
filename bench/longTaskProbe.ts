/**
 * The in-page probe of bench/longTasks.ts and e2e/longtask.spec.ts (issue 14 §8): an init script
 * that records every main-thread long task (PerformanceObserver 'longtask', buffered) and, once the
 * page's theory is exact and its run done, prints them on the console as 'lab-longtasks:[…]'.
 */
// In-page code as text (tsx would wrap functions in a __name helper the page does not have). The
// page watches itself and says when it is done on the console: no Playwright locator polls while
// it is measured, because Playwright's injected script runs on the page's main thread and its first
// evaluation after a navigation is itself a long task (~100 ms on a loaded machine) that would be
// counted against the lab. A run that asks before it starts is confirmed (what a visitor does).
export const LONG_TASK_PROBE = `(() => {
  const tasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  let done = false;
  const check = () => {
    if (done) return;
    const ask = document.querySelector('[data-testid=run][data-confirm=true]');
    if (ask) ask.click();
    const exact = document.querySelector('[data-testid=app][data-theory=exact]');
    const final = document.querySelector('[data-testid=digest][data-final=true]');
    if (!exact || !final) return setTimeout(check, 100);
    done = true;
    // The last redraw is queued (app/plots/drawQueue.ts): let it, and its paint, happen.
    setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => console.log('lab-longtasks:' + JSON.stringify(tasks)))), 500);
  };
  addEventListener('DOMContentLoaded', check);
})()`;

