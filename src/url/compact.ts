/**
 * Compact links for long states (issue 7): `z=<base64url>` carries the non-default keys of a spec
 * in a few bytes per key. The packed form is expanded back into `key=value` pairs and then goes
 * through exactly the same validation as a plain query (codec.ts), so a hostile `z` can do nothing
 * a hostile plain query could not.
 *
 * Layout (after the version byte): per key, its index in PARAMS (1 byte), then
 *   enum:  the value's index (1 byte)          bool: 0 or 1 (1 byte)
 *   int:   unsigned LEB128 varint              float, token: length (1 byte) + ASCII text
 * The version byte is the schema version `v`, so a compact link migrates like a plain one.
 */
import { PARAMS, type Spec } from '../core/spec.ts';
import type { Param } from '../core/params.ts';

/** Longest `z` value accepted (a full spec packs into well under 200 characters). */
export const MAX_COMPACT_LENGTH = 512;

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Pack every non-default key of `spec` (the same keys encodeSpec writes). */
export function packSpec(spec: Spec, version: number): string {
  const bytes: number[] = [version];
  PARAMS.forEach((p, index) => {
    if (p.key === 'v') return;
    const value = (spec as unknown as Record<string, unknown>)[p.key];
    if (value === p.default) return;
    bytes.push(index);
    const param = p as Param;
    if (param.kind === 'enum') bytes.push(param.values.indexOf(value as string));
    else if (param.kind === 'bool') bytes.push(value ? 1 : 0);
    else if (param.kind === 'int') {
      let v = value as number;
      do {
        const low = v % 128;
        v = Math.floor(v / 128);
        bytes.push(v > 0 ? low | 128 : low);
      } while (v > 0);
    } else {
      const text = (param.format as (x: unknown) => string)(value);
      bytes.push(text.length, ...Array.from(text, (c) => c.charCodeAt(0)));
    }
  });
  return toBase64Url(Uint8Array.from(bytes));
}

export type Unpacked = { ok: true; version: number; pairs: [string, string][] } | { ok: false; reason: string };

/** Expand a `z` value into the version and raw key/value pairs (validated later by the codec). */
export function unpackSpec(z: string): Unpacked {
  if (z.length > MAX_COMPACT_LENGTH) return { ok: false, reason: `too long (${z.length} characters; at most ${MAX_COMPACT_LENGTH})` };
  const bytes = fromBase64Url(z);
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'not a base64url-encoded compact state' };
  const pairs: [string, string][] = [];
  let i = 1;
  const need = (count: number) => {
    if (i + count > bytes.length) throw new Error('truncated');
  };
  try {
    while (i < bytes.length) {
      need(1);
      const param = PARAMS[bytes[i++]] as Param | undefined;
      if (!param || param.key === 'v') return { ok: false, reason: `unknown key number ${bytes[i - 1]}` };
      let text: string;
      if (param.kind === 'enum') {
        need(1);
        const value = param.values[bytes[i++]];
        if (value === undefined) return { ok: false, reason: `bad value number ${bytes[i - 1]} for ${param.key}` };
        text = value;
      } else if (param.kind === 'bool') {
        need(1);
        text = bytes[i++] ? '1' : '0';
      } else if (param.kind === 'int') {
        let v = 0;
        let scale = 1;
        for (;;) {
          need(1);
          const b = bytes[i++];
          v += (b & 127) * scale;
          scale *= 128;
          if (b < 128) break;
          if (scale > 2 ** 42) return { ok: false, reason: `integer too long for ${param.key}` };
        }
        text = String(v);
      } else {
        need(1);
        const length = bytes[i++];
        need(length);
        text = String.fromCharCode(...bytes.subarray(i, i + length));
        i += length;
      }
      pairs.push([param.key, text]);
    }
  } catch {
    return { ok: false, reason: 'truncated compact state' };
  }
  return { ok: true, version: bytes[0], pairs };
}
