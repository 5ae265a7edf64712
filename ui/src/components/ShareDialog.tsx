import * as Dialog from '@radix-ui/react-dialog';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../api/client';
import type { Session } from '../api/types';
import { addNames } from '../lib/sharing';
import { ErrorNotice } from './ErrorNotice';
import { FormDialog } from './FormDialog';

/**
 * The owner's dialog to choose who else may read the session and post in it. Mount it when it opens: it starts
 * from the session's list each time.
 */
export function ShareDialog({ session, open, onOpenChange, onShared, onCloseAutoFocus }: {
  session: Session; open: boolean; onOpenChange: (open: boolean) => void; onShared: (session: Session) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const [names, setNames] = useState<string[]>(session.sharedWith ?? []);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const listId = useId();

  /** The list with what is typed added; undefined (and the reason shown) when it cannot be added. */
  function withDraft(): string[] | undefined {
    if (!draft.trim()) return names;
    const result = addNames(names, draft, session.owner);
    setProblem(result.problem);
    return result.names;
  }

  function add() {
    if (!draft.trim()) {
      setProblem('Type a user name first.');
      return;
    }
    const next = withDraft();
    if (next) {
      setNames(next);
      setDraft('');
    }
  }

  function remove(name: string) {
    setNames((current) => current.filter((n) => n !== name));
    // The button that had focus is gone; the field is where the next step starts.
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the typed names rather than saving, so a list can be built from the keyboard.
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      add();
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const next = withDraft();
    if (!next) return;
    setSaving(true);
    setError(undefined);
    try {
      onShared(await api.shareSession(session.id, next));
      onOpenChange(false);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={<>Share “{session.title || 'Untitled'}”</>}
      description={
        'People you share with see this conversation, its commands and their results. Requests they send run with '
        + 'their own rights. Only you can rename, delete or share it.'
      }
      onCloseAutoFocus={onCloseAutoFocus}
    >
      <form onSubmit={save} className="space-y-3">
        <div>
          <label htmlFor={inputId} className="label">Add people</label>
          <div className="flex gap-2">
            <input
              id={inputId}
              ref={input}
              className="input min-w-0 flex-1"
              value={draft}
              autoComplete="off"
              aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => { setDraft(e.target.value); setProblem(undefined); }}
              onKeyDown={onKeyDown}
            />
            <button type="button" className="btn-secondary" onClick={add}>Add</button>
          </div>
          <p id={hintId} className="muted mt-1 text-xs">KubeChat user names, separated by commas; Enter adds them.</p>
          {problem && <p id={problemId} role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-200">{problem}</p>}
        </div>
        <div>
          <h3 id={listId} className="label">Shared with</h3>
          {names.length === 0 ? (
            <p className="muted text-sm">Nobody else: only you see this session.</p>
          ) : (
            <ul aria-labelledby={listId} className="max-h-48 space-y-1 overflow-y-auto">
              {names.map((name) => (
                <li key={name} className="flex items-center justify-between gap-2 rounded bg-slate-100 px-2 py-1 text-sm dark:bg-slate-800">
                  <span className="truncate">{name}</span>
                  <button type="button" className="btn-secondary px-2 py-0.5 text-xs" aria-label={`Remove ${name}`} onClick={() => remove(name)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <ErrorNotice error={error} title="Could not share" />
        <div className="flex justify-end gap-2">
          <Dialog.Close className="btn-secondary">Cancel</Dialog.Close>
          <button type="submit" className="btn-primary" disabled={saving}>Save</button>
        </div>
      </form>
    </FormDialog>
  );
}
