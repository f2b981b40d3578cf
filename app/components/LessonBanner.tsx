/**
 * The banner of an open lesson (issue 14 §2): title, question, the paper, numbered steps, the
 * claim — after Reveal in a predict round, folded otherwise so the class can guess first — and the
 * previous / next lesson. Opened by the lesson's link (state/lesson.ts); closing it shows every
 * control again.
 */
import { predictionTarget } from '../views/prediction.ts';
import { lessonById, neighbours } from '../state/lesson.ts';
import { useLab, useLabActions } from '../state/useLab.ts';
import { RichLabel } from './RichLabel.tsx';
import { Prose } from './Tex.tsx';

export function LessonBanner() {
  const lesson = useLab((s) => lessonById(s.lessonId));
  const predict = useLab((s) => s.spec.predict && predictionTarget(s.spec.view) !== undefined);
  const revealed = useLab((s) => s.prediction.revealed);
  const { setLesson } = useLabActions();
  if (!lesson) return null;
  const { previous, next } = neighbours(lesson.id);
  return (
    <section className="lesson-banner" aria-labelledby="lesson-banner-title" data-testid="lesson-banner" data-lesson={lesson.id}>
      <div className="lesson-banner-head">
        <h2 id="lesson-banner-title">
          <span className="lesson-banner-kicker">Lesson</span> {lesson.title}
        </h2>
        <nav className="lesson-banner-nav" aria-label="Other lessons">
          {previous && (
            <a href={`?${previous.url}`} data-testid="lesson-previous" title={previous.title}>
              ← Previous
            </a>
          )}
          {next && (
            <a href={`?${next.url}`} data-testid="lesson-next" title={next.title}>
              Next →
            </a>
          )}
          <button type="button" className="lesson-banner-close" data-testid="lesson-close" aria-label="Close the lesson (show every control)" onClick={() => setLesson(undefined)}>
            ×
          </button>
        </nav>
      </div>
      <p className="lesson-banner-question" data-testid="lesson-question">
        <RichLabel text={lesson.question} />{' '}
        <a className="lesson-banner-paper" href={lesson.paper.href} target="_blank" rel="noreferrer" title={lesson.paper.title}>
          ({lesson.paper.cite})
        </a>
      </p>
      <ol className="lesson-banner-steps" data-testid="lesson-steps">
        {lesson.steps.map((step) => (
          <li key={step}>
            <Prose text={step} />
          </li>
        ))}
      </ol>
      {predict && !revealed ? (
        <p className="lesson-banner-claim lesson-banner-claim-hidden" data-testid="lesson-claim-hidden">
          What the plot shows appears here once you have placed your guess and pressed Reveal.
        </p>
      ) : predict ? (
        <p className="lesson-banner-claim" data-testid="lesson-claim">
          <strong>What the plot shows:</strong> <Prose text={lesson.claim} />
        </p>
      ) : (
        <details className="lesson-banner-claim" data-testid="lesson-claim-folded">
          <summary>What the plot shows (guess first)</summary>
          <p data-testid="lesson-claim">
            <Prose text={lesson.claim} />
          </p>
        </details>
      )}
    </section>
  );
}
