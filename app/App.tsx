/** The page layout: header (views, lessons, projector, link), collapsible control panel, status, messages, the view, cite/reproduce. */
import { ControlPanel } from './controls/ControlPanel.tsx';
import { CopyLink } from './components/CopyLink.tsx';
import { LessonsMenu } from './components/LessonsMenu.tsx';
import { Messages } from './components/Messages.tsx';
import { ProjectorToggle } from './components/ProjectorToggle.tsx';
import { Reproduce } from './components/Reproduce.tsx';
import { RunStatus } from './components/RunStatus.tsx';
import { ViewTabs } from './components/ViewTabs.tsx';
import type { RunController } from './state/runSync.ts';
import { useLab, useLabActions } from './state/useLab.ts';
import { viewDefinition } from './views/registry.ts';

function CurrentView() {
  const view = useLab((s) => s.spec.view);
  const def = viewDefinition(view);
  if (!def) {
    return (
      <p className="placeholder" data-testid="view-missing">
        The view “{view}” is not part of this build yet; choose another view above.
      </p>
    );
  }
  const View = def.component;
  return <View />;
}

export function App({ runs }: { runs: RunController }) {
  const panelOpen = useLab((s) => s.panelOpen);
  const { togglePanel } = useLabActions();
  return (
    <div className={`app ${panelOpen ? 'panel-open' : 'panel-closed'}`}>
      <header className="app-header">
        <button type="button" className="panel-toggle" aria-expanded={panelOpen} aria-controls="controls" data-testid="toggle-panel" onClick={() => togglePanel()}>
          {panelOpen ? '◀ Controls' : '▶ Controls'}
        </button>
        <h1>
          Limits Lab <span className="subtitle">random networks at initialisation: finite width against the limit</span>
        </h1>
        <ViewTabs />
        <LessonsMenu />
        <ProjectorToggle />
        <CopyLink />
      </header>
      <aside id="controls" className="app-controls" hidden={!panelOpen}>
        <ControlPanel />
      </aside>
      <main className="app-main">
        <RunStatus onCancel={runs.cancel} onRun={runs.runNow} />
        <Messages />
        <CurrentView />
        <Reproduce />
      </main>
    </div>
  );
}
