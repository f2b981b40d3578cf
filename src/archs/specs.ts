/**
 * The architectures' URL declarations, in the order of the `arch` values (imports core/ only, so
 * that core/spec.ts can build the schema from it). A new architecture adds its `spec.ts` here and
 * its module in archs/index.ts; its keys are appended to the schema after the existing ones.
 */
import { mlpSpec } from './mlp/spec.ts';
import { resnetSpec } from './resnet/spec.ts';
import { shapedSpec } from './shaped/spec.ts';
import { attentionSpec, shapedAttnSpec } from './attention/spec.ts';
import { cresnetSpec } from './cresnet/spec.ts';
import { shapedTxSpec } from './shapedtx/spec.ts';

export const ARCH_SPECS = [mlpSpec, resnetSpec, shapedSpec, attentionSpec, shapedAttnSpec, cresnetSpec, shapedTxSpec] as const;

/** The declaration of an architecture id (undefined for an id no architecture has). */
export function archSpec(id: string): (typeof ARCH_SPECS)[number] | undefined {
  return ARCH_SPECS.find((a) => a.id === id);
}
