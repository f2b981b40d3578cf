/**
 * Before/after of the CPU engine's kernels (issue 19 §1), in one run: the JavaScript path (the
 * reference, and what runs where WebAssembly SIMD cannot) against the WebAssembly SIMD kernel
 * (src/core/wasm), switched with usePhiloxWasm. Process CPU time per unit, median of repeats:
 *   normals          one N(0,1) draw: Philox4x32-10 + Box–Muller (NormalStream.rowJs vs .row);
 *   explicitNetwork  one explicit network (draw every weight, W·H) at the peer sizes;
 *   gramNetwork      one gram network (draw n·k normals per layer, C ξ, φ, the two kernels).
 */
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import { NormalStream } from '../src/core/philox.ts';
import { DEFAULT_SPEC, type Method } from '../src/core/spec.ts';
import { usePhiloxWasm } from '../src/core/wasm/philoxWasm.ts';

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median CPU seconds of `f`, after one untimed call. */
async function cpuMedian(f: () => unknown, repeats: number): Promise<number> {
  await f();
  const t: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = cpuSeconds();
    await f();
    t.push(cpuSeconds() - c0);
  }
  return median(t);
}

export async function kernelsBeforeAfter(size: { n: number; L: number }, repeats: number): Promise<object> {
  const cols = 2048;
  const rows = 64;
  const row = new Float64Array(cols + 16);
  const stream = new NormalStream(1, 1);
  const normalsJs = (await cpuMedian(() => {
    for (let i = 0; i < rows; i++) stream.rowJs(0, 1, i, cols, row);
  }, repeats)) / (rows * cols);
  const normalsWasm = (await cpuMedian(() => {
    for (let i = 0; i < rows; i++) stream.row(0, 1, i, cols, row);
  }, repeats)) / (rows * cols);

  const network = async (method: Method, M: number, wasm: boolean): Promise<number> => {
    usePhiloxWasm(wasm);
    try {
      const backend = createCpuBackend();
      const spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, sb2: 0, k: 2, ...size, M, method };
      return (await cpuMedian(() => backend.simulate({ spec, netStart: 0, netCount: M, recordLayers: [size.L] }), repeats)) / M;
    } finally {
      usePhiloxWasm(true);
    }
  };
  const explicitJs = await network('explicit', 1, false);
  const explicitWasm = await network('explicit', 1, true);
  const gramJs = await network('gram', 16, false);
  const gramWasm = await network('gram', 16, true);
  return {
    note: 'process CPU time per unit, median of repeats; before = JavaScript path, after = WebAssembly SIMD kernel (same numbers)',
    ...size,
    k: 2,
    repeats,
    normalsNanoseconds: { before: normalsJs * 1e9, after: normalsWasm * 1e9, speedup: normalsJs / normalsWasm },
    explicitNetworkSeconds: { before: explicitJs, after: explicitWasm, speedup: explicitJs / explicitWasm },
    gramNetworkMilliseconds: { before: gramJs * 1e3, after: gramWasm * 1e3, speedup: gramJs / gramWasm },
  };
}
