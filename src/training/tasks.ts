/**
 * Training tasks that ship with the lab (no downloads), all drawn from the lab's Philox so a seed
 * gives the same data everywhere:
 *   teacher: regression y = f_T(x) of a random one-hidden-layer teacher
 *            f_T(x) = s Σ_k v_k φ(w_k·x/√d)/√m,  w_k, v_k ~ N(0, 1),  m teacher units, s the targetScale,
 *            inputs uniform on the sphere |x|² = d (so x·x/d = 1, the lab's q = 1).
 *   spirals: two interleaved Archimedean spirals in R², labels ±1 (logistic or mse).
 *   circles: two concentric circles of radii 1/2 and 1 in R², labels ±1.
 * The 2-D sets carry a third, constant input coordinate 1: the networks have no biases, and a
 * bias-free ReLU net is positively homogeneous (f(rx) = r f(x)), so its sign could depend on the
 * angle only and could separate neither set. A weight from a constant input is how TP-IV treats
 * the first layer's bias (§3, "biases are input weights"); hence d = 3 for these tasks.
 * Inputs are keyed (seed, Domain.trainData, set, 0, sample, coordinate); the teacher's weights
 * (seed, Domain.teacher, 0, layer, row, col).
 */
import type { Activation } from '../core/activations.ts';
import { Domain, NormalStream, philox4x32, uniformOpen } from '../core/philox.ts';
import type { LossName } from './network.ts';

export type TaskName = 'teacher' | 'spirals' | 'circles';
export const TASK_NAMES: readonly TaskName[] = ['teacher', 'spirals', 'circles'];

export interface Dataset {
  readonly task: TaskName;
  /** Input dimension. */
  readonly d: number;
  /** Number of samples. */
  readonly N: number;
  /** Inputs, N × d row-major. */
  readonly x: Float64Array;
  /** Targets (regression) or labels ±1. */
  readonly y: Float64Array;
  /** The loss the task is meant for. */
  readonly loss: LossName;
}

export interface TaskOptions {
  readonly task: TaskName;
  readonly N: number;
  readonly seed: number;
  /** Which set: 0 = training, 1 = test (independent draws of the same task). */
  readonly set?: number;
  /** teacher: input dimension (spirals/circles: 2-D points plus the constant 1, d = 3). */
  readonly d?: number;
  /** teacher: hidden units m of the teacher, and its activation. */
  readonly teacherWidth?: number;
  readonly teacherAct?: Activation;
  /**
   * teacher: a factor on the targets (default 1). The coord check uses 10: then ∂ℓ/∂f = f₀ − y ≈ −y
   * at every width, and the network's own random f₀ (O(1) under SP/NTK, different at each width)
   * no longer multiplies every Δh by a random factor — the slopes' seed noise falls ~5×.
   */
  readonly targetScale?: number;
  /** spirals/circles: standard deviation of the Gaussian noise added to each coordinate. */
  readonly noise?: number;
}

export const TASK_LIMITS = { N: [1, 100000], d: [1, 4096], teacherWidth: [1, 65536], noise: [0, 10], targetScale: [0, 1000] } as const;

export function taskIssue(o: TaskOptions): string | undefined {
  if (!TASK_NAMES.includes(o.task)) return `task = ${String(o.task)}: it must be one of ${TASK_NAMES.join(', ')}`;
  const intIn = (key: 'N' | 'd' | 'teacherWidth', v: number | undefined) => {
    if (v === undefined) return undefined;
    const [lo, hi] = TASK_LIMITS[key];
    return Number.isInteger(v) && v >= lo && v <= hi ? undefined : `${key} = ${String(v)}: it must be an integer in [${lo}, ${hi}]`;
  };
  const bad = intIn('N', o.N) ?? intIn('d', o.d) ?? intIn('teacherWidth', o.teacherWidth);
  if (bad) return bad;
  if (o.noise !== undefined && !(o.noise >= 0 && o.noise <= TASK_LIMITS.noise[1]))
    return `noise = ${String(o.noise)}: it must be in [0, 10]`;
  if (o.targetScale !== undefined && !(o.targetScale > 0 && o.targetScale <= TASK_LIMITS.targetScale[1]))
    return `targetScale = ${String(o.targetScale)}: it must be in (0, 1000]`;
  return undefined;
}

export function makeDataset(o: TaskOptions): Dataset {
  const issue = taskIssue(o);
  if (issue) throw new RangeError(`training task: ${issue}`);
  return o.task === 'teacher' ? teacherStudent(o) : twoClass(o);
}

function teacherStudent(o: TaskOptions): Dataset {
  const d = o.d ?? 8;
  const m = o.teacherWidth ?? 32;
  const set = o.set ?? 0;
  const phi = o.teacherAct?.phi ?? Math.tanh;
  const x = new Float64Array(o.N * d);
  const y = new Float64Array(o.N);
  const data = new NormalStream(o.seed, Domain.trainData);
  // Uniform on the sphere of radius √d: a Gaussian vector, normalised (Muller 1959).
  for (let s = 0; s < o.N; s++) {
    data.row(set, 0, s, d, x, s * d);
    let r2 = 0;
    for (let j = 0; j < d; j++) r2 += x[s * d + j] ** 2;
    const f = Math.sqrt(d / r2);
    for (let j = 0; j < d; j++) x[s * d + j] *= f;
  }
  const teacher = new NormalStream(o.seed, Domain.teacher);
  const w = new Float64Array(d);
  const v = new Float64Array(m);
  teacher.row(0, 2, 0, m, v, 0);
  const sd = Math.sqrt(d);
  const scale = o.targetScale ?? 1;
  for (let k = 0; k < m; k++) {
    teacher.row(0, 1, k, d, w, 0);
    for (let s = 0; s < o.N; s++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j] * x[s * d + j];
      y[s] += (scale * v[k] * phi(z / sd)) / Math.sqrt(m);
    }
  }
  return { task: 'teacher', d, N: o.N, x, y, loss: 'mse' };
}

/** Spirals / circles: sample s has class ±1 alternately, a uniform parameter t and Gaussian noise. */
function twoClass(o: TaskOptions): Dataset {
  const set = o.set ?? 0;
  const noise = o.noise ?? 0.05;
  const x = new Float64Array(o.N * 3);
  const y = new Float64Array(o.N);
  const words = new Uint32Array(4);
  const gauss = new Float64Array(4);
  const stream = new NormalStream(o.seed, Domain.trainData);
  for (let s = 0; s < o.N; s++) {
    const label = s % 2 === 0 ? 1 : -1;
    // One Philox block for the parameter t (word 0), another for the two noise normals.
    philox4x32(0, s, 1, set, o.seed, Domain.trainData, words);
    const t = uniformOpen(words[0]);
    stream.quad(set, 2, s, 0, gauss, 0);
    let px: number;
    let py: number;
    if (o.task === 'spirals') {
      // r = t, angle 3π t, the second arm rotated by π (1.5 turns per arm).
      const angle = 3 * Math.PI * t + (label > 0 ? 0 : Math.PI);
      px = t * Math.cos(angle);
      py = t * Math.sin(angle);
    } else {
      const r = label > 0 ? 1 : 0.5;
      const angle = 2 * Math.PI * t;
      px = r * Math.cos(angle);
      py = r * Math.sin(angle);
    }
    x[3 * s] = px + noise * gauss[0];
    x[3 * s + 1] = py + noise * gauss[1];
    x[3 * s + 2] = 1;
    y[s] = label;
  }
  return { task: o.task, d: 3, N: o.N, x, y, loss: 'logistic' };
}
