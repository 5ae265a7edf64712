import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as Dialog from '@radix-ui/react-dialog';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { Command, Message, Session, StreamEvent } from '../api/types';
import { CommandCard } from '../components/CommandCard';
import { hasRole, useAuth, useSettings } from '../components/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormDialog } from '../components/FormDialog';
import { ShareDialog } from '../components/ShareDialog';
import { useToast } from '../components/Toasts';
import { useLoad } from '../components/useLoad';
import { useSessionStream } from '../components/useSessionStream';
import { afterPaint } from '../lib/afterPaint';
import {
  applyEvent, cardsOfMessages, commandKey, MAX_MESSAGE_LENGTH, mergeCommands, mergeMessages, messageProblem, NEW_SESSION_TITLE, sessionTitle, type ChatState,
} from '../lib/chat';
import { answeredCommand } from '../lib/clarify';
import { isTerminal, isWorking } from '../lib/risk';
import { isSharedWithMe, sharingNote } from '../lib/sharing';

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
  const { setData } = sessions;
  // The list items are memoized, so their callbacks must keep their identity; they read the latest state here.
  const latest = useRef({ list, sessionId, navigate });
  latest.current = { list, sessionId, navigate };
  const onChanged = useCallback((updated: Session) => {
    setData((all) => all?.map((s) => (s.id === updated.id ? updated : s)));
  }, [setData]);
  const onDeleted = useCallback((id: string) => {
    const { list: all, sessionId: open, navigate: go } = latest.current;
    const rest = all.filter((s) => s.id !== id);
    setData(rest);
    if (id === open) go(rest[0] ? `/chat/${encodeURIComponent(rest[0].id)}` : '/chat');
  }, [setData]);

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
            <SessionItem key={session.id} session={session} onChanged={onChanged} onDeleted={onDeleted} />
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
            onSessionChanged={onChanged}
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

