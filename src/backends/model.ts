/**
 * The network model of a spec in numbers: every scale factor of the forward pass (DESIGN.md §1,
 * backends/types.ts). Each architecture builds its own (src/archs/<id>/index.ts, `network`); both
 * the CPU and the WebGPU backends simulate that same dense chain.
 */
import { archOf } from '../archs/index.ts';
import type { NetworkModel } from '../archs/types.ts';
import type { Spec } from '../core/spec.ts';

export type { NetworkModel } from '../archs/types.ts';

export function networkModel(spec: Spec): NetworkModel {
  return archOf(spec).network(spec);
}
