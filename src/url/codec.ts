/**
 * URL codec: query string (or full URL, or #fragment) ⇄ Spec. The only way state enters or leaves
 * the lab (page, Worker, CLI, presets). Reads the PARAMS table; never evaluates anything.
 */
import { DEFAULT_SPEC, PARAM_BY_KEY, PARAMS, SPEC_VERSION, type Spec, type SpecIssue } from '../core/spec.ts';
import { showValue } from '../core/params.ts';
import { crossKeyIssues } from '../core/validate.ts';
import { migrate } from './migrations.ts';
import { packSpec, unpackSpec } from './compact.ts';

export interface DecodedSpec {
  /** The spec: every rejected key keeps its default. */
  readonly spec: Spec;
  /** Rejected, unknown or duplicated keys, each with a message naming key, value and range. */
  readonly issues: readonly SpecIssue[];
  /** Informational notes (e.g. "migrated from v0"). */
  readonly notes: readonly string[];
}

/** Split any of: 'a=1&b=2', '?a=1', '#a=1', 'https://host/path?a=1#b=2' into raw pairs. */
export function splitQuery(input: string): { pairs: [string, string][]; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  let text = input.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (scheme) {
    const q = text.indexOf('?');
    const h = text.indexOf('#');
    const parts: string[] = [];
    if (q >= 0) parts.push(text.slice(q + 1, h > q ? h : undefined));
    if (h >= 0) parts.push(text.slice(h + 1));
    text = parts.filter((p) => p.length > 0).join('&');
  } else {
    text = text.replace(/^[?#]/, '');
  }
  const pairs: [string, string][] = [];
  if (text.length === 0) return { pairs, issues };
  for (const part of text.split(/[&#?]/)) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const rawKey = eq >= 0 ? part.slice(0, eq) : part;
    const rawValue = eq >= 0 ? part.slice(eq + 1) : '';
    let key: string;
    let value: string;
    // '+' is kept as a plus sign, not read as a space (form encoding): no key or value of the lab
    // contains a space, encodeSpec writes a space as %20, and `n=+64` means +64, not " 64".
    try {
      key = decodeURIComponent(rawKey);
      value = decodeURIComponent(rawValue);
    } catch {
      const where = safeDecode(rawKey) === undefined ? 'key' : 'value';
      const named = safeDecode(rawKey) ?? rawKey;
      issues.push({
        key: named.slice(0, 40),
        value: rawValue,
        message: `${showValue(named)}: malformed percent-encoding in the ${where} of ${showValue(part)}; allowed: '%' followed by two hex digits forming UTF-8 (e.g. %20, %C3%A9), or no '%' at all`,
      });
      continue;
    }
    pairs.push([key, value]);
  }
  return { pairs, issues };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** At most this many unknown keys are reported one by one; the rest are summarised in one issue. */
export const MAX_UNKNOWN_KEY_ISSUES = 5;

/** Decode a query/URL into a spec. Never throws; every problem becomes an issue. */
export function decodeSpec(input: string): DecodedSpec {
  const { pairs, issues } = splitQuery(input);
  const notes: string[] = [];
  const raw = new Map<string, string>();
  const duplicates: string[] = [];
  const add = (key: string, value: string) => {
    if (raw.has(key)) {
      // Like unknown keys: a few messages, then one summary.
      if (duplicates.length < MAX_UNKNOWN_KEY_ISSUES) issues.push({ key, value, message: `${showValue(key)} is given more than once (${showValue(raw.get(key)!)} and ${showValue(value)}); give it once` });
      duplicates.push(key);
      return;
    }
    raw.set(key, value);
  };
  for (const [key, value] of pairs) {
    if (key !== 'z') {
      add(key, value);
      continue;
    }
    // A compact link: expand it into the same key/value pairs, validated below like any others.
    const unpacked = unpackSpec(value);
    if (!unpacked.ok) {
      issues.push({ key: 'z', value, message: `z=${showValue(value)}: ${unpacked.reason}; allowed: a compact state written by Limits Lab (or plain key=value pairs)` });
      continue;
    }
    if (!pairs.some(([k]) => k === 'v')) add('v', String(unpacked.version));
    for (const [k, v] of unpacked.pairs) add(k, v);
  }

  if (duplicates.length > MAX_UNKNOWN_KEY_ISSUES) {
    const rest = duplicates.slice(MAX_UNKNOWN_KEY_ISSUES);
    issues.push({ key: rest[0], value: '', message: `${rest.length} more repeated keys (${[...new Set(rest)].slice(0, 3).map(showValue).join(', ')}); give each key once` });
  }

  // Versions: absent means current; older ones are migrated (and say so); newer are refused.
  const vRaw = raw.get('v');
  if (vRaw !== undefined) {
    const vParsed = /^\d{1,4}$/.test(vRaw) ? Number(vRaw) : NaN;
    if (!Number.isInteger(vParsed)) {
      issues.push({ key: 'v', value: vRaw, message: `v=${showValue(vRaw)} is not a schema version; allowed: ${PARAM_BY_KEY.get('v')!.allowed}` });
      raw.delete('v');
    } else if (vParsed > SPEC_VERSION) {
      issues.push({ key: 'v', value: vRaw, message: `v=${vParsed} comes from a newer Limits Lab; this one reads versions up to ${SPEC_VERSION}; allowed: ${PARAM_BY_KEY.get('v')!.allowed}` });
      raw.delete('v');
    } else if (vParsed < SPEC_VERSION) {
      const m = migrate(vParsed, SPEC_VERSION, raw);
      notes.push(...m.notes);
      issues.push(...m.issues);
    }
  }

  const values: Record<string, unknown> = { ...DEFAULT_SPEC };
  const unknown: string[] = [];
  for (const [key, value] of raw) {
    const param = PARAM_BY_KEY.get(key);
    if (!param) {
      // A few messages, then one summary: 3000 unknown keys must not make 3000 messages.
      if (unknown.length < MAX_UNKNOWN_KEY_ISSUES) issues.push({ key, value, message: `unknown key ${showValue(key)}; known keys: ${PARAMS.map((p) => p.key).join(', ')}` });
      unknown.push(key);
      continue;
    }
    const r = param.parse(value);
    if (r.ok) values[key] = r.value;
    else issues.push({ key, value, message: `${key}=${showValue(value)}: ${r.reason}` });
  }
  if (unknown.length > MAX_UNKNOWN_KEY_ISSUES) {
    const rest = unknown.slice(MAX_UNKNOWN_KEY_ISSUES);
    const shown = rest.slice(0, 3).map(showValue).join(', ');
    issues.push({
      key: rest[0],
      value: raw.get(rest[0]) ?? '',
      message: `${rest.length} more unknown keys (${shown}${rest.length > 3 ? ', …' : ''}); ${unknown.length} unknown keys in all; known keys: ${PARAMS.map((p) => p.key).join(', ')}`,
    });
  }
  values.v = SPEC_VERSION;
  let spec = values as unknown as Spec;
  // Cross-key rules: a violating key falls back to its default, and the message says why.
  for (const issue of crossKeyIssues(spec)) {
    issues.push(issue);
    spec = { ...spec, [issue.key]: PARAM_BY_KEY.get(issue.key)!.default } as Spec;
  }
  const again = crossKeyIssues(spec);
  if (again.length > 0) spec = { ...spec, ...resetKeys(again.map((i) => i.key)) };
  return { spec, issues, notes };
}

function resetKeys(keys: string[]): Partial<Spec> {
  return Object.fromEntries(keys.map((k) => [k, PARAM_BY_KEY.get(k)!.default])) as Partial<Spec>;
}

/**
 * Encode a spec as a query string (without '?'): `v` first, then every key that differs from its
 * default, in table order. Short links by construction; `all` writes every key.
 */
export function encodeSpec(spec: Spec, options: { all?: boolean } = {}): string {
  const parts: string[] = [];
  for (const p of PARAMS) {
    const value = (spec as unknown as Record<string, unknown>)[p.key];
    if (p.key !== 'v' && !options.all && value === p.default) continue;
    const text = (p.format as (v: unknown) => string)(p.key === 'v' ? SPEC_VERSION : value);
    parts.push(`${p.key}=${encodeURIComponent(text).replace(/%3A/g, ':').replace(/%2C/g, ',')}`);
  }
  return parts.join('&');
}

/** The compact form `z=…` of a spec (same keys as encodeSpec, a few bytes each). */
export function encodeSpecCompact(spec: Spec): string {
  return `z=${packSpec(spec, SPEC_VERSION)}`;
}

/** Plain queries longer than this are shared in compact form. */
export const COMPACT_THRESHOLD = 120;

/** The query to share: readable `key=value` pairs, or the compact form when those are long. */
export function shareQuery(spec: Spec): string {
  const plain = encodeSpec(spec);
  if (plain.length <= COMPACT_THRESHOLD) return plain;
  const compact = encodeSpecCompact(spec);
  return compact.length < plain.length ? compact : plain;
}

/** Merge changes into a spec and re-validate it through the codec (UI controls use this). */
export function withChanges(spec: Spec, changes: Partial<Spec>): DecodedSpec {
  return decodeSpec(encodeSpec({ ...spec, ...changes } as Spec));
}
