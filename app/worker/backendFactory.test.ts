import { describe, expect, it } from 'vitest';
import { browserCpuBackend, MAX_SIM_WORKERS, simWorkerCount } from './backendFactory.ts';

describe('the page CPU pool size', () => {
  it('is one simulation Worker per core but one, at least 1 and at most 16', () => {
    expect(simWorkerCount(undefined)).toBe(1);
    expect(simWorkerCount(1)).toBe(1);
    expect(simWorkerCount(2)).toBe(1);
    expect(simWorkerCount(8)).toBe(7);
    expect(simWorkerCount(64)).toBe(MAX_SIM_WORKERS);
    expect(MAX_SIM_WORKERS).toBe(16);
  });

  it('without Worker (Node, old browsers) the CPU backend runs in this thread', () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const b = browserCpuBackend(4);
    expect(b.concurrency).toBeUndefined();
    expect(b.info.name).toBe('cpu');
  });
});
