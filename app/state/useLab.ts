/**
 * The React side of the store: a context carrying the vanilla store, and a selector hook.
 * Components read slices with `useLab(s => s.spec.n)` and call actions from `useLabActions()`.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabActions, LabState, LabStore } from './labStore.ts';

export const LabStoreContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab must be used inside <LabStoreContext.Provider>');
  return store;
}

export function useLab<T>(selector: (state: LabState & LabActions) => T): T {
  return useStore(useLabStore(), selector);
}

/** The actions (stable functions: reading them never re-renders). */
export function useLabActions(): LabActions {
  return useLabStore().getState();
}
