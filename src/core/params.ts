/**
 * Parameter definitions: how one URL key is parsed, validated, formatted and described.
 * The table of all keys lives in spec.ts; this file only knows about single values.
 * Nothing from the URL is ever evaluated as code: values are matched by regular expressions.
 */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

interface ParamBase<T> {
  readonly key: string;
  readonly label: string;
  /** One sentence for --help, tooltips and captions. */
  readonly doc: string;
  readonly unit?: string;
  readonly default: T;
  /** Human description of what is allowed, used in every error message. */
  readonly allowed: string;
  parse(raw: string): ParseResult<T>;
  format(value: T): string;
}

export interface NumberParam extends ParamBase<number> {
  readonly kind: 'int' | 'float';
  readonly min: number;
  readonly max: number;
  /** True when the minimum itself is not allowed (e.g. σw² > 0). */
  readonly minExclusive: boolean;
  /** Slider scale in the UI. */
  readonly scale: 'linear' | 'log';
  readonly step?: number;
}

export interface EnumParam<T extends string = string> extends ParamBase<T> {
  readonly kind: 'enum';
  readonly values: readonly T[];
}

export interface BoolParam extends ParamBase<boolean> {
  readonly kind: 'bool';
}

/** A structured token such as `leaky:0.1` or `sparse:0.1`, canonicalised on parse. */
export interface TokenParam extends ParamBase<string> {
  readonly kind: 'token';
}

export type Param = NumberParam | EnumParam | BoolParam | TokenParam;

/** Strict decimal / scientific literal: no NaN, Infinity, hex, whitespace or empty strings. */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseStrictNumber(raw: string): number | undefined {
  const r = parseDecimal(raw);
  return r.ok ? r.value : undefined;
}

/**
 * A strict decimal literal as an f64, or why not. Refused: anything NUMBER_RE does not match,
 * literals that overflow (1e400) and literals that underflow to 0 although a digit of their
 * mantissa is non-zero (1e-400): accepting them would silently run another experiment (issue 20 §4).
 * Gradual underflow to a subnormal keeps a non-zero value and is accepted.
 */
export function parseDecimal(raw: string): ParseResult<number> {
  if (raw.length > 64 || !NUMBER_RE.test(raw)) return { ok: false, reason: 'not a finite decimal number' };
  const v = Number(raw);
  if (!Number.isFinite(v)) return { ok: false, reason: 'overflows double precision (|x| > 1.8e308)' };
  if (v === 0 && /[1-9]/.test(raw.replace(/[eE].*$/, ''))) return { ok: false, reason: 'underflows to 0 in double precision (the smallest positive value is 5e-324)' };
  return { ok: true, value: v };
}

/** Shortest round-trip decimal for a number in a URL. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(15)));
}

export function numberParam(spec: {
  key: string;
  label: string;
  doc: string;
  unit?: string;
  kind: 'int' | 'float';
  default: number;
  min: number;
  max: number;
  minExclusive?: boolean;
  scale?: 'linear' | 'log';
  step?: number;
}): NumberParam {
  const minExclusive = spec.minExclusive ?? false;
  const lo = minExclusive ? `(${spec.min}` : `[${spec.min}`;
  const allowed = `${spec.kind === 'int' ? 'an integer' : 'a number'} in ${lo}, ${spec.max}]`;
  return {
    ...spec,
    minExclusive,
    scale: spec.scale ?? 'linear',
    allowed,
    parse(raw) {
      const parsed = parseDecimal(raw);
      if (!parsed.ok) return { ok: false, reason: `${parsed.reason}; allowed: ${allowed}` };
      // −0 is 0 (it prints as 0, so a link with −0 would not round-trip to the same spec).
      const v = parsed.value === 0 ? 0 : parsed.value;
      if (spec.kind === 'int' && !Number.isInteger(v)) return { ok: false, reason: `not an integer; allowed: ${allowed}` };
      const tooLow = minExclusive ? v <= spec.min : v < spec.min;
      if (tooLow || v > spec.max) return { ok: false, reason: `out of range; allowed: ${allowed}` };
      return { ok: true, value: v };
    },
    format: formatNumber,
  };
}

export function enumParam<T extends string>(spec: {
  key: string;
  label: string;
  doc: string;
  values: readonly T[];
  default: T;
}): EnumParam<T> {
  const allowed = `one of ${spec.values.join(', ')}`;
  return {
    ...spec,
    kind: 'enum',
    allowed,
    parse(raw) {
      return (spec.values as readonly string[]).includes(raw)
        ? { ok: true, value: raw as T }
        : { ok: false, reason: `unknown value; allowed: ${allowed}` };
    },
    format: (v) => v,
  };
}

export function boolParam(spec: { key: string; label: string; doc: string; default: boolean }): BoolParam {
  const allowed = '0 or 1';
  return {
    ...spec,
    kind: 'bool',
    allowed,
    parse(raw) {
      if (raw === '1' || raw === 'true') return { ok: true, value: true };
      if (raw === '0' || raw === 'false') return { ok: true, value: false };
      return { ok: false, reason: `not a boolean; allowed: ${allowed}` };
    },
    format: (v) => (v ? '1' : '0'),
  };
}

export function tokenParam(spec: {
  key: string;
  label: string;
  doc: string;
  default: string;
  allowed: string;
  canonicalise: (raw: string) => ParseResult<string>;
}): TokenParam {
  return {
    key: spec.key,
    label: spec.label,
    doc: spec.doc,
    default: spec.default,
    allowed: spec.allowed,
    kind: 'token',
    parse(raw) {
      if (raw.length > 64) return { ok: false, reason: `too long; allowed: ${spec.allowed}` };
      const r = spec.canonicalise(raw);
      return r.ok ? r : { ok: false, reason: r.reason.startsWith('expected') ? r.reason : `${r.reason}; allowed: ${spec.allowed}` };
    },
    format: (v) => v,
  };
}

/** Show a user-supplied value safely in a message: quoted, control characters escaped, truncated. */
export function showValue(raw: string): string {
  const max = 40;
  const cut = raw.length > max ? `${raw.slice(0, max)}…` : raw;
  const quoted = JSON.stringify(cut);
  return raw.length > max ? `${quoted} (${raw.length} characters)` : quoted;
}
