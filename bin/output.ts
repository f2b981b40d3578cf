/**
 * The CLI's output like a Unix tool's (issue 20 §3): `--out` is checked before a run (a missing
 * folder, a folder, no permission, a full disk: exit 2 and one line), a reader that closes the pipe
 * (`limits-lab run … | head -c 10`) ends the command quietly, and a write error (ENOSPC) is one
 * line, never a stack trace.
 */
import { accessSync, constants, statfsSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { showValue } from '../src/core/params.ts';

/** Below this many free bytes the disk is called full (a result document is ~10 kB – 10 MB). */
export const MIN_FREE_BYTES = 1 << 20;

export interface OutPathProbe {
  readonly stat: (path: string) => Stats;
  readonly writable: (path: string) => boolean;
  /** Free bytes for an unprivileged writer on the file system holding `dir`. */
  readonly freeBytes: (dir: string) => number;
}

const nodeProbe: OutPathProbe = {
  stat: (path) => statSync(path),
  writable: (path) => {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
  freeBytes: (dir) => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  },
};

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException)?.code;
}

/** Why `path` cannot take the result, or undefined when it can (checked before the run). */
export function checkOutPath(path: string, probe: OutPathProbe = nodeProbe): string | undefined {
  const full = resolve(path);
  let existing: Stats | undefined;
  try {
    existing = probe.stat(full);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT' && errorCode(e) !== 'ENOTDIR') return describeWriteError(e);
  }
  if (existing?.isDirectory()) return `is a folder; allowed: a file path, e.g. ${showValue(join(path, 'result.json'))}`;
  const dir = dirname(full);
  let folder: Stats;
  try {
    folder = probe.stat(dir);
  } catch {
    return `the folder ${showValue(dir)} does not exist; create it first (mkdir -p)`;
  }
  if (!folder.isDirectory()) return `${showValue(dir)} is not a folder`;
  if (!probe.writable(existing ? full : dir)) return `permission denied: cannot write ${existing ? 'this file' : `in the folder ${showValue(dir)}`}`;
  // Devices (/dev/null, /dev/stdout) have no disk to fill; a regular file does.
  if (!existing || existing.isFile()) {
    let free: number | undefined;
    try {
      free = probe.freeBytes(dir);
    } catch {
      free = undefined; // no statfs here: the write itself will say
    }
    if (free !== undefined && free < MIN_FREE_BYTES) return `the disk holding ${showValue(dir)} is full (${free} bytes free, at least ${MIN_FREE_BYTES} needed)`;
  }
  return undefined;
}

/** One line for a failed write: what happened, with the system's code. */
export function describeWriteError(e: unknown): string {
  const code = errorCode(e);
  const known: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a folder',
    ENOENT: 'no such file or folder',
    EROFS: 'read-only file system',
    EPIPE: 'the reader closed the pipe',
    EIO: 'input/output error',
  };
  if (code && known[code]) return `${known[code]} (${code})`;
  const message = (e as Error)?.message ?? String(e);
  return message.split('\n')[0].slice(0, 300);
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * Route write errors of `stream` (stdout) to `onError` instead of an uncaught 'error' event (which
 * Node prints with a stack trace). Installed once per stream; later errors of the same stream
 * (the rest of a large write after EPIPE) are absorbed.
 */
export function guardStdout(stream: NodeJS.WritableStream, onError: (e: NodeJS.ErrnoException) => void): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  let reported = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (reported) return;
    reported = true;
    onError(e);
  });
}
