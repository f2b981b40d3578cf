/** The page layout: header (views, lessons, projector, link), collapsible control panel, status, messages, the view, cite/reproduce. */
import { ControlPanel } from './controls/ControlPanel.tsx';
import { CopyLink } from './components/CopyLink.tsx';
import { LessonBanner } from './components/LessonBanner.tsx';
import { LessonsMenu } from './components/LessonsMenu.tsx';
import { Messages } from './components/Messages.tsx';
import { ProjectorToggle } from './components/ProjectorToggle.tsx';
import { Reproduce } from './components/Reproduce.tsx';
import { RunStatus } from './components/RunStatus.tsx';
import { ViewTabs } from './components/ViewTabs.tsx';
import type { RunController } from './state/runSync.ts';
import { theoryKey } from './state/theorySync.ts';
import { useLab, useLabActions } from './state/useLab.ts';
import { PREDICTION_VIEWS, predictionTarget } from './views/prediction.ts';
import { VIEW_LABEL, viewDefinition } from './views/registry.ts';

/** predict=1 in a view without a prediction target: say where the game is played instead of ignoring the key. */
function PredictionNotice() {
  const { predict, view } = useLab((s) => s.spec);
  if (!predict || predictionTarget(view)) return null;
  return (
    <p className="panel-note prediction-notice" data-testid="prediction-notice">
      Predict, then reveal (predict=1) is played in the {PREDICTION_VIEWS.map((v) => VIEW_LABEL[v]).join(', ')} views; this view shows its networks directly.
    </p>
  );
}

/** Embed mode: the open lesson's controls in one row; nothing when no lesson is open. */
function EmbedControls() {
  const lesson = useLab((s) => s.lessonId);
  if (!lesson) return null;
  return (
    <div className="embed-controls" data-testid="embed-controls">
      <ControlPanel />
    </div>
  );
}

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
  // The theory of the spec on screen: pending while the Worker computes it, then fast or exact.
  const theoryState = useLab((s) => (s.theory && s.theory.specKey === theoryKey(s.spec) ? s.theory.precision : 'pending'));
  const embed = useLab((s) => s.spec.embed);
  const withLesson = useLab((s) => s.lessonId !== undefined);
  if (embed) {
    // Embed mode (embed=1, issue 14 §2): for an iframe or a slide — no header, no panel, no
    // citation; the lesson's controls (or none) over the view's first plot.
    return (
      <div className="app app-embed" data-testid="app" data-theory={theoryState}>
        <main className="app-main">
          <EmbedControls />
          <RunStatus onCancel={runs.cancel} onRun={runs.runNow} />
          <Messages />
          <CurrentView />
        </main>
      </div>
    );
  }
  return (
    <div className={`app ${panelOpen ? 'panel-open' : 'panel-closed'}`} data-testid="app" data-theory={theoryState}>
      <header className="app-header">
        <button type="button" className="panel-toggle" aria-expanded={panelOpen} aria-controls="controls" data-testid="toggle-panel" onClick={() => togglePanel()}>
          {panelOpen ? '◀ Controls' : '▶ Controls'}
        </button>
        <h1>
          Limits Lab <span className="subtitle">random networks at initialisation and in training: finite width against the limit</span>
        </h1>
        <ViewTabs />
        <LessonsMenu />
        <ProjectorToggle />
        <CopyLink />
      </header>
      <aside id="controls" className="app-controls" hidden={!panelOpen}>
        <ControlPanel />
      </aside>
      <main className={withLesson ? 'app-main with-lesson' : 'app-main'}>
        <LessonBanner />
        <RunStatus onCancel={runs.cancel} onRun={runs.runNow} />
        <Messages />
        <PredictionNotice />
        <CurrentView />
        <Reproduce />
      </main>
    </div>
  );
}
