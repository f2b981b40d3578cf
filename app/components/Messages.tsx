/** Dismissible messages, each naming the key it is about (URL values rejected, runs refused…). */
import { useLab, useLabActions } from '../state/useLab.ts';

const SOURCE_TEXT = { url: 'In the link', control: 'Not applied', run: 'Monte Carlo', theory: 'Theory' } as const;

export function Messages() {
  const messages = useLab((s) => s.messages);
  const notes = useLab((s) => s.notes);
  const { dismissMessage } = useLabActions();
  if (messages.length === 0 && notes.length === 0) return null;
  return (
    <section className="messages" aria-label="Messages" role="status" data-testid="messages">
      <ul>
        {messages.map((m) => (
          <li key={m.id} className={`message message-${m.source}`} data-testid="message" data-key={m.key} data-source={m.source}>
            <span className="message-key">
              {SOURCE_TEXT[m.source]}: <code>{m.key}</code>
            </span>
            <span className="message-text">{m.text}</span>
            <button type="button" className="dismiss" aria-label={`Dismiss the message about ${m.key}`} onClick={() => dismissMessage(m.id)}>
              ×
            </button>
          </li>
        ))}
        {notes.map((n) => (
          <li key={n} className="message message-note">
            <span className="message-text">{n}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
