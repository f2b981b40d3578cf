/**
 * The WebAssembly kernel of src/core/wasm against an earlier build of itself, in the same process
 * (issue 19: the last CPU speed gap). The earlier build is read from git (`--before=<rev>`, default
 * BEFORE_REV: the kernel as it was before the issue-19 speed work), both are instantiated side by
 * side and take turns, repeat after repeat, so that a busy machine slows them alike. Figures are
 * process CPU time (less sensitive than wall time to other processes on the machine), median of
 * the repeats:
 *   normals   nanoseconds per N(0,1) draw: `normals` over rows of 2048 (Philox4x32-10 + Box–Muller);
 *   rowsTimes nanoseconds per weight of the explicit method's fused kernel, `gaussian_rows_times`
 *             (draw a row of W, multiply it into H; n_in = 2048, k = 2, 64 rows a call);
 * and that both builds give the same numbers, bit for bit (they must: the draws are a contract).
 *
 *   node bin/run-ts.mjs bench/normalsKernel.ts [--before=<git rev>] [--repeats=R]
 * Also part of `npm run bench` (`cpuKernels.wasmBeforeAfter`).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHILOX_NORMALS_WASM_BASE64 } from '../src/core/wasm/philoxNormals.wasm.ts';

/** The last commit before the issue-19 speed work on the kernel (9.7 ns per draw on the quiet machine). */
export const BEFORE_REV = 'e7d75d8';

interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
  normals(seed: number, domain: number, net: number, layer: number, row: number, q0: number, nquads: number, out: number): void;
  gaussian_rows_times(seed: number, domain: number, net: number, layer: number, row0: number, nrows: number, nIn: number, H: number, k: number, acc: number, scratch: number): void;
}

const COLS = 2048;
const ROWS = 64;
const K = 2;

/** One instance with its buffers laid out: H, acc, scratch, normals out. */
function instantiate(base64: string) {
  const ex = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64')), {}).exports as unknown as Exports;
  const base = ((ex.__heap_base.value as number) + 15) & ~15;
  const hAt = base;
  const accAt = hAt + 8 * COLS * K;
  const scratchAt = accAt + 8 * ROWS * K;
  const outAt = scratchAt + 8 * 4 * (COLS + 16);
  const end = outAt + 8 * (COLS + 16);
  if (end > ex.memory.buffer.byteLength) ex.memory.grow(Math.ceil((end - ex.memory.buffer.byteLength) / 65536));
  const f64 = new Float64Array(ex.memory.buffer);
  for (let i = 0; i < COLS * K; i++) f64[(hAt >>> 3) + i] = Math.sin(1.7 * i) + 0.5;
  return {
    normalsRows(rows: number, net = 0): void {
      for (let i = 0; i < rows; i++) ex.normals(1, 1, net, 1, i, 0, COLS / 4, outAt);
    },
    rowsTimes(blocks: number, net = 0): void {
      for (let b = 0; b < blocks; b++) ex.gaussian_rows_times(1, 1, net, 2, b * ROWS, ROWS, COLS, hAt, K, accAt, scratchAt);
    },
    out: () => new Float64Array(ex.memory.buffer, outAt, COLS).slice(),
    acc: () => new Float64Array(ex.memory.buffer, accAt, ROWS * K).slice(),
  };
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function kernelAt(rev: string): string {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const text = execFileSync('git', ['show', `${rev}:src/core/wasm/philoxNormals.wasm.ts`], { cwd: repo, encoding: 'utf8' });
  return [...text.matchAll(/"([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]).join('');
}

export async function wasmBeforeAfter(options: { before?: string; repeats?: number } = {}): Promise<object> {
  const rev = options.before ?? BEFORE_REV;
  const repeats = options.repeats ?? 9;
  let beforeB64: string;
  try {
    beforeB64 = kernelAt(rev);
  } catch (e) {
    return { unavailable: `cannot read the kernel at ${rev} from git: ${(e as Error).message.split('\n')[0]}` };
  }
  const before = instantiate(beforeB64);
  const after = instantiate(PHILOX_NORMALS_WASM_BASE64);
  // Same numbers, bit for bit, on a few keys.
  let identical = true;
  for (const net of [0, 7, 123456]) {
    before.normalsRows(1, net);
    after.normalsRows(1, net);
    before.rowsTimes(1, net);
    after.rowsTimes(1, net);
    const [a, b, c, d] = [before.out(), after.out(), before.acc(), after.acc()];
    identical &&= a.every((x, i) => Object.is(x, b[i])) && c.every((x, i) => Object.is(x, d[i]));
  }
  const rowsPerRepeat = 256;
  const blocksPerRepeat = 4;
  const t = { normalsBefore: [] as number[], normalsAfter: [] as number[], rowsBefore: [] as number[], rowsAfter: [] as number[] };
  const time = (f: () => void, per: number) => {
    const c0 = cpuSeconds();
    f();
    return ((cpuSeconds() - c0) / per) * 1e9;
  };
  for (let r = -1; r < repeats; r++) {
    // r = −1: warm-up (V8 tiers the kernels up to TurboFan), not recorded.
    const nb = time(() => before.normalsRows(rowsPerRepeat), rowsPerRepeat * COLS);
    const na = time(() => after.normalsRows(rowsPerRepeat), rowsPerRepeat * COLS);
    const rb = time(() => before.rowsTimes(blocksPerRepeat), blocksPerRepeat * ROWS * COLS);
    const ra = time(() => after.rowsTimes(blocksPerRepeat), blocksPerRepeat * ROWS * COLS);
    if (r < 0) continue;
    t.normalsBefore.push(nb);
    t.normalsAfter.push(na);
    t.rowsBefore.push(rb);
    t.rowsAfter.push(ra);
  }
  const row = (b: number[], a: number[]) => ({ before: median(b), after: median(a), speedup: median(b) / median(a) });
  return {
    note: `process CPU time, median of ${repeats} repeats taking turns; before = the kernel at git ${rev}, after = this checkout's`,
    before: rev,
    identical,
    normalsNanoseconds: row(t.normalsBefore, t.normalsAfter),
    rowsTimesNanosecondsPerWeight: { nIn: COLS, k: K, ...row(t.rowsBefore, t.rowsAfter) },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const arg = (name: string) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const repeats = arg('repeats') === undefined ? undefined : Number(arg('repeats'));
  if (repeats !== undefined && !(Number.isInteger(repeats) && repeats >= 1 && repeats <= 1000)) {
    process.stderr.write(`normalsKernel: --repeats must be an integer in [1, 1000], got '${arg('repeats')}'\n`);
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(await wasmBeforeAfter({ before: arg('before'), repeats }), null, 2) + '\n');
}
