/**
 * Run time of every view's default (`view=<id>` with every other key at its default) and of every
 * lesson on the CPU backend, through runSpec — the engine function the CLI calls (bin/cli.ts).
 * Issue 14 §4: each must finish in at most BUDGET_SECONDS on a 2-core machine. Timings are
 * reported here, never asserted in a test (STYLE.md rule 9).
 *
 * Standalone: `node bin/run-ts.mjs bench/defaultsTime.ts [--cap=SECONDS]`; `npm run bench` includes it.
 */
import { cpus, loadavg } from 'node:os';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import { VIEWS } from '../src/core/spec.ts';
import { runSpec } from '../src/experiments/runSpec.ts';
import { decodeSpec } from '../src/url/codec.ts';
import { LESSONS } from '../app/presets.ts';
import { ASK_ABOVE_SECONDS, estimateRun } from '../src/experiments/plan.ts';

/** Issue 14 §4: the longest a default view or a lesson may take on a 2-core CPU. */
export const BUDGET_SECONDS = 15;

export interface SpecTiming {
  readonly name: string;
  readonly query: string;
  /** Wall seconds of runSpec on the CPU backend; null when the run was stopped at the cap. */
  readonly seconds: number | null;
  /**
   * CPU seconds this process spent on it (user + system): what the run costs on an idle core. On a
   * loaded machine the wall time is larger; both are reported.
   */
  readonly cpuSeconds: number;
  /** Over BUDGET_SECONDS of wall time (or stopped at the cap). */
  readonly overBudget: boolean;
  /** Over BUDGET_SECONDS of CPU time: over budget even on an idle machine. */
  readonly overBudgetCpu: boolean;
  /** The cost model's expected seconds and upper bound (plan.ts estimateRun) for this run on the CPU. */
  readonly statedSeconds: number;
  readonly statedMaxSeconds: number;
  /** The page would ask "Run it?" first (upper bound over ASK_ABOVE_SECONDS). */
  readonly asks: boolean;
}

/** Every default view and every lesson, as (name, query) pairs. */
export function timedSpecs(): { name: string; query: string }[] {
  return [
    ...VIEWS.map((v) => ({ name: `view ${v} (defaults)`, query: `view=${v}` })),
    ...LESSONS.map((l) => ({ name: `lesson ${l.id}`, query: l.url })),
  ];
}

export async function timeDefaults(options: { capSeconds?: number; log?: (line: string) => void } = {}): Promise<{ budgetSeconds: number; cpus: number; loadAverage: { start: number; end: number }; runs: SpecTiming[]; over: string[]; asks: string[]; overCpu: string[] }> {
  // The 1-minute load average: on a shared machine wall times exceed CPU times by about load/cores.
  const loadStart = loadavg()[0];
  const cap = options.capSeconds ?? 4 * BUDGET_SECONDS;
  const runs: SpecTiming[] = [];
  for (const { name, query } of timedSpecs()) {
    const decoded = decodeSpec(query);
    if (decoded.issues.length > 0) throw new Error(`${name}: ${decoded.issues.map((i) => i.message).join('; ')}`);
    const spec = { ...decoded.spec, backend: 'cpu' as const };
    const backend = createCpuBackend();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), cap * 1000);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let seconds: number | null;
    try {
      await runSpec(spec, { backend, signal: abort.signal });
      seconds = (performance.now() - t0) / 1000;
    } catch (e) {
      if (!abort.signal.aborted) throw e;
      seconds = null;
    } finally {
      clearTimeout(timer);
      backend.dispose();
    }
    const c = process.cpuUsage(c0);
    const cpuSeconds = (c.user + c.system) / 1e6;
    // What the cost model states before the run (the page asks above ASK_ABOVE_SECONDS of its upper bound).
    const stated = estimateRun(spec, 'cpu');
    const timing = {
      name,
      query,
      seconds,
      cpuSeconds,
      overBudget: seconds === null || seconds > BUDGET_SECONDS,
      overBudgetCpu: cpuSeconds > BUDGET_SECONDS,
      statedSeconds: Number(stated.seconds.toPrecision(3)),
      statedMaxSeconds: Number(stated.maxSeconds.toPrecision(3)),
      asks: stated.maxSeconds > ASK_ABOVE_SECONDS,
    };
    runs.push(timing);
    options.log?.(`${timing.overBudget ? 'OVER' : '  ok'}  ${seconds === null ? `> ${cap}` : seconds.toFixed(2).padStart(6)} s wall  ${cpuSeconds.toFixed(2).padStart(6)} s cpu  stated about ${stated.seconds.toFixed(2)} s, at most ${stated.maxSeconds.toFixed(2)} s${timing.asks ? ' (ASKS)' : ''}  ${name}  ${query}`);
  }
  return {
    budgetSeconds: BUDGET_SECONDS,
    cpus: cpus().length,
    loadAverage: { start: loadStart, end: loadavg()[0] },
    runs,
    over: runs.filter((r) => r.overBudget).map((r) => r.name),
    asks: runs.filter((r) => r.asks).map((r) => r.name),
    overCpu: runs.filter((r) => r.overBudgetCpu).map((r) => r.name),
  };
}

if (process.argv[1]?.endsWith('defaultsTime.ts')) {
  const capArg = process.argv.find((a) => a.startsWith('--cap='));
  const report = await timeDefaults({ capSeconds: capArg ? Number(capArg.slice(6)) : undefined, log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(report.over.length > 0 ? `over ${BUDGET_SECONDS} s of wall time (load average ${report.loadAverage.start.toFixed(1)} on ${report.cpus} cores): ${report.over.join(', ')}\n` : `every default view and lesson ran in ≤ ${BUDGET_SECONDS} s\n`);
  process.stderr.write(report.overCpu.length > 0 ? `over ${BUDGET_SECONDS} s of CPU time: ${report.overCpu.join(', ')}\n` : `every default view and lesson took ≤ ${BUDGET_SECONDS} s of CPU time\n`);
  process.exit(0);
}
