/**
 * arch=shapedtx on the page (issue 15 §2): its own words and equations for the depth and
 * distribution views (text.ts). The infinite-width line is the engine's kernel profile
 * (src/archs/shapedtx/index.ts): the constant K_in.
 */
import type { PageArchModule } from '../types.ts';
import { shapedBlockWords } from './text.ts';

const equation = (spec: Parameters<PageArchModule['kernelRecursionTex']>[0]) => shapedBlockWords(spec).equation;

export const shapedTxPage: PageArchModule = {
  id: 'shapedtx',
  activationName: () => 'shaped attention + shaped-ReLU MLP',
  kernelRecursionTex: equation,
  varianceRecursionTex: equation,
  plainChain: false,
  ownWords: (spec) => shapedBlockWords(spec),
};
