/**
 * Before running: estimate the work and memory of a spec and refuse, with the estimate and the keys
 * to change, what would take too long or too much memory on the chosen backend.
 */
import { formatOps, MEMORY_BUDGET_BYTES, simulationBytes, simulationOps, WORK_BUDGET, type SimSize } from '../core/cost.ts';
import type { Spec, SpecIssue } from '../core/spec.ts';
import { recordedLayers } from './monteCarlo.ts';
import { samplesDepthNetworks, viewPlan } from './viewRunners.ts';

export interface Plan {
  readonly sizes: readonly SimSize[];
  readonly ops: number;
  readonly bytes: number;
}

/**
 * The simulations a spec asks for: one batch of M networks when the view draws them, plus the
 * view's own (viewRunners.ts).
 */
export function planSpec(spec: Spec): Plan {
  const sizes: SimSize[] = [];
  if (spec.M > 0) {
    const recorded = recordedLayers(spec.arch, spec.L).length;
    if (samplesDepthNetworks(spec)) sizes.push({ method: spec.method, n: spec.n, L: spec.L, k: spec.k, M: spec.M, recorded });
    sizes.push(...viewPlan(spec));
  }
  let ops = 0;
  let bytes = 0;
  for (const s of sizes) {
    ops += simulationOps(s);
    bytes = Math.max(bytes, simulationBytes(s));
  }
  return { sizes, ops, bytes };
}

/**
 * Issues that stop a spec from running on `backend` ('cpu' or 'webgpu'). `shards`: the run is one
 * of that many shards (run --shard i/N), each simulating about 1/N of the networks.
 */
export function costIssues(spec: Spec, backend: 'cpu' | 'webgpu', shards = 1): SpecIssue[] {
  const plan = planSpec(spec);
  const issues: SpecIssue[] = [];
  const budget = WORK_BUDGET[backend];
  if (plan.ops / shards > budget) {
    const each = shards > 1 ? ` (${formatOps(plan.ops / shards)} in each of ${shards} shards)` : '';
    issues.push({
      key: 'M',
      value: String(spec.M),
      message: `M=${spec.M} with n=${spec.n}, L=${spec.L}, k=${spec.k}, method=${spec.method} is about ${formatOps(plan.ops)} operations${each}, over the ${backend} limit of ${formatOps(budget)}; reduce M, n or L${spec.method === 'explicit' ? ', or use method=gram' : ''}${backend === 'cpu' ? ', or run on a WebGPU backend' : ''}`,
    });
  }
  if (plan.bytes > MEMORY_BUDGET_BYTES) {
    issues.push({
      key: 'M',
      value: String(spec.M),
      message: `M=${spec.M} would keep ${(plan.bytes / 2 ** 20).toFixed(0)} MiB of samples, over the ${MEMORY_BUDGET_BYTES / 2 ** 20} MiB limit; reduce M or L`,
    });
  }
  return issues;
}
