/**
 * The page state: one vanilla zustand store (testable without React). It holds the spec (the same
 * schema as the engine and the URL), the messages a person can act on, the live theory and the
 * Monte Carlo run. Controllers (theorySync, runSync, urlSync) subscribe to it and write back through
 * the setters below; React components only read it (useLab) and call the actions.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LimitBlock, LabResult, TheoryBlock } from '../../src/experiments/result.ts';
import type { LayerSamples } from '../../src/experiments/mcAccumulator.ts';
import { PARAM_BY_KEY, type Spec } from '../../src/core/spec.ts';
import { showValue } from '../../src/core/params.ts';
import { encodeSpec, withChanges, type DecodedSpec } from '../../src/url/codec.ts';
import type { TheoryOutput } from '../engine/theory.ts';
import { nextFixedT, proportionalChanges } from './proportional.ts';

export type MessageSource = 'url' | 'control' | 'run' | 'theory';

/** A dismissible message naming the key it is about. */
export interface LabMessage {
  readonly id: number;
  readonly key: string;
  readonly text: string;
  readonly source: MessageSource;
}

export type TheoryPrecision = 'fast' | 'exact';

export interface TheoryState {
  /** theoryKey of the spec this theory belongs to (the spec without view and sampling keys). */
  readonly specKey: string;
  readonly precision: TheoryPrecision;
  readonly block?: TheoryBlock;
  /** The ResNet covariance ODE (t = l/L), when it applies. */
  readonly limit?: LimitBlock;
  /** ResNet: the limit at the branch exponents α = 0, 1/2, 1 (engine/theory.ts). */
  readonly alphas?: TheoryOutput['alphas'];
  /** Shaped MLP: the law of ρ_T of the covariance SDE at the layer shown. */
  readonly sdeLaw?: TheoryOutput['sdeLaw'];
  /** Wall time of the synchronous recompute, milliseconds. */
  readonly ms: number;
}

export type RunStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'refused' | 'error';

export interface RunProgress {
  readonly done: number;
  readonly total: number;
  /**
   * What is being counted: 'networks' (the depth profile's M networks), then the view's own unit
   * ('widths', 'cells', …: the ViewRunner's phase).
   */
  readonly phase: string;
}

export interface RunState {
  readonly status: RunStatus;
  /** encodeSpec of the spec this run belongs to ('' before the first run). */
  readonly specKey: string;
  readonly progress?: RunProgress;
  readonly result?: LabResult;
  readonly samples?: LayerSamples;
  /** Digest of the final Monte Carlo numbers (resultDigest), only when status is 'done'. */
  readonly digest?: string;
  /** What ran: name, adapter and, when the choice was not the preferred one, why. */
  readonly backend?: LabResult['backend'];
  readonly startedAt?: number;
  readonly elapsedMs?: number;
}

export interface LabState {
  readonly spec: Spec;
  readonly specKey: string;
  /** True while a slider is being dragged: theory uses 'fast' precision and the Monte Carlo waits. */
  readonly live: boolean;
  readonly messages: readonly LabMessage[];
  readonly notes: readonly string[];
  readonly theory?: TheoryState;
  readonly run: RunState;
  readonly panelOpen: boolean;
  /** "Keep T = L/n fixed": the T held while n moves (proportional.ts), or undefined when off. */
  readonly fixedT?: number;
}

export interface LabActions {
  /** Change one key from a control. A rejected value leaves the spec unchanged and says why. */
  setParam(key: keyof Spec, value: unknown, options?: { live?: boolean }): void;
  /** Change one key from typed text, parsed by the key's Param (the same rules as the URL). */
  setRaw(key: keyof Spec, raw: string): void;
  /** A drag ended: the last live value becomes the committed spec. */
  commit(): void;
  dismissMessage(id: number): void;
  /** Add messages (a run refused, a theory failure…), replacing earlier ones of the same source. */
  report(source: MessageSource, issues: readonly { key: string; message: string }[]): void;
  togglePanel(open?: boolean): void;
  /** Hold T = L/n at its current value while n changes (L follows), or release it. */
  keepProportional(on: boolean): void;
  setTheory(theory: TheoryState): void;
  setRun(run: Partial<RunState> & { specKey: string }, replace?: boolean): void;
}

export type LabStore = StoreApi<LabState & LabActions>;

let nextId = 1;
function toMessages(source: MessageSource, issues: readonly { key: string; message: string }[]): LabMessage[] {
  return issues.map((i) => ({ id: nextId++, key: i.key, text: i.message, source }));
}

export function createLabStore(initial: DecodedSpec): LabStore {
  return createStore<LabState & LabActions>()((set, get) => ({
    spec: initial.spec,
    specKey: encodeSpec(initial.spec),
    live: false,
    messages: toMessages('url', initial.issues),
    notes: initial.notes,
    run: { status: 'idle', specKey: '' },
    panelOpen: true,

    setParam(key, value, options = {}) {
      const { spec, messages } = get();
      const live = options.live ?? false;
      if ((spec as unknown as Record<string, unknown>)[key] === value) {
        if (get().live !== live) set({ live });
        return;
      }
      const decoded = withChanges(spec, proportionalChanges(key, value, get().fixedT));
      const own = decoded.issues.filter((i) => i.key === key);
      // Earlier control messages about the keys touched now are out of date.
      const touched = new Set([key as string, ...decoded.issues.map((i) => i.key)]);
      const kept = messages.filter((m) => !(m.source === 'control' && touched.has(m.key)));
      if (own.length > 0) {
        set({ messages: [...kept, ...toMessages('control', own)], live: false });
        return;
      }
      set({
        spec: decoded.spec,
        specKey: encodeSpec(decoded.spec),
        live,
        messages: [...kept, ...toMessages('control', decoded.issues)],
        fixedT: nextFixedT(key, decoded.spec, get().fixedT),
      });
    },

    setRaw(key, raw) {
      const param = PARAM_BY_KEY.get(key);
      if (!param) return;
      const parsed = param.parse(raw.trim());
      if (parsed.ok) {
        get().setParam(key, parsed.value);
        return;
      }
      const kept = get().messages.filter((m) => !(m.source === 'control' && m.key === key));
      set({ messages: [...kept, ...toMessages('control', [{ key, message: `${key}=${showValue(raw)}: ${parsed.reason}` }])] });
    },

    commit() {
      if (get().live) set({ live: false });
    },

    dismissMessage(id) {
      set({ messages: get().messages.filter((m) => m.id !== id) });
    },

    report(source, issues) {
      if (issues.length === 0 && !get().messages.some((m) => m.source === source)) return;
      const kept = get().messages.filter((m) => m.source !== source);
      set({ messages: [...kept, ...toMessages(source, issues)] });
    },

    togglePanel(open) {
      set({ panelOpen: open ?? !get().panelOpen });
    },

    keepProportional(on) {
      const { spec } = get();
      set({ fixedT: on ? spec.L / spec.n : undefined });
    },

    setTheory(theory) {
      set({ theory });
    },

    setRun(run, replace = false) {
      const current = get().run;
      set({ run: replace || current.specKey !== run.specKey ? { status: 'idle', ...run } : { ...current, ...run } });
    },
  }));
}
