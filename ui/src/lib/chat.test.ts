import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { applyEvent, cardsOfMessages, type ChatState, mergeCommands, mergeMessages, messageProblem, parseStreamEvent, sessionTitle, streamUrl } from './chat';

const msg = (id: string, createdAt: string, text = id): Message => ({ id, role: 'user', text, createdAt });

describe('chat state', () => {
  it('merges messages by id in time order', () => {
    const merged = mergeMessages([msg('a', '2026-01-01T00:00:01Z'), msg('c', '2026-01-01T00:00:03Z')],
      [msg('b', '2026-01-01T00:00:02Z'), msg('a', '2026-01-01T00:00:01Z', 'edited')]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(merged[0].text).toBe('edited');
  });

  it('applies stream events: a command update replaces the earlier state of that command', () => {
    let state: ChatState = { messages: [], commands: {} };
    state = applyEvent(state, { type: 'command', command: { namespace: 'ns', name: 'ce-1', phase: 'Pending' } });
    state = applyEvent(state, { type: 'command', command: { namespace: 'ns', name: 'ce-1', phase: 'Succeeded' } });
    state = applyEvent(state, { type: 'message', message: msg('m1', '2026-01-01T00:00:00Z') });
    expect(Object.keys(state.commands)).toEqual(['ns/ce-1']);
    expect(state.commands['ns/ce-1'].phase).toBe('Succeeded');
    expect(state.messages).toHaveLength(1);
  });

  it('shows each command\'s card once, under the first message that refers to it', () => {
    const ref = { namespace: 'ns', name: 'ce-1' };
    const messages: Message[] = [
      { id: '1', role: 'user', text: 'list pods', command: ref },
      { id: '2', role: 'assistant', text: '3 pods', command: ref },
      { id: 'ce-2-request', role: 'user', text: 'list deployments' },
      { id: '3', role: 'user', text: 'hello' },
    ];
    expect(cardsOfMessages(messages, { 'ce-2-request': 'ns/ce-2' })).toEqual({ 1: 'ns/ce-1', 'ce-2-request': 'ns/ce-2' });
  });

  it('never takes a finished command back to an earlier phase when a slower read answers', () => {
    const done = { namespace: 'ns', name: 'ce-1', phase: 'Succeeded' };
    const merged = mergeCommands({ 'ns/ce-1': done }, [
      { namespace: 'ns', name: 'ce-1', phase: 'Running' },
      { namespace: 'ns', name: 'ce-2', phase: 'Pending' },
    ]);
    expect(merged['ns/ce-1']).toBe(done);
    expect(merged['ns/ce-2'].phase).toBe('Pending');
    expect(mergeCommands({ 'ns/ce-2': { namespace: 'ns', name: 'ce-2', phase: 'Pending' } },
      [{ namespace: 'ns', name: 'ce-2', phase: 'Failed' }])['ns/ce-2'].phase).toBe('Failed');
  });

  it('ignores frames that are not events', () => {
    expect(parseStreamEvent('not json')).toBeUndefined();
    expect(parseStreamEvent('{"type":"ping"}')).toBeUndefined();
    expect(parseStreamEvent('{"type":"command"}')).toBeUndefined();
    expect(parseStreamEvent('{"type":"command","command":{"namespace":"n","name":"c"}}')?.type).toBe('command');
  });

  it('validates requests before sending', () => {
    expect(messageProblem('   ')).toBe('Type a request first.');
    expect(messageProblem('x'.repeat(2001))).toMatch(/limited to 2000/);
    expect(messageProblem('x'.repeat(2000))).toBeUndefined();
  });

  it('uses wss behind TLS', () => {
    expect(streamUrl({ protocol: 'https:', host: 'kc.example:8443' }, 'a b')).toBe('wss://kc.example:8443/api/v1/sessions/a%20b/stream');
    expect(streamUrl({ protocol: 'http:', host: 'localhost:8080' }, 's1')).toBe('ws://localhost:8080/api/v1/sessions/s1/stream');
  });
});

describe('session titles', () => {
  it('takes the first request, on one line, shortened at a word', () => {
    expect(sessionTitle('  scale checkout\n in shop to 5 ')).toBe('scale checkout in shop to 5');
    const long = 'show me the logs of every pod of the checkout deployment in the shop namespace since yesterday';
    const title = sessionTitle(long);
    expect(title.endsWith('…')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(61);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(sessionTitle('x'.repeat(100))).toBe(`${'x'.repeat(60)}…`);
  });
});
