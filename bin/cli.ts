/**
 * The command-line front-end: `limits-lab run '<query or URL>' [--backend cpu|webgpu] [--out file]`
 * prints the result JSON of DESIGN.md §6. Same spec, same engine as the page.
 * `--threads N` runs the CPU backend on N worker threads (threadPool.ts); `run --shard i/N` and
 * `merge` split a run across processes or machines (shardRun.ts).
 * Errors: exit code 2 and one line on stderr (never a stack trace unless --debug).
 */
import { writeFileSync } from 'node:fs';
import { PARAMS, type BackendChoice, type Spec } from '../src/core/spec.ts';
import { parseStrictNumber, showValue } from '../src/core/params.ts';
import { decodeSpec } from '../src/url/codec.ts';
import { VERSION } from '../src/version.ts';
import { runSpec } from '../src/experiments/runSpec.ts';
import { costIssues, DEFAULT_MAX_SECONDS, planSpec } from '../src/experiments/plan.ts';
import type { CostBackend } from '../src/core/cost.ts';
import { checkOutPath, describeWriteError, guardStdout } from './output.ts';
import { nodeBackend } from './nodeBackend.ts';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import { isTrainingView } from '../src/training/spec.ts';
import { parseShard, ShardUsageError } from './shardFiles.ts';
import { mergeParts, runShard, shardDone } from './shardRun.ts';
import { defaultThreads, MAX_THREADS, threadsFor } from './threadPool.ts';

export class UsageError extends Error {}

const USAGE = `usage: limits-lab run '<query string or URL>' [--backend cpu|webgpu|auto] [--threads N] [--shard i/N] [--out file] [--pretty] [--max-seconds S | --allow-long]
       limits-lab merge PART.json… [--out file] [--pretty]
       limits-lab --help | --version`;

export function helpText(): string {
  const rows = PARAMS.map((p) => {
    const def = (p.format as (v: unknown) => string)(p.default);
    return `  ${p.key.padEnd(8)} ${p.label}. ${p.doc}\n           allowed: ${p.allowed}; default: ${def}${'unit' in p && p.unit ? ` (${p.unit})` : ''}`;
  });
  return `Limits Lab ${VERSION}: width and depth limits of random neural networks at initialisation.

${USAGE}

The query uses the same keys as the page URL (everything after '?' or '#'), e.g.
  limits-lab run 'arch=resnet&act=relu&n=512&L=64&alpha=0.5&M=200'
  limits-lab run 'https://host/limits-lab/?act=tanh&sw2=1.5&L=50' --backend cpu --out tanh.json

Output: one JSON document {version, spec, backend, theory, mc?, limit?, sde?, …} (see README).
Errors: exit code 2 and one line on stderr naming the key, the value and what is allowed.

Options:
  --backend cpu|webgpu|auto  overrides the spec's backend key (auto: a hardware WebGPU adapter if
                             there is one, else the CPU; webgpu falls back to SwiftShader)
  --out FILE                 also write the JSON to FILE
  --pretty                   indent the JSON
  --max-seconds S            refuse runs that the cost model says may take longer than S seconds
                             (its upper bound; default ${DEFAULT_MAX_SECONDS}); the result states the run's
                             expected time and upper bound in backend.estimatedSeconds and
                             backend.estimatedMaxSeconds (the run after the CLI has started, with
                             nothing else running on the machine; the limit also counts starting
                             the worker threads, ~0.3 s each)
  --allow-long               no time limit
  --threads N                CPU worker threads, 1..${MAX_THREADS}; default: every core (here ${defaultThreads()}) for
                             runs over about a second of work, else 1 (starting a thread costs
                             about that); the numbers are bit-identical to --threads 1
  --shard i/N                compute shard i (0 ≤ i < N) of the run and write it to --out (needed),
                             nothing on stdout; every batch of M networks (depth profile, each width,
                             cell or variant of the view) is cut into N ranges and shard i simulates
                             range i. If --out already holds this shard of this spec, it is not
                             recomputed (stderr says so): re-running a sweep resumes it.
  --shard auto/N             the index from the environment, first set wins: SLURM_ARRAY_TASK_ID
                             (Slurm job arrays), JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs),
                             AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array jobs); 0-based
  --debug                    print stack traces of internal errors

Merge: limits-lab merge part-0.json … part-{N-1}.json [--out FILE] [--pretty] prints the document
the unsharded run prints (same JSON, same digest). Parts of another spec, version or shard count, a
missing or a repeated shard are refused with one line. Recipes for Slurm, Kubernetes and a container
image are in deploy/.

Keys:
${rows.join('\n')}
`;
}

