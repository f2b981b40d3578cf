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
import { fixFor, type MessageFix } from './fixes.ts';
import { lessonOf } from './lesson.ts';
import type { RunEstimate } from './runEstimate.ts';
import { runKeyOf } from './pageKeys.ts';
import { nextFixedT, proportionalChanges } from './proportional.ts';

/** url, control, run, theory: a problem to act on; note: information (a link migrated from an older schema). */
export type MessageSource = 'url' | 'control' | 'run' | 'theory' | 'note';

/** A dismissible message naming the key it is about, with a one-click fix when one exists. */
export interface LabMessage {
  readonly id: number;
  readonly key: string;
  readonly text: string;
  readonly source: MessageSource;
  readonly fix?: MessageFix;
}

/**
 * Predict, then reveal (spec.predict): the Monte Carlo of the experiment `runKey` stays hidden
 * until the student has placed a guess and pressed Reveal. A new experiment starts a new round.
 */
export interface PredictionState {
  readonly runKey: string;
  /** The guessed value, in the units of the view's prediction target (views/prediction.ts). */
  readonly guess?: number;
  readonly revealed: boolean;
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

/** confirm: estimated over ASK_ABOVE_SECONDS (runEstimate.ts): waits for the Run button. */
export type RunStatus = 'idle' | 'confirm' | 'starting' | 'running' | 'done' | 'cancelled' | 'refused' | 'error';

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
  /** runKeyOf the spec this run belongs to ('' before the first run). */
  readonly runKey: string;
  readonly progress?: RunProgress;
  readonly result?: LabResult;
  readonly samples?: LayerSamples;
  /** Digest of the final Monte Carlo numbers (resultDigest), only when status is 'done'. */
  readonly digest?: string;
  /** What ran: name, adapter and, when the choice was not the preferred one, why. */
  readonly backend?: LabResult['backend'];
  readonly startedAt?: number;
  readonly elapsedMs?: number;
  /** The estimate that made the run ask before starting (status 'confirm'). */
  readonly estimate?: RunEstimate;
}

export interface LabState {
  readonly spec: Spec;
  /** encodeSpec(spec): the address bar's query. */
  readonly specKey: string;
  /** The experiment (runKeyOf: without the page-only keys predict, proj): what a run belongs to. */
  readonly runKey: string;
  /** True while a slider is being dragged: theory uses 'fast' precision and the Monte Carlo waits. */
  readonly live: boolean;
  readonly messages: readonly LabMessage[];
  readonly prediction: PredictionState;
  readonly theory?: TheoryState;
  readonly run: RunState;
  readonly panelOpen: boolean;
  /** "Keep T = L/n fixed": the T held while n moves (proportional.ts), or undefined when off. */
  readonly fixedT?: number;
  /** The lesson the page was opened with (lesson.ts): its banner stays while the class follows its steps. */
  readonly lessonId?: string;
}

export interface LabActions {
  /** Change one key from a control. A rejected value leaves the spec unchanged and says why. */
  setParam(key: keyof Spec, value: unknown, options?: { live?: boolean }): void;
  /** Change several keys at once (a click on the phase diagram, a message's fix): all or nothing. */
  setParams(changes: Partial<Spec>): void;
  /** Change one key from typed text, parsed by the key's Param (the same rules as the URL). */
  setRaw(key: keyof Spec, raw: string): void;
  /** A drag ended: the last live value becomes the committed spec. */
  commit(): void;
  dismissMessage(id: number): void;
  /** Add messages (a run refused, a theory failure…), replacing earlier ones of the same source. */
  report(source: MessageSource, issues: readonly { key: string; message: string }[]): void;
  togglePanel(open?: boolean): void;
  /** Projector mode on or off (spec.proj); the control panel collapses when it turns on. */
  toggleProjector(on?: boolean): void;
  /** Place (or move) the guess of predict-then-reveal. */
  placeGuess(value: number): void;
  /** Show the Monte Carlo of this round (only once a guess is placed). */
  reveal(): void;
  /** Hold T = L/n at its current value while n changes (L follows), or release it. */
  keepProportional(on: boolean): void;
  setTheory(theory: TheoryState): void;
  setRun(run: Partial<RunState> & { runKey: string }, replace?: boolean): void;
  /** Show a lesson's banner (its id), or close it (undefined). */
  setLesson(id: string | undefined): void;
}

