/**
 * The lessons gallery (lessons.html): one card per lesson of app/presets.ts, grouped by topic —
 * title, the question, the paper, the time it takes on a CPU, whether it asks for a prediction
 * first, and (folded, so the class can guess first) what the plot shows. A card opens the lab at
 * the lesson's link.
 */
import { decodeSpec } from '../../src/url/codec.ts';
import { LESSONS, TOPICS } from '../presets.ts';
import { lessonCpuTime } from '../state/runEstimate.ts';
import { VIEW_LABEL } from '../views/registry.ts';
import { RichLabel } from './RichLabel.tsx';
import { Prose } from './Tex.tsx';

export function Gallery() {
  return (
    <div className="gallery" data-testid="gallery">
      <header className="app-header gallery-header">
        <h1>
          Limits Lab · Lessons <span className="subtitle">each card opens an experiment; the link is the whole experiment</span>
        </h1>
        <a className="gallery-back" href="./">
          Open the lab
        </a>
      </header>
      <main className="gallery-main">
        <p className="gallery-intro">
          Each lesson is one link: it opens the lab with the question's network, its infinite-width or infinite-depth limit and a fixed seed, so every student sees the same numbers. Lessons marked <em>predict first</em> hide the networks until a guess is placed on the plot.
        </p>
        {TOPICS.map((topic) => {
          const lessons = LESSONS.filter((l) => l.topic === topic);
          if (lessons.length === 0) return null;
          return (
            <section key={topic} className="gallery-topic" aria-labelledby={`topic-${topic.replace(/\s+/g, '-')}`}>
              <h2 id={`topic-${topic.replace(/\s+/g, '-')}`}>{topic[0].toUpperCase() + topic.slice(1)}</h2>
              <ul className="gallery-cards">
                {lessons.map((l) => {
                  const spec = decodeSpec(l.url).spec;
                  return (
                    <li key={l.id} className="gallery-card" data-testid={`card-${l.id}`}>
                      <h3>
                        <a href={`./?${l.url}`} data-testid={`open-${l.id}`}>
                          {l.title}
                        </a>
                      </h3>
                      <p className="gallery-question">
                        <RichLabel text={l.question} />
                      </p>
                      <p className="gallery-meta">
                        {VIEW_LABEL[spec.view]} view
                        {spec.predict && <span className="gallery-badge"> · predict first</span>} · CPU: {lessonCpuTime(l.url, (q) => decodeSpec(q).spec)} ·{' '}
                        <a href={l.paper.href} target="_blank" rel="noreferrer" title={l.paper.title}>
                          {l.paper.cite}
                        </a>
                      </p>
                      <details className="gallery-claim">
                        <summary>What the plot shows</summary>
                        <p>
                          <Prose text={l.claim} />
                        </p>
                      </details>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </main>
    </div>
  );
}
