import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../../src/core/spec.ts';
import { decodeSpec } from '../../src/url/codec.ts';
import { createLabStore } from './labStore.ts';

const fresh = (query = '') => createLabStore(decodeSpec(query));

describe('lab store', () => {
  it('starts from the URL: accepted keys applied, each rejected key one message naming it', () => {
    const store = fresh('n=64&L=0&foo=1');
    const s = store.getState();
    expect(s.spec.n).toBe(64);
    expect(s.spec.L).toBe(DEFAULT_SPEC.L);
    expect(s.messages.map((m) => [m.key, m.source])).toEqual([
      ['L', 'url'],
      ['foo', 'url'],
    ]);
    expect(s.specKey).toBe('v=2&n=64');
  });

  it('applies a valid control change and re-encodes the spec', () => {
    const store = fresh();
    store.getState().setParam('n', 512);
    expect(store.getState().spec.n).toBe(512);
    expect(store.getState().specKey).toBe('v=2&n=512');
  });

  it('refuses an invalid control value, keeps the spec, and names the key', () => {
    const store = fresh('n=64');
    store.getState().setParam('n', 0);
    expect(store.getState().spec.n).toBe(64);
    const [m] = store.getState().messages;
    expect(m).toMatchObject({ key: 'n', source: 'control' });
    expect(m.text).toContain('n=');
    // A later valid value clears the message about that key.
    store.getState().setParam('n', 128);
    expect(store.getState().messages).toEqual([]);
  });

  it('parses typed text with the same rules as the URL', () => {
    const store = fresh();
    store.getState().setRaw('L', '1e3');
    expect(store.getState().spec.L).toBe(1000);
    store.getState().setRaw('L', '0x10');
    expect(store.getState().spec.L).toBe(1000);
    expect(store.getState().messages[0].text).toBe('L="0x10": not a finite decimal number; allowed: an integer in [1, 10000]');
  });

  it('applies cross-key rules: a shallower network resets a deeper layer and says so', () => {
    const store = fresh('L=50&layer=40');
    store.getState().setParam('L', 10);
    const s = store.getState();
    expect(s.spec.L).toBe(10);
    expect(s.spec.layer).toBe(0);
    expect(s.messages.map((m) => m.key)).toEqual(['layer']);
  });

  it('tracks dragging: live changes set the flag, commit clears it', () => {
    const store = fresh();
    store.getState().setParam('L', 30, { live: true });
    expect(store.getState().live).toBe(true);
    store.getState().setParam('L', 31, { live: true });
    store.getState().commit();
    expect(store.getState()).toMatchObject({ live: false, spec: { L: 31 } });
  });

  it('dismisses one message at a time, and run reports replace earlier run reports', () => {
    const store = fresh('foo=1&bar=2');
    const [first] = store.getState().messages;
    store.getState().dismissMessage(first.id);
    expect(store.getState().messages.map((m) => m.key)).toEqual(['bar']);
    store.getState().report('run', [{ key: 'M', message: 'too big' }]);
    store.getState().report('run', [{ key: 'M', message: 'still too big' }]);
    expect(store.getState().messages.map((m) => m.text)).toEqual([expect.stringContaining('bar'), 'still too big']);
  });

  it('shows a migrated link as a dismissible note naming the migration (issue 7: sharing guarantees)', () => {
    const decoded = decodeSpec('n=64');
    const store = createLabStore({ ...decoded, notes: ['This link was written for schema v0 and was migrated to v1: nothing changed in its numbers.'] });
    const [note] = store.getState().messages;
    expect(note).toMatchObject({ key: 'v', source: 'note' });
    expect(note.text).toContain('migrated');
    store.getState().dismissMessage(note.id);
    expect(store.getState().messages).toEqual([]);
  });

  it('predict, then reveal: a guess is per experiment, the page-only keys do not start a new round', () => {
    const store = fresh('predict=1&M=50');
    const s = store.getState();
    expect(s.prediction).toMatchObject({ revealed: false });
    s.reveal();
    expect(store.getState().prediction.revealed).toBe(false); // nothing to reveal without a guess
    store.getState().placeGuess(0.7);
    store.getState().toggleProjector(true);
    expect(store.getState().prediction).toMatchObject({ guess: 0.7, revealed: false });
    expect(store.getState().panelOpen).toBe(false);
    store.getState().reveal();
    expect(store.getState().prediction.revealed).toBe(true);
    // A new experiment (another width) starts a new round.
    store.getState().setParam('n', 64);
    expect(store.getState().prediction).toMatchObject({ revealed: false });
    expect(store.getState().prediction.guess).toBeUndefined();
  });
});
