/**
 * Paths as inputs (issue 16 §1): piecewise-linear paths x: [0, 1] → R^d, the inputs of the
 * controlled ResNet (Muça Cirone, Lemercier & Salvi 2023, §2) and of the signature kernel PDE.
 *
 * Every path is piecewise linear, given by its knots 0 = t_0 < … < t_m = 1 and its values there:
 * the PDE solver is exact for such paths as its grid refines (its cells sit on the knots), and the
 * network reads the same function at its own partition. A smooth preset (the sine) *is* its
 * piecewise-linear interpolant at SINE_SEGMENTS equal steps; the text says so wherever it is shown.
 *
 * URL form (key `paths`, dimension d from key `pdim`): presets joined by `_`, e.g.
 * `sine:1,0,0.5_line:1,0.5`. Presets (every number a strict decimal literal):
 *   line:c₁,…,c_d       x(t) = t·c (a straight line from 0 to c)
 *   sine:f,p[,a]        x_j(t) = a·sin(2π(f t + p) + jπ/2), j = 0..d−1 (d = 2: a circle of radius a
 *                       run f times from phase p; d = 1: a sine wave); a = 1 when left out
 *   bm:seed[,σ]         a Brownian path: BM_SEGMENTS steps with N(0, σ²/BM_SEGMENTS) increments per
 *                       channel (Philox, domain `path`, keyed by seed: the same on every machine); σ = 1
 *   pl:v…               piecewise linear through the given points at equal times: d numbers per point,
 *                       2 to MAX_PL_POINTS points
 */
import { Domain, NormalStream } from './philox.ts';
import { formatNumber, parseDecimal, type ParseResult } from './params.ts';

export interface Path {
  /** The preset token this path came from (canonical form). */
  readonly token: string;
  /** Dimension d of the values. */
  readonly d: number;
  /** Knot times 0 = t_0 < … < t_m = 1 (length m + 1). */
  readonly times: Float64Array;
  /** Values at the knots, row-major: values[i·d + k] = x^k(t_i). */
  readonly values: Float64Array;
}

export const MIN_PATHS = 2;
export const MAX_PATHS = 8;
export const MAX_PATH_DIM = 8;
export const SINE_SEGMENTS = 64;
export const BM_SEGMENTS = 32;
export const MAX_PL_POINTS = 33;
export const MAX_SINE_FREQUENCY = 16;
export const MAX_PATH_SCALE = 10;
/** Longest `paths` value (the compact link form stores a token's length in one byte). */
export const MAX_PATHS_TEXT = 255;

export const PATHS_ALLOWED =
  `${MIN_PATHS} to ${MAX_PATHS} presets joined by '_': line:c1,…,cd | sine:f,p[,a] (f in (0, ${MAX_SINE_FREQUENCY}], p in [-1, 1], a in (0, ${MAX_PATH_SCALE}]) | ` +
  `bm:seed[,sigma] (seed an integer in [0, 4294967295], sigma in (0, ${MAX_PATH_SCALE}]) | pl:x…(d numbers per point, 2 to ${MAX_PL_POINTS} points); every coordinate in [-${MAX_PATH_SCALE}, ${MAX_PATH_SCALE}]`;

export const DEFAULT_PATHS = 'sine:0.5,0,0.5_line:1,0.5';

type Preset =
  | { readonly kind: 'line'; readonly c: readonly number[] }
  | { readonly kind: 'sine'; readonly f: number; readonly p: number; readonly a: number }
  | { readonly kind: 'bm'; readonly seed: number; readonly sigma: number }
  | { readonly kind: 'pl'; readonly v: readonly number[] };

function numbers(text: string, what: string): ParseResult<number[]> {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const r = parseDecimal(part);
    if (!r.ok) return { ok: false, reason: `${what}: ${JSON.stringify(part)} is ${r.reason}` };
    out.push(r.value === 0 ? 0 : r.value);
  }
  return { ok: true, value: out };
}

function inRange(v: number, lo: number, hi: number, loOpen: boolean): boolean {
  return (loOpen ? v > lo : v >= lo) && v <= hi;
}

