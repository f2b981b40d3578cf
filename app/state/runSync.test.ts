import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Spec } from '../../src/core/spec.ts';
import type { LabResult } from '../../src/experiments/result.ts';
import { decodeSpec } from '../../src/url/codec.ts';
import type { FromWorker } from '../worker/protocol.ts';
import type { RunClient } from '../worker/runClient.ts';
import { createLabStore } from './labStore.ts';
import { connectRuns } from './runSync.ts';

/** A run client that records what the page asked for and lets the test answer as the Worker. */
function fakeClient() {
  const started: { spec: Spec; reply: (m: FromWorker) => void }[] = [];
  let busy = false;
  const client: RunClient = {
    start(spec, onMessage) {
      busy = true;
      started.push({ spec, reply: onMessage });
    },
    cancel() {
      const was = busy;
      busy = false;
      return was;
    },
    dispose() {},
  };
  return { client, started };
}

const result = (spec: Spec) => ({ version: 'test', spec, backend: { name: 'cpu', adapter: 'test' }, theory: { layers: [], q11: [], q12: [], q22: [], rho: [] } }) as LabResult;

describe('runs follow the spec', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts a run at once, then restarts (debounced) on each committed change', () => {
    const store = createLabStore(decodeSpec('M=10'));
    const { client, started } = fakeClient();
    connectRuns(store, client, { debounceMs: 100 });
    expect(started.map((s) => s.spec.n)).toEqual([256]);
    store.getState().setParam('n', 64);
    store.getState().setParam('n', 32);
    vi.advanceTimersByTime(100);
    expect(started.map((s) => s.spec.n)).toEqual([256, 32]);
  });

  it('ignores answers for an older spec and shows the digest only for the current one', () => {
    const store = createLabStore(decodeSpec('M=10'));
    const { client, started } = fakeClient();
    connectRuns(store, client, { debounceMs: 0 });
    const old = started[0];
    store.getState().setParam('n', 64);
    vi.advanceTimersByTime(0);
    old.reply({ type: 'done', id: 1, result: result(old.spec), digest: 'old', progress: { done: 10, total: 10, phase: 'networks' } });
    expect(store.getState().run.digest).toBeUndefined();
    const now = started[1];
    now.reply({ type: 'partial', id: 2, result: result(now.spec), progress: { done: 5, total: 10, phase: 'networks' } });
    expect(store.getState().run).toMatchObject({ status: 'running', progress: { done: 5 } });
    now.reply({ type: 'done', id: 2, result: result(now.spec), digest: 'abc', progress: { done: 10, total: 10, phase: 'networks' } });
    expect(store.getState().run).toMatchObject({ status: 'done', digest: 'abc', runKey: store.getState().runKey });
  });

  it('stops the run while a slider is dragged and starts the new one on release', () => {
    const store = createLabStore(decodeSpec('M=10'));
    const { client, started } = fakeClient();
    connectRuns(store, client, { debounceMs: 50 });
    store.getState().setParam('L', 30, { live: true });
    expect(store.getState().run.status).toBe('cancelled');
    vi.advanceTimersByTime(500);
    expect(started).toHaveLength(1);
    store.getState().setParam('L', 31, { live: false });
    vi.advanceTimersByTime(50);
    expect(started.map((s) => s.spec.L)).toEqual([20, 31]);
  });

  it('reports a refused run as a message naming the key', () => {
    const store = createLabStore(decodeSpec('M=10'));
    const { client, started } = fakeClient();
    connectRuns(store, client);
    started[0].reply({ type: 'refused', id: 1, issues: [{ key: 'M', value: '10', message: 'M=10 is too much' }] });
    expect(store.getState().run.status).toBe('refused');
    expect(store.getState().messages).toMatchObject([{ key: 'M', source: 'run', text: 'M=10 is too much' }]);
  });

  it('Cancel stops the current run', () => {
    const store = createLabStore(decodeSpec('M=10'));
    const { client } = fakeClient();
    const runs = connectRuns(store, client);
    runs.cancel();
    expect(store.getState().run.status).toBe('cancelled');
  });
});
