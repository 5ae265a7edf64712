import type { Command, Message, StreamEvent } from '../api/types';
import { isTerminal } from './risk';

export const MAX_MESSAGE_LENGTH = 2000;
export const NEW_SESSION_TITLE = 'New conversation';
const TITLE_LENGTH = 60;

/** A session title from its first request: one line, cut at a word boundary. */
export function sessionTitle(request: string): string {
  const line = request.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

export function commandKey(ref: { namespace: string; name: string }): string {
  return `${ref.namespace}/${ref.name}`;
}

/** Adds or replaces messages by id, keeping the history in the order it happened. */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, { ...byId.get(message.id), ...message });
  const order = new Map(current.map((m, i) => [m.id, i]));
  return [...byId.values()].sort((a, b) => {
    if (a.createdAt && b.createdAt && a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
    return (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER);
  });
}

/**
 * Which command card each message shows (message id to command key). The request and its answer both refer to the
 * command; its card appears once, under the first of them. `links` ties requests just sent to their commands.
 */
export function cardsOfMessages(messages: readonly Message[], links: Readonly<Record<string, string>>): Record<string, string> {
  const shown = new Set<string>();
  const cards: Record<string, string> = {};
  for (const message of messages) {
    const key = message.command ? commandKey(message.command) : links[message.id];
    if (key && !shown.has(key)) {
      shown.add(key);
      cards[message.id] = key;
    }
  }
  return cards;
}

/**
 * Adds commands read from the API to those known. A read that started before the stream reported the end of a
 * command may answer after it; a finished command is never taken back to an earlier phase.
 */
export function mergeCommands(current: Readonly<Record<string, Command>>, read: readonly Command[]): Record<string, Command> {
  const merged = { ...current };
  for (const command of read) {
    const key = commandKey(command);
    if (!(isTerminal(merged[key]?.phase) && !isTerminal(command.phase))) merged[key] = command;
  }
  return merged;
}

export interface ChatState {
  messages: Message[];
  commands: Record<string, Command>;
}

export function applyEvent(state: ChatState, event: StreamEvent): ChatState {
  if (event.type === 'message') return { ...state, messages: mergeMessages(state.messages, [event.message]) };
  if (event.type === 'command') {
    return { ...state, commands: { ...state.commands, [commandKey(event.command)]: event.command } };
  }
  return state;
}

export function parseStreamEvent(data: string): StreamEvent | undefined {
  try {
    const event = JSON.parse(data) as StreamEvent;
    if (event.type === 'command' && event.command?.name) return event;
    if (event.type === 'message' && event.message?.id) return event;
  } catch {
    // Frames that are not events (for example keep-alives) are ignored.
  }
  return undefined;
}

/** Validates the chat input; returns the reason it cannot be sent, or undefined. */
export function messageProblem(text: string): string | undefined {
  if (!text.trim()) return 'Type a request first.';
  if (text.length > MAX_MESSAGE_LENGTH) return `Requests are limited to ${MAX_MESSAGE_LENGTH} characters (this one has ${text.length}).`;
  return undefined;
}

export function streamUrl(location: Pick<Location, 'protocol' | 'host'>, sessionId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/sessions/${encodeURIComponent(sessionId)}/stream`;
}
