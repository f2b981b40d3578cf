/**
 * Test harness: run the real command (`node bin/limits-lab.mjs …`) as a user would, with a hang
 * guard. Shared by the CLI's test files (not part of the CLI itself).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const BIN = new URL('./limits-lab.mjs', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Exit code, stdout and stderr of one CLI run; throws only when the run hangs past `timeout` ms. */
export async function cli(args: string[], options: { env?: Record<string, string>; timeout?: number } = {}): Promise<CliResult> {
  const timeout = options.timeout ?? 60_000;
  try {
    const env = options.env ? { ...process.env, ...options.env } : undefined;
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout, maxBuffer: 64 << 20, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; killed?: boolean };
    if (err.killed) throw new Error(`limits-lab ${args.join(' ')} hung (killed after ${timeout} ms)`);
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
