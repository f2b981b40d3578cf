/**
 * Dismissible messages, each naming the key it is about (URL values rejected, runs refused…), with
 * a one-click fix where one exists (fixes.ts); and information notes (a link migrated from an older
 * schema version), dismissible too.
 */
import { useLab, useLabActions } from '../state/useLab.ts';

const SOURCE_TEXT = { url: 'In the link', control: 'Not applied', run: 'Monte Carlo', theory: 'Theory', note: 'Link' } as const;

export function Messages() {
  const messages = useLab((s) => s.messages);
  const { dismissMessage, setParams } = useLabActions();
  if (messages.length === 0) return null;
  return (
    <section className="messages" aria-label="Messages" role="status" data-testid="messages">
      <ul>
        {messages.map((m) => (
          <li key={m.id} className={`message message-${m.source}`} data-testid="message" data-key={m.key} data-source={m.source}>
            <span className="message-key">
              {SOURCE_TEXT[m.source]}
              {m.source !== 'note' && (
                <>
                  : <code>{m.key}</code>
                </>
              )}
            </span>
            <span className="message-text">{m.text}</span>
            {m.fix && (
              <button
                type="button"
                className="message-fix"
                data-testid="message-fix"
                onClick={() => {
                  setParams(m.fix!.changes);
                  dismissMessage(m.id);
                }}
              >
                {m.fix.label}
              </button>
            )}
            <button type="button" className="dismiss" aria-label={m.source === 'note' ? 'Dismiss this note' : `Dismiss the message about ${m.key}`} onClick={() => dismissMessage(m.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
