import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSpec } from '../../src/url/codec.ts';
import type { FromTheoryWorker, ToTheoryWorker } from './theoryProtocol.ts';
import { createTheoryClient, TheorySuperseded } from './theoryClient.ts';

/** A Worker stand-in: it records requests and answers when the test says so. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<FromTheoryWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  received: ToTheoryWorker[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: ToTheoryWorker) {
    this.received.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  answer(i = this.received.length - 1) {
    const m = this.received[i];
    const layers = Array.from({ length: m.spec.L }, (_, k) => k + 1);
    this.onmessage?.({ data: { id: m.id, output: { block: { layers, q11: layers, q12: layers, q22: layers, rho: layers } } } } as MessageEvent<FromTheoryWorker>);
  }
}

const spec = (L: number) => decodeSpec(`L=${L}`).spec;

describe('theory client: latest request wins, a stuck heavy job is dropped', () => {
  afterEach(() => {
    FakeWorker.made = [];
    vi.useRealTimers();
  });

  it('answers a request with the Worker’s theory', async () => {
    const client = createTheoryClient(() => new FakeWorker() as unknown as Worker);
    const p = client.compute(spec(5), 'exact');
    FakeWorker.made[0].answer();
    expect((await p).block.layers).toHaveLength(5);
  });

  it('a newer request replaces the waiting one (superseded), and runs when the Worker is free', async () => {
    vi.useFakeTimers();
    const client = createTheoryClient(() => new FakeWorker() as unknown as Worker, { restartMs: 1000 });
    const first = client.compute(spec(5), 'fast');
    const second = client.compute(spec(6), 'fast');
    const third = client.compute(spec(7), 'fast');
    await expect(second).rejects.toBeInstanceOf(TheorySuperseded);
    const w = FakeWorker.made[0];
    w.answer(0);
    expect((await first).block.layers).toHaveLength(5);
    // The waiting one went next, on the same Worker.
    expect(w.received.map((m) => m.spec.L)).toEqual([5, 7]);
    w.answer(1);
    expect((await third).block.layers).toHaveLength(7);
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('a job still running after restartMs with a newer request waiting is dropped: fresh Worker, newer request', async () => {
    vi.useFakeTimers();
    const client = createTheoryClient(() => new FakeWorker() as unknown as Worker, { restartMs: 150 });
    const heavy = client.compute(spec(10000), 'exact');
    const next = client.compute(spec(20), 'exact');
    vi.advanceTimersByTime(200);
    await expect(heavy).rejects.toBeInstanceOf(TheorySuperseded);
    expect(FakeWorker.made[0].terminated).toBe(true);
    const fresh = FakeWorker.made[1];
    expect(fresh.received.map((m) => m.spec.L)).toEqual([20]);
    fresh.answer();
    expect((await next).block.layers).toHaveLength(20);
  });

  it('an error of the engine comes back as an error, not a superseded request', async () => {
    const client = createTheoryClient(() => new FakeWorker() as unknown as Worker);
    const p = client.compute(spec(5), 'exact');
    const w = FakeWorker.made[0];
    w.onmessage?.({ data: { id: w.received[0].id, error: 'no limit here' } } as MessageEvent<FromTheoryWorker>);
    await expect(p).rejects.toThrow('no limit here');
  });
});
