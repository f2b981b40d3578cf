/**
 * Cooperative yielding for long synchronous loops: in a Web Worker the cancel message can only be
 * handled when the loop gives the event loop a turn, so hot loops call `checkpoint()` often and it
 * yields every ~20 ms (cancel latency well under 1 s, overhead < 1 %).
 */
import { throwIfAborted } from '../types.ts';

export class Yielder {
  private last = now();

  constructor(
    private readonly signal?: AbortSignal,
    private readonly everyMs = 20,
  ) {}

  async checkpoint(): Promise<void> {
    if (now() - this.last < this.everyMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.last = now();
    throwIfAborted(this.signal);
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