function parsePreset(raw: string, index: number): ParseResult<Preset> {
  const where = `path ${index + 1} (${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)})`;
  const m = /^(line|sine|bm|pl):(.*)$/.exec(raw);
  if (!m) return { ok: false, reason: `${where}: unknown preset; expected line:…, sine:…, bm:… or pl:…` };
  const nums = numbers(m[2], where);
  if (!nums.ok) return nums;
  const v = nums.value;
  const coordOk = (x: number) => inRange(x, -MAX_PATH_SCALE, MAX_PATH_SCALE, false);
  switch (m[1]) {
    case 'line':
      if (!v.every(coordOk)) return { ok: false, reason: `${where}: every coordinate must be in [-${MAX_PATH_SCALE}, ${MAX_PATH_SCALE}]` };
      return { ok: true, value: { kind: 'line', c: v } };
    case 'sine': {
      if (v.length < 2 || v.length > 3) return { ok: false, reason: `${where}: sine takes 2 or 3 numbers f,p[,a]` };
      const [f, p, a = 1] = v;
      if (!inRange(f, 0, MAX_SINE_FREQUENCY, true)) return { ok: false, reason: `${where}: the frequency f=${formatNumber(f)} must be in (0, ${MAX_SINE_FREQUENCY}]` };
      if (!inRange(p, -1, 1, false)) return { ok: false, reason: `${where}: the phase p=${formatNumber(p)} must be in [-1, 1] (in turns)` };
      if (!inRange(a, 0, MAX_PATH_SCALE, true)) return { ok: false, reason: `${where}: the amplitude a=${formatNumber(a)} must be in (0, ${MAX_PATH_SCALE}]` };
      return { ok: true, value: { kind: 'sine', f, p, a } };
    }
    case 'bm': {
      if (v.length < 1 || v.length > 2) return { ok: false, reason: `${where}: bm takes 1 or 2 numbers seed[,sigma]` };
      const [seed, sigma = 1] = v;
      if (!(Number.isInteger(seed) && seed >= 0 && seed <= 4294967295)) return { ok: false, reason: `${where}: the seed ${formatNumber(seed)} must be an integer in [0, 4294967295]` };
      if (!inRange(sigma, 0, MAX_PATH_SCALE, true)) return { ok: false, reason: `${where}: sigma=${formatNumber(sigma)} must be in (0, ${MAX_PATH_SCALE}]` };
      return { ok: true, value: { kind: 'bm', seed, sigma } };
    }
    default:
      if (!v.every(coordOk)) return { ok: false, reason: `${where}: every coordinate must be in [-${MAX_PATH_SCALE}, ${MAX_PATH_SCALE}]` };
      return { ok: true, value: { kind: 'pl', v } };
  }
}

function formatPreset(p: Preset): string {
  const f = (xs: readonly number[]) => xs.map(formatNumber).join(',');
  switch (p.kind) {
    case 'line':
      return `line:${f(p.c)}`;
    case 'sine':
      return `sine:${f(p.a === 1 ? [p.f, p.p] : [p.f, p.p, p.a])}`;
    case 'bm':
      return `bm:${f(p.sigma === 1 ? [p.seed] : [p.seed, p.sigma])}`;
    default:
      return `pl:${f(p.v)}`;
  }
}

