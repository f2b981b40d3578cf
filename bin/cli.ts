/**
 * The command-line front-end: `limits-lab run '<query or URL>' [--backend cpu|webgpu] [--out file]`
 * prints the result JSON of DESIGN.md §6. Same spec, same engine as the page.
 * `--threads N` runs the CPU backend on N worker threads (threadPool.ts); `run --shard i/N` and
 * `merge` split a run across processes or machines (shardRun.ts).
 * Errors: exit code 2 and one line on stderr (never a stack trace unless --debug).
 */
import { writeFileSync } from 'node:fs';
import { PARAMS, type BackendChoice } from '../src/core/spec.ts';
import { showValue } from '../src/core/params.ts';
import { decodeSpec } from '../src/url/codec.ts';
import { VERSION } from '../src/version.ts';
import { runSpec } from '../src/experiments/runSpec.ts';
import { costIssues, planSpec } from '../src/experiments/plan.ts';
import { nodeBackend } from './nodeBackend.ts';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import { parseShard, ShardUsageError } from './shardFiles.ts';
import { mergeParts, runShard, shardDone } from './shardRun.ts';
import { defaultThreads, MAX_THREADS, threadsFor } from './threadPool.ts';

export class UsageError extends Error {}

const USAGE = `usage: limits-lab run '<query string or URL>' [--backend cpu|webgpu|auto] [--threads N] [--shard i/N] [--out file] [--pretty]
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
  threads?: number;
  shard?: string;
}

export function parseArgs(argv: string[]): CliArgs | 'help' | 'version' {
  if (argv.length === 0) throw new UsageError(`no command given; ${USAGE.split('\n')[0]}`);
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return 'help';
  if (argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'merge') throw new UsageError(`unknown command ${showValue(command)}; expected 'run' or 'merge' (see --help)`);
  const args: CliArgs = { command, query: '', files: [], pretty: false, debug: false };
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
    } else if (command === 'run' && (a === '--threads' || a.startsWith('--threads='))) {
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

/** The result document on stdout (and --out): the same bytes for a run and a merge of its shards. */
function emit(result: unknown, args: CliArgs): void {
  const json = JSON.stringify(result, null, args.pretty ? 2 : undefined);
  process.stdout.write(`${json}\n`);
  if (args.out) writeFileSync(args.out, `${json}\n`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 2000);
}

export async function main(argv: string[]): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      process.stdout.write(helpText());
      return 0;
    }
    if (args === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    debug = args.debug;
    if (args.command === 'merge') {
      emit(await mergeParts(args.files), args);
      return 0;
    }
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const decoded = decodeSpec(args.query);
    if (decoded.issues.length > 0) throw new UsageError(decoded.issues.map((i) => i.message).join('; '));
    const spec = args.backend ? { ...decoded.spec, backend: args.backend } : decoded.spec;
    // Refuse what no backend could run before starting one (starting Dawn takes time and prints).
    const refuse = (backend: 'cpu' | 'webgpu') => {
      const cost = costIssues(spec, backend, shard?.count);
      if (cost.length > 0) throw new UsageError(cost.map((i) => i.message).join('; '));
    };
    refuse(spec.backend === 'cpu' ? 'cpu' : 'webgpu');
    if (shard && shardDone(spec, shard, args.out!)) return 0;
    // Theory only (M = 0) needs no simulation backend at all.
    const threads = threadsFor(planSpec(spec).ops / (shard?.count ?? 1), args.threads);
    const backend = spec.M === 0 ? createCpuBackend() : await nodeBackend(spec.backend, threads);
    try {
      refuse(backend.info.name);
    } catch (e) {
      backend.dispose();
      throw e;
    }
    try {
      if (shard) await runShard(spec, shard, args.out!, backend);
      else emit(await runSpec(spec, { backend }), args);
    } finally {
      backend.dispose();
    }
    return 0;
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