/** One entry of the session list; memoized, so that opening another session re-renders only the links. */
const SessionItem = memo(function SessionItem({ session, onChanged, onDeleted }: {
  session: Session; onChanged: (s: Session) => void; onDeleted: (id: string) => void;
}) {
  const note = sharingNote(session);
  return (
    <li className="flex items-center gap-1" data-session={session.id} data-access={session.access ?? 'owner'}>
      <NavLink
        to={`/chat/${encodeURIComponent(session.id)}`}
        className={({ isActive }) => `block min-w-0 flex-1 rounded px-2 py-1.5 text-sm ${isActive
          ? 'bg-blue-100 font-semibold text-blue-950 dark:bg-blue-950 dark:text-blue-100'
          : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
      >
        <span className="block truncate">{session.title || 'Untitled'}</span>
        {note && (
          <span className="muted flex items-center gap-1 truncate text-xs font-normal" data-testid="sharing-note">
            <SharedIcon />
            {note}
          </span>
        )}
      </NavLink>
      {!isSharedWithMe(session) && <SessionMenu session={session} onChanged={onChanged} onDeleted={() => onDeleted(session.id)} />}
    </li>
  );
});

/** Two people, drawn; the words beside it say what it means. */
function SharedIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3 w-3 shrink-0 fill-current">
      <circle cx="5.5" cy="5" r="2.5" />
      <circle cx="11" cy="5.5" r="2" />
      <path d="M1 13c0-2.5 2-4 4.5-4S10 10.5 10 13v1H1zM10.5 9.2c2.4-.3 4.5 1 4.5 3.3V14h-4v-1c0-1.5-.2-2.8-.5-3.8z" />
    </svg>
  );
}

function SessionMenu({ session, onChanged, onDeleted }: { session: Session; onChanged: (s: Session) => void; onDeleted: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [sharing, setSharing] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  // The menu item that opened a dialog is gone when the dialog closes; focus goes back to the menu's button.
  const returnFocus = useCallback((event: Event) => {
    event.preventDefault();
    trigger.current?.focus();
  }, []);
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
      {/* Not modal: a modal menu locks scrolling and disables pointer events on <body>, which restyles the whole
          page on opening and closing (the slowest local interaction measured); a menu needs neither. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger ref={trigger} className="btn-secondary px-2" aria-label={`Actions for session ${session.title || 'Untitled'}`}>
          <span aria-hidden="true">⋯</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" className="card z-50 min-w-32 p-1 shadow-lg">
            <DropdownMenu.Item className={itemClass} onSelect={() => { setError(undefined); setTitle(session.title); setRenaming(true); }}>
              Rename…
            </DropdownMenu.Item>
            <DropdownMenu.Item className={itemClass} onSelect={() => setSharing(true)}>
              Share…
            </DropdownMenu.Item>
            <DropdownMenu.Item className={itemClass} onSelect={() => { setError(undefined); setDeleting(true); }}>
              Delete…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <FormDialog
        open={renaming}
        onOpenChange={setRenaming}
        title="Rename session"
        description="Change the session’s title and its default namespace."
        width="w-96"
        onCloseAutoFocus={returnFocus}
      >
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
      </FormDialog>
      {sharing && (
        <ShareDialog session={session} open={sharing} onOpenChange={setSharing} onShared={onChanged} onCloseAutoFocus={returnFocus} />
      )}
      <AlertDialog.Root open={deleting} onOpenChange={setDeleting}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
          <AlertDialog.Content
            className="card fixed left-1/2 top-1/2 z-50 w-96 max-w-[95vw] -translate-x-1/2 -translate-y-1/2 space-y-3 shadow-xl"
            onCloseAutoFocus={returnFocus}
          >
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
  const { user } = useAuth();
  // Only operators and admins send requests (the gateway refuses others); everyone else reads.
  const mayRequest = hasRole(user, 'operator', 'admin');
  const sharedWithMe = session !== undefined && isSharedWithMe(session);

  const onEvent = useCallback((event: StreamEvent) => setState((s) => applyEvent(s, event)), []);
  const stream = useSessionStream(sessionId, onEvent);
  const live = stream === 'live';
  const gone = stream === 'gone';

  const refresh = useCallback(async () => {
    const [messages, commands] = await Promise.all([api.messages(sessionId), api.commands({ session: sessionId })]);
    setState((s) => ({
      messages: mergeMessages(s.messages, messages),
      commands: mergeCommands(s.commands, commands),
    }));
  }, [sessionId]);

  useEffect(() => afterPaint(() => { refresh().catch(setLoadError); }), [refresh]);

  const cards = useMemo(() => cardsOfMessages(state.messages, links), [state.messages, links]);
  const commands = Object.values(state.commands);
  const working = sending || commands.some((c) => isWorking(c.phase));
  const unfinished = commands.some((c) => !isTerminal(c.phase));

  // Changes made while the stream was connecting or reconnecting were sent to nobody: catch up once it is live.
  useEffect(() => {
    if (live) refresh().catch(() => undefined);
  }, [live, refresh]);

  // The stream is the live source; polling only covers the time it is down (reconnecting, proxies without WebSocket).
  useEffect(() => {
    if (live || gone || !unfinished) return undefined;
    const timer = setInterval(() => { refresh().catch(() => undefined); }, POLL_MS);
    return () => clearInterval(timer);
  }, [live, gone, unfinished, refresh]);

  useEffect(() => {
    // Scrolling forces a layout of the page; an empty conversation (just opened, still loading) has nothing to show.
    if (state.messages.length > 0) end.current?.scrollIntoView?.({ block: 'end' });
  }, [state.messages.length]);

  // Read by ask, which keeps its identity so that the memoized messages do not re-render.
  const naming = useRef({ session, sharedWithMe, onSessionChanged });
  naming.current = { session, sharedWithMe, onSessionChanged };

  /** Sends a request, or the answer to the question of the command named by `answers`. */
  const ask = useCallback(async (request: string, answers?: string) => {
    const answer = await api.postMessage(sessionId, request, answers);
    setState((s) => ({
      messages: mergeMessages(s.messages, [answer.message]),
      commands: answer.command ? { ...s.commands, [commandKey(answer.command)]: answer.command } : s.commands,
    }));
    if (answer.command && !answer.message.command) {
      setLinks((l) => ({ ...l, [answer.message.id]: commandKey(answer.command!) }));
    }
    const { session: named, sharedWithMe: shared, onSessionChanged: changed } = naming.current;
    if (named && !shared && named.title === NEW_SESSION_TITLE) {
      // The first request names the session, so the list tells conversations apart.
      api.updateSession(sessionId, { title: sessionTitle(answer.message.text) }).then(changed).catch(() => undefined);
    }
  }, [sessionId]);

  const onAnswer = useCallback((asked: Command, request: string) => ask(request, asked.name), [ask]);
  const onAsk = useCallback((request: string) => ask(request), [ask]);

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
      await ask(text.trim());
      setText('');
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
        {session && sharingNote(session) && (
          <span className="muted inline-flex items-center gap-1 text-sm" data-testid="conversation-sharing"><SharedIcon />{sharingNote(session)}</span>
        )}
        {!gone && <span className="muted text-xs">{live ? 'Live' : 'Reconnecting…'}</span>}
      </div>
      {gone && (
        <p role="alert" className="card text-sm font-medium">This session was deleted or is no longer shared with you.</p>
      )}
      <ErrorNotice error={loadError} title="Could not load the conversation" />
      <ol className="space-y-3" aria-label="Messages">
        {state.messages.map((message) => {
          const command = cards[message.id] ? state.commands[cards[message.id]] : undefined;
          return (
            <MessageItem
              key={message.id}
              message={message}
              cardKey={cards[message.id]}
              command={command}
              answered={command && answeredCommand(command, state.commands)}
              me={user?.kubernetesUser ?? user?.username}
              onCommandChange={onCommandChange}
              onAnswer={mayRequest ? onAnswer : undefined}
              onAsk={mayRequest ? onAsk : undefined}
            />
          );
        })}
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
      {!mayRequest ? (
        <p className="card muted text-sm" data-testid="read-only">
          {sharedWithMe
            ? `${session.owner} shared this session with you. You can read it; your role does not allow sending requests.`
            : 'You can read this session; your role does not allow sending requests.'}
        </p>
      ) : (
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
          {sharedWithMe && (
            <p className="muted text-xs">{session.owner} shared this session with you; requests you send run with your own rights.</p>
          )}
          <ErrorNotice error={sendError} title="Could not send" />
        </form>
      )}
    </div>
  );
}

/** Memoized: typing, stream events and the working indicator re-render the conversation, not every result table. */
const MessageItem = memo(function MessageItem({ message, cardKey, command, answered, me, onCommandChange, onAnswer, onAsk }: {
  message: Message; cardKey: string | undefined; command: Command | undefined; answered: Command | undefined; me: string | undefined;
  onCommandChange: (c: Command) => void; onAnswer: ((asked: Command, request: string) => Promise<void>) | undefined;
  onAsk: ((request: string) => Promise<void>) | undefined;
}) {
  const mine = message.role === 'user';
  // In a shared session, requests may come from someone else; their command names them.
  const asker = mine && command?.requester?.user && command.requester.user !== me ? command.requester.user : undefined;
  return (
    // Off-screen messages skip style, layout and paint (content-visibility), so that a long conversation does not
    // slow down what restyles the whole page: dialogs, menus, the theme, opening another session.
    <li
      className={`flex flex-col gap-2 [contain-intrinsic-size:auto_6rem] [content-visibility:auto] ${mine ? 'items-end' : 'items-start'}`}
      data-testid={`message-${message.role}`}
    >
      {asker && <span className="muted text-xs" aria-hidden="true">{asker} asked</span>}
      <div className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${mine
        ? 'bg-blue-700 text-white dark:bg-blue-300 dark:text-slate-950'
        : 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'}`}>
        <span className="sr-only">{asker ? `${asker} said: ` : mine ? 'You said: ' : 'KubeChat said: '}</span>
        {message.text}
      </div>
      {cardKey && !command && <p className="muted text-sm" role="status">Loading the command…</p>}
      {command && <div className="w-full"><CommandCard command={command} onChange={onCommandChange} onAnswer={onAnswer} onAsk={onAsk} answered={answered} /></div>}
    </li>
  );
});