interface CliArgs {
  command: 'run' | 'merge';
  query: string;
  /** merge: the part files. */
  files: string[];
  backend?: BackendChoice;
  out?: string;
  pretty: boolean;
  debug: boolean;
  /** Refuse runs expected to take longer (Infinity with --allow-long). */
  maxSeconds: number;
  threads?: number;
  shard?: string;
}

export function parseArgs(argv: string[]): CliArgs | 'help' | 'version' {
  if (argv.length === 0) throw new UsageError(`no command given; ${USAGE.split('\n')[0]}`);
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return 'help';
  if (argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'merge') throw new UsageError(`unknown command ${showValue(command)}; expected 'run' or 'merge' (see --help)`);
  const args: CliArgs = { command, query: '', files: [], pretty: false, debug: false, maxSeconds: DEFAULT_MAX_SECONDS };
  let query: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--backend' || a.startsWith('--backend=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'cpu' && v !== 'webgpu' && v !== 'auto') throw new UsageError(`--backend=${showValue(v ?? '')}: allowed: cpu, webgpu, auto`);
      args.backend = v;
    } else if (a === '--out' || a.startsWith('--out=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError('--out needs a file name');
      args.out = v;
    } else if (a === '--max-seconds' || a.startsWith('--max-seconds=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const seconds = parseStrictNumber(v ?? '');
      if (seconds === undefined || !(seconds > 0)) throw new UsageError(`--max-seconds=${showValue(v ?? '')}: allowed: a number of seconds > 0 (or --allow-long)`);
      args.maxSeconds = seconds;
    } else if (a === '--allow-long') args.maxSeconds = Infinity;
    else if (command === 'run' && (a === '--threads' || a.startsWith('--threads='))) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const t = Number(v);
      if (v === undefined || !/^\d+$/.test(v) || t < 1 || t > MAX_THREADS) throw new UsageError(`--threads=${showValue(v ?? '')}: allowed: an integer in 1..${MAX_THREADS}`);
      args.threads = t;
    } else if (command === 'run' && (a === '--shard' || a.startsWith('--shard='))) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError('--shard needs i/N or auto/N, e.g. --shard 0/4');
      args.shard = v;
    } else if (a === '--pretty') args.pretty = true;
    else if (a === '--debug') args.debug = true;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${showValue(a)} (see --help)`);
    else if (command === 'merge') args.files.push(a);
    else if (query === undefined) query = a;
    else throw new UsageError(`unexpected extra argument ${showValue(a)}; quote the query string`);
  }
  if (command === 'merge') {
    if (args.files.length === 0) throw new UsageError('merge needs the part files, e.g. limits-lab merge part-*.json');
    return args;
  }
  if (query === undefined) throw new UsageError(`run needs a query string, e.g. limits-lab run 'act=tanh&L=20'`);
  if (args.shard !== undefined && args.out === undefined) throw new UsageError(`--shard=${args.shard} needs --out FILE (the part that merge reads)`);
  args.query = query;
  return args;
}

/**
 * The CLI's decode path: query → validated spec, or every issue (key, value, allowed range) that
 * stops it — the URL codec, then the cost model for `backend`. main() and the fuzz suite
 * (bin/fuzz.test.ts) both go through it.
 */
export function checkQuery(query: string, options: { backend?: BackendChoice; costBackend?: CostBackend; maxSeconds?: number; shards?: number } = {}): { ok: true; spec: Spec } | { ok: false; issues: { key: string; value: string; message: string }[] } {
  const decoded = decodeSpec(query);
  if (decoded.issues.length > 0) return { ok: false, issues: [...decoded.issues] };
  const spec = options.backend ? { ...decoded.spec, backend: options.backend } : decoded.spec;
  const cost = costIssues(spec, options.costBackend ?? (spec.backend === 'cpu' ? 'cpu' : 'webgpu'), { maxSeconds: options.maxSeconds, shards: options.shards });
  return cost.length > 0 ? { ok: false, issues: cost } : { ok: true, spec };
}

/**
 * The result document on stdout and --out (the same bytes for a run and a merge of its shards):
 * a failed write is one line (ENOSPC…), a reader that closed the pipe ends the command quietly.
 */
async function emit(result: unknown, args: CliArgs): Promise<number> {
  const json = `${JSON.stringify(result, null, args.pretty ? 2 : undefined)}\n`;
  if (args.out) {
    try {
      writeFileSync(args.out, json);
    } catch (e) {
      throw new UsageError(`--out ${showValue(args.out)}: ${describeWriteError(e)}`);
    }
  }
  return writeStdout(json);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 2000);
}

/** Write the result to stdout: 0 when written (or when the reader closed the pipe: nothing to say), 1 on another error. */
function writeStdout(text: string): Promise<number> {
  return new Promise((resolve) => {
    guardStdout(process.stdout, (e) => {
      if (e.code === 'EPIPE') resolve(0);
      else {
        process.stderr.write(`limits-lab: cannot write the result to stdout: ${describeWriteError(e)}\n`);
        resolve(1);
      }
    });
    process.stdout.write(text, (e) => {
      if (!e) resolve(0);
    });
  });
}

export async function main(argv: string[]): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const args = parseArgs(argv);
    if (args === 'help') return await writeStdout(helpText());
    if (args === 'version') return await writeStdout(`${VERSION}\n`);
    debug = args.debug;
    if (args.command === 'merge') {
      if (args.out) {
        const problem = checkOutPath(args.out);
        if (problem) throw new UsageError(`--out ${showValue(args.out)}: ${problem}`);
      }
      return await emit(await mergeParts(args.files), args);
    }
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    // Refuse what no backend could run before starting one (starting Dawn takes time and prints):
    // with backend=webgpu the adapter is not known yet, so the optimistic (hardware) estimate.
    const checked = checkQuery(args.query, { backend: args.backend, maxSeconds: args.maxSeconds, shards: shard?.count });
    if (!checked.ok) throw new UsageError(checked.issues.map((i) => i.message).join('; '));
    const spec = checked.spec;
    // The training views train on the CPU in this process: nothing of theirs is split into shards.
    if (shard && shard.count > 1 && isTrainingView(spec.view))
      throw new UsageError(`--shard=${args.shard}: view=${spec.view} trains its networks in one process (a training run is not split into shards); run it without --shard`);
    // --out is checked before the run: a missing folder, a folder, no permission or a full disk.
    if (args.out) {
      const problem = checkOutPath(args.out);
      if (problem) throw new UsageError(`--out ${showValue(args.out)}: ${problem}`);
    }
    if (shard && shardDone(spec, shard, args.out!)) return 0;
    // Theory only (M = 0) needs no simulation backend at all.
    const threads = threadsFor(planSpec(spec).ops / (shard?.count ?? 1), args.threads);
    // The training views train on the CPU whatever the backend (src/experiments/training/): no simulation backend to start.
    const backend = spec.M === 0 || isTrainingView(spec.view) ? createCpuBackend() : await nodeBackend(spec.backend, threads);
    try {
      // Again with the adapter known (a software adapter is far slower than a GPU).
      const cost = costIssues(spec, backend.info, { maxSeconds: args.maxSeconds, shards: shard?.count, threads: spec.M === 0 ? 1 : threads });
      if (cost.length > 0) throw new UsageError(cost.map((i) => i.message).join('; '));
      if (shard) {
        await runShard(spec, shard, args.out!, backend);
        return 0;
      }
      return await emit(await runSpec(spec, { backend }), args);
    } finally {
      backend.dispose();
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ShardUsageError) {
      process.stderr.write(`limits-lab: ${oneLine(e.message)}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`limits-lab: internal error: ${oneLine(err?.message ?? String(e))}\n`);
    if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