export type LabStore = StoreApi<LabState & LabActions>;

let nextId = 1;
/** Messages for issues; with the spec the issue was raised against, each gets the fix that resolves it (fixes.ts). */
function toMessages(source: MessageSource, issues: readonly { key: string; message: string; value?: string }[], spec?: Spec): LabMessage[] {
  return issues.map((i) => {
    const fix = spec && i.value !== undefined ? fixFor(spec, i.key, i.value) : undefined;
    return { id: nextId++, key: i.key, text: i.message, source, ...(fix ? { fix } : {}) };
  });
}

function noteMessages(notes: readonly string[]): LabMessage[] {
  return notes.map((text) => ({ id: nextId++, key: 'v', text, source: 'note' as const }));
}

export function createLabStore(initial: DecodedSpec): LabStore {
  return createStore<LabState & LabActions>()((set, get) => {
    /**
     * Apply `changes` through the codec. Issues about `own` keys reject the whole change (the spec
     * stays, the messages say why); issues about other keys (cross-key rules) are reported with it.
     */
    const apply = (changes: Partial<Spec>, own: ReadonlySet<string>, live: boolean, fixedT: (spec: Spec) => number | undefined) => {
      const { spec, messages } = get();
      const decoded = withChanges(spec, changes);
      const rejected = decoded.issues.filter((i) => own.has(i.key));
      // Earlier control messages about the keys touched now are out of date.
      const touched = new Set([...own, ...decoded.issues.map((i) => i.key)]);
      const kept = messages.filter((m) => !(m.source === 'control' && touched.has(m.key)));
      if (rejected.length > 0) {
        set({ messages: [...kept, ...toMessages('control', rejected, spec)], live: false });
        return;
      }
      const runKey = runKeyOf(decoded.spec);
      const round = get().prediction;
      set({
        spec: decoded.spec,
        specKey: encodeSpec(decoded.spec),
        runKey,
        live,
        messages: [...kept, ...toMessages('control', decoded.issues, spec)],
        fixedT: fixedT(decoded.spec),
        prediction: round.runKey === runKey ? round : { runKey, revealed: false },
      });
    };

    return {
      spec: initial.spec,
      specKey: encodeSpec(initial.spec),
      runKey: runKeyOf(initial.spec),
      live: false,
      messages: [...noteMessages(initial.notes), ...toMessages('url', initial.issues, initial.spec)],
      prediction: { runKey: runKeyOf(initial.spec), revealed: false },
      run: { status: 'idle', runKey: '' },
      // Projector mode starts with the controls collapsed: the plots take the screen.
      panelOpen: !initial.spec.proj,
      lessonId: lessonOf(initial.spec)?.id,

      setParam(key, value, options = {}) {
        const { spec } = get();
        const live = options.live ?? false;
        if ((spec as unknown as Record<string, unknown>)[key] === value) {
          if (get().live !== live) set({ live });
          return;
        }
        const before = get().fixedT;
        apply(proportionalChanges(key, value, before), new Set([key]), live, (next) => nextFixedT(key, next, before));
      },

      setParams(changes) {
        const keys = Object.keys(changes);
        if (keys.length === 0) return;
        const before = get().fixedT;
        apply(changes, new Set(keys), false, (next) => keys.reduce<number | undefined>((t, k) => nextFixedT(k as keyof Spec, next, t), before));
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

      toggleProjector(on) {
        const next = on ?? !get().spec.proj;
        if (next === get().spec.proj) return;
        get().setParam('proj', next);
        set({ panelOpen: !next });
      },

      placeGuess(value) {
        if (!Number.isFinite(value)) return;
        const { prediction, runKey } = get();
        set({ prediction: prediction.runKey === runKey ? { ...prediction, guess: value } : { runKey, guess: value, revealed: false } });
      },

      reveal() {
        const { prediction } = get();
        if (prediction.guess === undefined || prediction.revealed) return;
        set({ prediction: { ...prediction, revealed: true } });
      },

      keepProportional(on) {
        const { spec } = get();
        set({ fixedT: on ? spec.L / spec.n : undefined });
      },

      setTheory(theory) {
        set({ theory });
      },

      setLesson(id) {
        set({ lessonId: id });
      },

      setRun(run, replace = false) {
        const current = get().run;
        set({ run: replace || current.runKey !== run.runKey ? { status: 'idle', ...run } : { ...current, ...run } });
      },
    };
  });
}
