import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as Dialog from '@radix-ui/react-dialog';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { Command, Message, Session, StreamEvent } from '../api/types';
import { CommandCard } from '../components/CommandCard';
import { useSettings } from '../components/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { useToast } from '../components/Toasts';
import { useLoad } from '../components/useLoad';
import { useSessionStream } from '../components/useSessionStream';
import {
  applyEvent, commandKey, MAX_MESSAGE_LENGTH, mergeMessages, messageProblem, NEW_SESSION_TITLE, sessionTitle, type ChatState,
} from '../lib/chat';
import { isTerminal, isWorking } from '../lib/risk';

const POLL_MS = 2000;

export default function ChatPage() {
  const { sessionId } = useParams();
  const navigate = useNavigate();
  const { settings } = useSettings();
  const notify = useToast();
  const sessions = useLoad(() => api.sessions(), []);
  const [creating, setCreating] = useState(false);

  const list = sessions.data ?? [];
  const current = list.find((s) => s.id === sessionId);

  useEffect(() => {
    if (!sessionId && list.length > 0) navigate(`/chat/${encodeURIComponent(list[0].id)}`, { replace: true });
  }, [sessionId, list, navigate]);

  async function newSession() {
    setCreating(true);
    try {
      const session = await api.createSession({ title: NEW_SESSION_TITLE, namespace: settings.defaultNamespace });
      sessions.setData([session, ...list]);
      navigate(`/chat/${encodeURIComponent(session.id)}`);
    } catch (e) {
      notify({ kind: 'error', title: 'Could not start a session', description: String((e as Error).message) });
    } finally {
      setCreating(false);
    }
  }

  return (
    <div className="flex flex-col gap-4 md:flex-row">
      <h1 className="sr-only">Chat</h1>
      <aside aria-labelledby="sessions-heading" className="md:w-64 md:shrink-0">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="sessions-heading" className="font-semibold">Sessions</h2>
          <button type="button" className="btn-primary" onClick={newSession} disabled={creating}>New session</button>
        </div>
        <ErrorNotice error={sessions.error} title="Could not load sessions" />
        {sessions.loading && !sessions.data && <p role="status" className="muted text-sm">Loading sessions…</p>}
        <ul className="space-y-1">
          {list.map((session) => (
            <li key={session.id} className="flex items-center gap-1">
              <NavLink
                to={`/chat/${encodeURIComponent(session.id)}`}
                className={({ isActive }) => `block flex-1 truncate rounded px-2 py-1.5 text-sm ${isActive
                  ? 'bg-blue-100 font-semibold text-blue-950 dark:bg-blue-950 dark:text-blue-100'
                  : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
              >
                {session.title || 'Untitled'}
              </NavLink>
              <SessionMenu
                session={session}
                onChanged={(updated) => sessions.setData(list.map((s) => (s.id === updated.id ? updated : s)))}
                onDeleted={() => {
                  const rest = list.filter((s) => s.id !== session.id);
                  sessions.setData(rest);
                  if (session.id === sessionId) navigate(rest[0] ? `/chat/${encodeURIComponent(rest[0].id)}` : '/chat');
                }}
              />
            </li>
          ))}
        </ul>
        {!sessions.loading && list.length === 0 && <p className="muted text-sm">No sessions yet.</p>}
      </aside>
      <section className="min-w-0 flex-1" aria-label="Conversation">
        {sessionId ? (
          <Conversation
            key={sessionId}
            sessionId={sessionId}
            session={current}
            onSessionChanged={(updated) => sessions.setData(list.map((s) => (s.id === updated.id ? updated : s)))}
          />
        ) : (
          <div className="card">
            <h2 className="text-lg font-semibold">Ask KubeChat about your cluster</h2>
            <p className="muted">Start a session, then ask in plain words, for example “show pods in shop”.</p>
          </div>
        )}
      </section>
    </div>
  );
}

function SessionMenu({ session, onChanged, onDeleted }: { session: Session; onChanged: (s: Session) => void; onDeleted: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [title, setTitle] = useState(session.title);
  const [namespace, setNamespace] = useState(session.namespace ?? '');
  const [error, setError] = useState<unknown>(undefined);
  const titleId = useId();
  const namespaceId = useId();
  const itemClass = 'cursor-pointer rounded px-2 py-1 text-sm outline-none data-[highlighted]:bg-slate-200 dark:data-[highlighted]:bg-slate-700';

  async function rename(event: FormEvent) {
    event.preventDefault();
    try {
      onChanged(await api.updateSession(session.id, { title: title.trim(), namespace: namespace.trim() || undefined }));
      setRenaming(false);
    } catch (e) {
      setError(e);
    }
  }

  async function remove() {
    try {
      await api.deleteSession(session.id);
      setDeleting(false);
      onDeleted();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="btn-secondary px-2" aria-label={`Actions for session ${session.title || 'Untitled'}`}>
          <span aria-hidden="true">⋯</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" className="card z-50 min-w-32 p-1 shadow-lg">
            <DropdownMenu.Item className={itemClass} onSelect={() => { setError(undefined); setTitle(session.title); setRenaming(true); }}>
              Rename…
            </DropdownMenu.Item>
            <DropdownMenu.Item className={itemClass} onSelect={() => { setError(undefined); setDeleting(true); }}>
              Delete…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog.Root open={renaming} onOpenChange={setRenaming}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
          <Dialog.Content className="card fixed left-1/2 top-1/2 z-50 w-96 max-w-[95vw] -translate-x-1/2 -translate-y-1/2 shadow-xl">
            <Dialog.Title className="text-lg font-semibold">Rename session</Dialog.Title>
            <Dialog.Description className="muted mb-3 text-sm">Change the session’s title and its default namespace.</Dialog.Description>
            <form onSubmit={rename} className="space-y-3">
              <div>
                <label htmlFor={titleId} className="label">Title</label>
                <input id={titleId} className="input w-full" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
              </div>
              <div>
                <label htmlFor={namespaceId} className="label">Default namespace</label>
                <input id={namespaceId} className="input w-full" value={namespace} onChange={(e) => setNamespace(e.target.value)} maxLength={63} />
              </div>
              <ErrorNotice error={error} title="Could not rename" />
              <div className="flex justify-end gap-2">
                <Dialog.Close className="btn-secondary">Cancel</Dialog.Close>
                <button type="submit" className="btn-primary">Save</button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <AlertDialog.Root open={deleting} onOpenChange={setDeleting}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
          <AlertDialog.Content className="card fixed left-1/2 top-1/2 z-50 w-96 max-w-[95vw] -translate-x-1/2 -translate-y-1/2 space-y-3 shadow-xl">
            <AlertDialog.Title className="text-lg font-semibold">Delete session “{session.title}”?</AlertDialog.Title>
            <AlertDialog.Description className="text-sm">
              The conversation disappears from your list. Commands already run stay in the audit log.
            </AlertDialog.Description>
            <ErrorNotice error={error} title="Could not delete" />
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel className="btn-secondary">Cancel</AlertDialog.Cancel>
              <button type="button" className="btn-danger" onClick={remove}>Delete session</button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </>
  );
}

function Conversation({ sessionId, session, onSessionChanged }: {
  sessionId: string; session: Session | undefined; onSessionChanged: (session: Session) => void;
}) {
  const [state, setState] = useState<ChatState>({ messages: [], commands: {} });
  const [links, setLinks] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [sendError, setSendError] = useState<unknown>(undefined);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const end = useRef<HTMLDivElement>(null);

  const onEvent = useCallback((event: StreamEvent) => setState((s) => applyEvent(s, event)), []);
  const live = useSessionStream(sessionId, onEvent);

  const refresh = useCallback(async () => {
    const [messages, commands] = await Promise.all([api.messages(sessionId), api.commands({ session: sessionId })]);
    setState((s) => ({
      messages: mergeMessages(s.messages, messages),
      commands: { ...s.commands, ...Object.fromEntries(commands.map((c) => [commandKey(c), c])) },
    }));
  }, [sessionId]);

  useEffect(() => {
    refresh().catch(setLoadError);
  }, [refresh]);

  const commands = Object.values(state.commands);
  const working = sending || commands.some((c) => isWorking(c.phase));
  const unfinished = commands.some((c) => !isTerminal(c.phase));

  // The stream is the live source; polling only covers the time it is down (reconnecting, proxies without WebSocket).
  useEffect(() => {
    if (live || !unfinished) return undefined;
    const timer = setInterval(() => { refresh().catch(() => undefined); }, POLL_MS);
    return () => clearInterval(timer);
  }, [live, unfinished, refresh]);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [state.messages.length]);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const problem = messageProblem(text);
    if (problem) {
      setSendError(new Error(problem));
      return;
    }
    setSending(true);
    setSendError(undefined);
    try {
      const answer = await api.postMessage(sessionId, text.trim());
      setText('');
      setState((s) => ({
        messages: mergeMessages(s.messages, [answer.message]),
        commands: answer.command ? { ...s.commands, [commandKey(answer.command)]: answer.command } : s.commands,
      }));
      if (answer.command && !answer.message.command) {
        setLinks((l) => ({ ...l, [answer.message.id]: commandKey(answer.command!) }));
      }
      if (session && session.title === NEW_SESSION_TITLE) {
        // The first request names the session, so the list tells conversations apart.
        api.updateSession(sessionId, { title: sessionTitle(answer.message.text) }).then(onSessionChanged).catch(() => undefined);
      }
    } catch (e) {
      setSendError(e);
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  const onCommandChange = useCallback((command: Command) => onEvent({ type: 'command', command }), [onEvent]);

  return (
    <div className="flex flex-col gap-3" data-session-id={sessionId}>
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 className="text-xl font-semibold">{session?.title || 'Conversation'}</h2>
        {session?.namespace && <span className="muted text-sm">Default namespace: {session.namespace}</span>}
        <span className="muted text-xs">{live ? 'Live' : 'Reconnecting…'}</span>
      </div>
      <ErrorNotice error={loadError} title="Could not load the conversation" />
      <ol className="space-y-3" aria-label="Messages">
        {state.messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            command={state.commands[message.command ? commandKey(message.command) : links[message.id] ?? '']}
            onCommandChange={onCommandChange}
          />
        ))}
        {state.messages.length === 0 && !loadError && (
          <li className="muted text-sm">No messages yet. Ask something like “list deployments in shop”.</li>
        )}
      </ol>
      <div role="status" aria-live="polite" className="min-h-6 text-sm" data-testid="working-indicator">
        {working && (
          <span className="inline-flex items-center gap-2">
            <span className="h-2 w-2 animate-pulse rounded-full bg-blue-700 dark:bg-blue-300" aria-hidden="true" />
            KubeChat is working on your request…
          </span>
        )}
      </div>
      <div ref={end} />
      <form onSubmit={send} className="card space-y-2" aria-label="Send a request">
        <label htmlFor={inputId} className="label">Your request</label>
        <textarea
          id={inputId}
          className="input w-full"
          rows={2}
          value={text}
          maxLength={MAX_MESSAGE_LENGTH}
          aria-describedby={hintId}
          placeholder="e.g. scale checkout in shop to 5"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="flex items-center justify-between gap-2">
          <p id={hintId} className="muted text-xs">Enter sends; Shift+Enter starts a new line. {text.length}/{MAX_MESSAGE_LENGTH}</p>
          <button type="submit" className="btn-primary" disabled={sending}>Send</button>
        </div>
        <ErrorNotice error={sendError} title="Could not send" />
      </form>
    </div>
  );
}

function MessageItem({ message, command, onCommandChange }: {
  message: Message; command: Command | undefined; onCommandChange: (c: Command) => void;
}) {
  const mine = message.role === 'user';
  return (
    <li className={`flex flex-col gap-2 ${mine ? 'items-end' : 'items-start'}`} data-testid={`message-${message.role}`}>
      <div className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${mine
        ? 'bg-blue-700 text-white dark:bg-blue-300 dark:text-slate-950'
        : 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'}`}>
        <span className="sr-only">{mine ? 'You said: ' : 'KubeChat said: '}</span>
        {message.text}
      </div>
      {message.command && !command && <p className="muted text-sm" role="status">Loading the command…</p>}
      {command && <div className="w-full"><CommandCard command={command} onChange={onCommandChange} /></div>}
    </li>
  );
}
