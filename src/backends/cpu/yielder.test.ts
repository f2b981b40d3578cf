import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { AbortError } from '../types.ts';
import { Yielder, yieldToEventLoop } from './yielder.ts';

describe('Yielder', () => {
  it('a checkpoint hands the event loop a turn: a cancel posted as a message stops the loop', async () => {
    // As in a worker thread of the pool: the cancel arrives as a message while a synchronous loop
    // runs; only a real turn of the event loop (not a microtask) delivers it.
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    port2.on('message', () => controller.abort());
    const yielder = new Yielder(controller.signal, 0);
    port1.postMessage('cancel');
    let checkpoints = 0;
    const loop = async () => {
      for (;;) {
        for (let i = 0; i < 1000; i++) Math.sqrt(i); // work between checkpoints
        checkpoints++;
        await yielder.checkpoint();
      }
    };
    await expect(loop()).rejects.toBeInstanceOf(AbortError);
    expect(checkpoints).toBeGreaterThanOrEqual(1);
    expect(checkpoints).toBeLessThan(100); // the message is delivered within a few turns, not never
    port1.close();
  });

  it('yieldToEventLoop runs the macrotasks queued before it', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('queued'));
    await yieldToEventLoop();
    order.push('after');
    expect(order).toEqual(['queued', 'after']);
  });

  it('no turn is taken within everyMs of the last one (the hot loop stays synchronous)', async () => {
    const yielder = new Yielder(undefined, 60_000);
    const order: string[] = [];
    setImmediate(() => order.push('macrotask'));
    await yielder.checkpoint(); // the first call is within 60 s of construction: no yield
    order.push('checkpoint');
    expect(order).toEqual(['checkpoint']);
  });
});
