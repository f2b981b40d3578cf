/**
 * The "Lessons" menu in the header: each lesson (app/presets.ts) as a link that opens its
 * experiment, with the question it answers and the paper it follows.
 */
import { useMenuDetails } from '../hooks/useMenuDetails.ts';
import { decodeSpec } from '../../src/url/codec.ts';
import { LESSONS } from '../presets.ts';
import { lessonCpuTime } from '../state/runEstimate.ts';
import { RichLabel } from './RichLabel.tsx';

export function LessonsMenu() {
  const menu = useMenuDetails();
  return (
    <details className="lessons" ref={menu} data-testid="lessons">
      <summary>Lessons</summary>
      <ul className="lessons-list">
        <li className="lesson lesson-all">
          <a href="./lessons.html" data-testid="lessons-gallery" className="lesson-link">
            <strong>The lessons gallery: every lesson as a card →</strong>
          </a>
        </li>
        {LESSONS.map((l) => (
          <li key={l.id} className="lesson">
            <a href={`?${l.url}`} data-testid={`lesson-${l.id}`} className="lesson-link">
              <strong>{l.title}</strong>
              <span className="lesson-question">
                <RichLabel text={l.question} />
              </span>
            </a>
            <span className="lesson-meta">
              <a href={l.paper.href} target="_blank" rel="noreferrer" title={l.paper.title}>
                {l.paper.cite}
              </a>{' '}
              · CPU: {lessonCpuTime(l.url, (q) => decodeSpec(q).spec)}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
