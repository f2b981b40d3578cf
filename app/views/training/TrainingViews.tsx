/**
 * The training views' components (issue 17 §4), registered in app/views/index.ts: each reads its
 * block from the current run (useViewBlock; streamed partial blocks while it trains) and what the
 * spec will train (experiments/training/settings.ts, the runners' one resolution of the `auto`
 * values) so that the axes are right before the first width finishes.
 */
import { useMemo } from 'react';
import type { Spec } from '../../../src/core/spec.ts';
import { trainingSettings, type TrainingSettings } from '../../../src/experiments/training/settings.ts';
import { transferFamilies } from '../../../src/experiments/training/transferView.ts';
import type { TrainingViewId } from '../../../src/training/spec.ts';
import { Unavailable } from '../../components/Unavailable.tsx';
import { useLab } from '../../state/useLab.ts';
import { useViewBlock } from '../useResults.ts';
import { CoordCheckPanels } from './CoordCheckPanels.tsx';
import { MovementPanels } from './MovementPanels.tsx';
import { NtkInitPanels } from './NtkInitPanels.tsx';
import { NtkRegimePanels } from './NtkRegimePanels.tsx';
import { TransferPanels, type PlannedFamily } from './TransferPanels.tsx';
import { trainingFix } from './trainingFix.ts';

/** Why the view cannot run this spec, with the one-click change that lets it (trainingFix.ts) where there is one. */
function Cannot({ view, reason }: { view: TrainingViewId; reason: string }) {
  const spec = useLab((s) => s.spec);
  const fix = useMemo(() => trainingFix(spec, view), [spec, view]);
  return <Unavailable reason={reason} fix={fix} />;
}

/** The spec's resolved training settings, or why they cannot be resolved (an activation the engine refuses). */
function useSettings(view: TrainingViewId): { settings?: TrainingSettings; problem?: string } {
  const spec: Spec = useLab((s) => s.spec);
  return useMemo(() => {
    try {
      return { settings: trainingSettings(spec, view) };
    } catch (e) {
      return { problem: e instanceof Error ? e.message : String(e) };
    }
  }, [spec, view]);
}

export function CoordView() {
  const { block, unavailable } = useViewBlock('coord');
  const { settings, problem } = useSettings('coord');
  if (unavailable || !settings) return <Cannot view="coord" reason={unavailable ?? problem ?? 'no settings'} />;
  return <CoordCheckPanels block={block} params={settings.params} widths={settings.widths} steps={settings.steps} optimizer={settings.optimizer === 'sgd' ? 'SGD' : 'Adam'} eta={settings.eta} />;
}

export function MovementView() {
  const { block, unavailable } = useViewBlock('movement');
  const { settings, problem } = useSettings('movement');
  if (unavailable || !settings) return <Cannot view="movement" reason={unavailable ?? problem ?? 'no settings'} />;
  return <MovementPanels block={block} params={settings.params} widths={settings.widths} />;
}

export function NtkRegimeView() {
  const { block, unavailable } = useViewBlock('ntkreg');
  const { settings, problem } = useSettings('ntkreg');
  if (unavailable || !settings) return <Cannot view="ntkreg" reason={unavailable ?? problem ?? 'no settings'} />;
  return <NtkRegimePanels block={block} params={settings.params} widths={settings.widths} steps={settings.steps} />;
}

export function TransferView() {
  const { block, unavailable } = useViewBlock('transfer');
  const { settings, problem } = useSettings('transfer');
  const planned = useMemo((): PlannedFamily[] => {
    if (!settings) return [];
    const f = transferFamilies(settings);
    return [...f.width.map((p) => ({ id: p.id, label: p.label, axis: 'n' as const })), ...f.depth.map((p) => ({ id: p.id, label: p.label, axis: 'L' as const }))];
  }, [settings]);
  if (unavailable || !settings) return <Cannot view="transfer" reason={unavailable ?? problem ?? 'no settings'} />;
  return <TransferPanels block={block} planned={planned} steps={settings.steps} widths={settings.widths} depths={settings.depths} />;
}

export function NtkInitView() {
  const { block, unavailable } = useViewBlock('ntkinit');
  const { settings, problem } = useSettings('ntkinit');
  if (unavailable || !settings) return <Cannot view="ntkinit" reason={unavailable ?? problem ?? 'no settings'} />;
  return <NtkInitPanels block={block} widths={settings.widths} depths={settings.depths} />;
}
