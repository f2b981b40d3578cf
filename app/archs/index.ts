/**
 * The page side of the architecture registry: one PageArchModule per value of `arch`
 * (src/archs/index.ts holds the engine side). Views and the theory engine ask it.
 */
import type { Spec } from '../../src/core/spec.ts';
import { mlpPage } from './mlp/index.ts';
import { resnetPage } from './resnet/index.ts';
import { shapedPage } from './shaped/index.ts';
import { cresnetPage } from './cresnet/index.ts';
import { attentionPage, shapedAttnPage } from './attention/index.ts';
import { shapedTxPage } from './shapedtx/index.ts';
import type { PageArchModule } from './types.ts';

export type { PageArchModule } from './types.ts';

export const PAGE_ARCH_MODULES: readonly PageArchModule[] = [mlpPage, resnetPage, shapedPage, attentionPage, shapedAttnPage, cresnetPage, shapedTxPage];

const byId = new Map(PAGE_ARCH_MODULES.map((m) => [m.id, m]));

/** The page module of a spec's architecture (throws on an id without one: every registered arch has one). */
export function pageArch(spec: Pick<Spec, 'arch'>): PageArchModule {
  const m = byId.get(spec.arch);
  if (!m) throw new RangeError(`no page module for arch '${spec.arch}' (app/archs/index.ts)`);
  return m;
}