function splitPresets(raw: string): ParseResult<Preset[]> {
  const parts = raw.split('_');
  if (parts.length < MIN_PATHS || parts.length > MAX_PATHS) return { ok: false, reason: `${parts.length} path${parts.length === 1 ? '' : 's'} given; expected ${MIN_PATHS} to ${MAX_PATHS} joined by '_'` };
  const out: Preset[] = [];
  for (let i = 0; i < parts.length; i++) {
    const r = parsePreset(parts[i], i);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** Syntax and ranges of a `paths` value, canonicalised (the dimension is checked by `buildPaths`). */
export function canonicalPaths(raw: string): ParseResult<string> {
  if (raw.length > MAX_PATHS_TEXT) return { ok: false, reason: `too long (${raw.length} characters; at most ${MAX_PATHS_TEXT})` };
  const r = splitPresets(raw);
  if (!r.ok) return r;
  const text = r.value.map(formatPreset).join('_');
  if (text.length > MAX_PATHS_TEXT) return { ok: false, reason: `too long once written canonically (${text.length} characters; at most ${MAX_PATHS_TEXT})` };
  return { ok: true, value: text };
}

/** The paths of a `paths` value in dimension d, or why not (a count that does not fit d, …). */
export function buildPaths(raw: string, d: number): ParseResult<Path[]> {
  if (!(Number.isInteger(d) && d >= 1 && d <= MAX_PATH_DIM)) return { ok: false, reason: `the path dimension pdim=${d} must be an integer in [1, ${MAX_PATH_DIM}]` };
  const r = splitPresets(raw);
  if (!r.ok) return r;
  const out: Path[] = [];
  for (let i = 0; i < r.value.length; i++) {
    const built = buildPreset(r.value[i], d, i);
    if (!built.ok) return built;
    out.push(built.value);
  }
  return { ok: true, value: out };
}

function uniformTimes(m: number): Float64Array {
  return Float64Array.from({ length: m + 1 }, (_, i) => i / m);
}

function buildPreset(p: Preset, d: number, index: number): ParseResult<Path> {
  const token = formatPreset(p);
  switch (p.kind) {
    case 'line': {
      if (p.c.length !== d) return { ok: false, reason: `path ${index + 1} (${token}): a line needs d = pdim = ${d} coefficients, got ${p.c.length}` };
      return { ok: true, value: { token, d, times: uniformTimes(1), values: Float64Array.from([...new Array(d).fill(0), ...p.c]) } };
    }
    case 'sine': {
      const m = SINE_SEGMENTS;
      const values = new Float64Array((m + 1) * d);
      for (let i = 0; i <= m; i++) {
        const theta = 2 * Math.PI * (p.f * (i / m) + p.p);
        for (let j = 0; j < d; j++) values[i * d + j] = p.a * Math.sin(theta + (j * Math.PI) / 2);
      }
      return { ok: true, value: { token, d, times: uniformTimes(m), values } };
    }
    case 'bm': {
      const m = BM_SEGMENTS;
      const stream = new NormalStream(p.seed, Domain.path);
      const values = new Float64Array((m + 1) * d);
      const step = p.sigma / Math.sqrt(m);
      // Increments keyed (net 0, layer 0, row = channel, col = step): independent of d's other channels.
      const row = new Float64Array(m);
      for (let j = 0; j < d; j++) {
        stream.rowJs(0, 0, j, m, row);
        let acc = 0;
        for (let i = 0; i < m; i++) {
          acc += step * row[i];
          values[(i + 1) * d + j] = acc;
        }
      }
      return { ok: true, value: { token, d, times: uniformTimes(m), values } };
    }
    default: {
      if (p.v.length % d !== 0) return { ok: false, reason: `path ${index + 1} (${token}): ${p.v.length} numbers is not a whole number of points of dimension d = pdim = ${d}` };
      const points = p.v.length / d;
      if (points < 2 || points > MAX_PL_POINTS) return { ok: false, reason: `path ${index + 1} (${token}): ${points} point${points === 1 ? '' : 's'}; allowed: 2 to ${MAX_PL_POINTS} points of dimension ${d}` };
      return { ok: true, value: { token, d, times: uniformTimes(points - 1), values: Float64Array.from(p.v) } };
    }
  }
}

/** x(t) of a piecewise-linear path (linear interpolation between knots). Writes d values into out. */
export function pathAt(path: Path, t: number, out: Float64Array, offset = 0): void {
  const { times, values, d } = path;
  const m = times.length - 1;
  // Knots are few (≤ 64): a binary search keeps it O(log m) for the network's many reads.
  let lo = 0;
  let hi = m;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid;
  }
  const w = (t - times[lo]) / (times[hi] - times[lo]);
  for (let k = 0; k < d; k++) out[offset + k] = values[lo * d + k] + w * (values[hi * d + k] - values[lo * d + k]);
}

/**
 * The increments Δx_i = x(t_{i+1}) − x(t_i) of a path on the uniform partition t_i = i/L
 * (the controlled ResNet's partition D_L), row-major (L × d).
 */
export function uniformIncrements(path: Path, L: number): Float64Array {
  const d = path.d;
  const pts = new Float64Array((L + 1) * d);
  for (let i = 0; i <= L; i++) pathAt(path, i / L, pts, i * d);
  const inc = new Float64Array(L * d);
  for (let i = 0; i < L * d; i++) inc[i] = pts[i + d] - pts[i];
  return inc;
}

/** Length ∫|ẋ| dt of a piecewise-linear path. */
export function pathLength(path: Path): number {
  const { values, d } = path;
  const m = path.times.length - 1;
  let len = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += (values[(i + 1) * d + k] - values[i * d + k]) ** 2;
    len += Math.sqrt(s);
  }
  return len;
}
