import { useId, useState, type FormEvent } from 'react';
import type { Clarification } from '../api/types';
import { MAX_MESSAGE_LENGTH } from '../lib/chat';
import { answerRequest } from '../lib/clarify';
import { ErrorNotice } from './ErrorNotice';

/**
 * The question the translator asked instead of guessing: each choice a button that sends its kubectl line, and a
 * free answer. Either becomes a new request of the conversation, linked to this question. Without `onAnswer`
 * (a reader who may not send requests) the choices are only listed.
 */
export function ClarificationQuestion({ clarification, onAnswer }: {
  clarification: Clarification; onAnswer?: (request: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const inputId = useId();
  const hintId = useId();

  async function answer(value: string) {
    if (!onAnswer) return;
    const checked = answerRequest(value);
    if ('problem' in checked) {
      setError(new Error(checked.problem));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onAnswer(checked.request);
      setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void answer(text);
  }

  return (
    <section aria-label="Question" className="space-y-2 rounded border border-sky-300 p-2 dark:border-sky-700" data-testid="clarification">
      <p className="text-sm font-medium" data-testid="clarification-question">{clarification.question}</p>
      {clarification.choices.length > 0 && (
        <ul aria-label="Choices" className="space-y-1">
          {clarification.choices.map((choice) => (
            <li key={choice.kubectl} className="flex flex-wrap items-center gap-2">
              {onAnswer ? (
                <button
                  type="button"
                  className="btn-secondary text-left font-mono text-xs"
                  data-testid="clarification-choice"
                  disabled={busy}
                  onClick={() => void answer(choice.kubectl)}
                >
                  {choice.kubectl}
                </button>
              ) : (
                <code className="font-mono text-xs" data-testid="clarification-choice">{choice.kubectl}</code>
              )}
              {choice.explanation && <span className="muted text-xs">{choice.explanation}</span>}
            </li>
          ))}
        </ul>
      )}
      {onAnswer && (
        <form onSubmit={submit} className="space-y-1" aria-label="Answer the question">
          <label htmlFor={inputId} className="label">Or say what you meant</label>
          <div className="flex gap-2">
            <input
              id={inputId}
              className="input min-w-0 flex-1"
              value={text}
              maxLength={MAX_MESSAGE_LENGTH}
              aria-describedby={hintId}
              placeholder="e.g. scale deployment checkout in shop to 4"
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="btn-primary" disabled={busy}>Answer</button>
          </div>
          <p id={hintId} className="muted text-xs">
            Your answer continues this question: it is sent as a new request of this conversation, linked to the question.
          </p>
        </form>
      )}
      <ErrorNotice error={error} title="Could not send the answer" />
    </section>
  );
}
