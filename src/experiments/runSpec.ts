/**
 * One entry point from a validated spec to the result document, dispatching on `view`. The CLI
 * prints it, the page exports it, e2e compares the two.
 */
import type { Spec } from '../core/spec.ts';
import type { LabResult } from './result.ts';
import { runLab, type LabRunOptions } from './runLab.ts';
import { runWidthSweep } from './widthSweep.ts';

export async function runSpec(spec: Spec, options: LabRunOptions): Promise<LabResult> {
  const { result } = await runLab(spec, options);
  if (spec.view === 'width' && spec.M > 0) {
    const width = await runWidthSweep(spec, { backend: options.backend, signal: options.signal });
    return { ...result, width };
  }
  return result;
}
