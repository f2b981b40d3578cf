/**
 * arch=attention and arch=shapedattn on the page (issue 15 §2): their own words and equations for the
 * depth and distribution views (text.ts). The infinite-width line is the engine's kernel profile
 * (src/archs/attention/index.ts): the constant K_in for shaped attention, none (NaN, not drawn) for
 * standard attention.
 */
import type { PageArchModule } from '../types.ts';
import { attentionWords } from './text.ts';

function attentionPageModule(id: 'attention' | 'shapedattn'): PageArchModule {
  const shaped = id === 'shapedattn';
  const equation = (spec: Parameters<PageArchModule['kernelRecursionTex']>[0]) => attentionWords(spec, shaped).equation;
  return {
    id,
    activationName: () => 'Softmax attention',
    kernelRecursionTex: equation,
    varianceRecursionTex: equation,
    plainChain: false,
    ownWords: (spec) => attentionWords(spec, shaped),
  };
}

export const attentionPage = attentionPageModule('attention');
export const shapedAttnPage = attentionPageModule('shapedattn');
