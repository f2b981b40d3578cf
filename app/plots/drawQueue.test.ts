import { describe, expect, it } from 'vitest';
import { cancelDraw, scheduleDraw, type DrawJob } from './drawQueue.ts';

const tasks = () => new Promise((r) => setTimeout(r, 30));

/** A drawing in `n` steps that logs each step as `name:k`. */
function stepwise(log: string[], name: string, n: number): DrawJob {
  let k = 0;
  const step = (): DrawJob | void => {
    log.push(`${name}:${k++}`);
    if (k < n) return step;
  };
  return step;
}

describe('the draw queue: plots drawn in their own tasks, in steps, newest drawing wins', () => {
  it('runs every step of a stepwise drawing, in order, and not inside the caller’s task', async () => {
    const log: string[] = [];
    scheduleDraw({}, stepwise(log, 'a', 4));
    expect(log).toEqual([]);
    await tasks();
    expect(log).toEqual(['a:0', 'a:1', 'a:2', 'a:3']);
  });

  it('gives the main thread back between steps that take longer than a slice, other plots taking turns', async () => {
    const log: string[] = [];
    const busy = (ms: number) => {
      const t = performance.now();
      while (performance.now() - t < ms);
    };
    const slow = (name: string, n: number): DrawJob => {
      let k = 0;
      const step = (): DrawJob | void => {
        busy(20);
        log.push(`${name}:${k++}`);
        if (k < n) return step;
      };
      return step;
    };
    let ticks = 0;
    const tick = setInterval(() => log.push(`tick${ticks++}`), 0);
    scheduleDraw({}, slow('a', 3));
    scheduleDraw({}, slow('b', 2));
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(tick);
    const steps = log.filter((e) => !e.startsWith('tick'));
    expect(steps).toEqual(['a:0', 'b:0', 'a:1', 'b:1', 'a:2']);
    // Some other task ran between the first and the last step: no single task drew everything.
    const first = log.indexOf('a:0');
    const last = log.indexOf('a:2');
    expect(log.slice(first, last).some((e) => e.startsWith('tick'))).toBe(true);
  });

  it('drops the rest of a plot’s old drawing when a newer one is scheduled, and everything on cancel', async () => {
    const log: string[] = [];
    const key = {};
    let k = 0;
    const endless = (): DrawJob => () => {
      log.push(`old:${k++}`);
      // The data change while the old drawing is under way.
      if (k === 2) scheduleDraw(key, stepwise(log, 'new', 2));
      return endless();
    };
    scheduleDraw(key, endless());
    await tasks();
    expect(log).toEqual(['old:0', 'old:1', 'new:0', 'new:1']);
    const other = {};
    scheduleDraw(other, stepwise(log, 'gone', 3));
    cancelDraw(other);
    await tasks();
    expect(log).not.toContain('gone:0');
  });
});
