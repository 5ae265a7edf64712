import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, auditExportUrl, namespaceNames, query } from './client';

interface Call { url: string; init: RequestInit }

function recorder(responses: Response[]) {
  const calls: Call[] = [];
  const fetchImpl = async (url: string, init?: RequestInit) => {
    calls.push({ url, init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error(`unexpected request ${url}`);
    return next;
  };
  return { calls, client: new ApiClient(fetchImpl) };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const header = (call: Call, name: string) => (call.init.headers as Record<string, string>)[name];

describe('ApiClient', () => {
  it('sends the CSRF token from login on every non-GET request and never on GET', async () => {
    const { calls, client } = recorder([
      json(200, { user: { username: 'alice', groups: [], roles: ['operator'] }, csrfToken: 'tok-1' }),
      json(200, []),
      json(201, { id: 's1', title: 't', owner: 'alice' }),
      new Response(null, { status: 204 }),
    ]);
    const user = await client.login('alice', 'pw');
    expect(user.username).toBe('alice');
    expect(header(calls[0], 'X-CSRF-Token')).toBeUndefined();
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ username: 'alice', password: 'pw' });

    await client.sessions();
    expect(calls[1].init.method).toBe('GET');
    expect(header(calls[1], 'X-CSRF-Token')).toBeUndefined();

    await client.createSession({ title: 't' });
    expect(header(calls[2], 'X-CSRF-Token')).toBe('tok-1');

    await expect(client.deleteSession('s1')).resolves.toBeUndefined();
    expect(calls[3].init.method).toBe('DELETE');
    expect(header(calls[3], 'X-CSRF-Token')).toBe('tok-1');
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });

  it('posts an answer to a question with the name of the command that asked, and a plain request without it', async () => {
    const posted = { message: { id: 'm', role: 'user', text: 't' } };
    const { calls, client } = recorder([json(202, posted), json(202, posted)]);
    await client.postMessage('chat-1', 'kubectl logs deployment/checkout -n shop', 'cmd-ask');
    await client.postMessage('chat-1', 'show pods');
    expect(calls[0].url).toBe('/api/v1/sessions/chat-1/messages');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ text: 'kubectl logs deployment/checkout -n shop', answers: 'cmd-ask' });
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ text: 'show pods' });
  });

  it('shares a session by replacing its whole list with PUT', async () => {
    const { calls, client } = recorder([
      json(200, { username: 'alice', groups: [], roles: ['operator'], csrfToken: 'tok-me' }),
      json(200, { id: 'chat-1', title: 't', owner: 'alice', access: 'owner', sharedWith: ['bob'] }),
    ]);
    await client.me();
    const session = await client.shareSession('chat-1', ['bob']);
    expect(session.sharedWith).toEqual(['bob']);
    expect(calls[1].url).toBe('/api/v1/sessions/chat-1/sharing');
    expect(calls[1].init.method).toBe('PUT');
    expect(header(calls[1], 'X-CSRF-Token')).toBe('tok-me');
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ sharedWith: ['bob'] });
  });

  it('takes the CSRF token from /me when the page is reloaded', async () => {
    const { calls, client } = recorder([
      json(200, { username: 'carol', groups: [], roles: ['approver'], csrfToken: 'tok-me' }),
      json(200, { namespace: 'shop', name: 'ce-1', phase: 'Approved' }),
    ]);
    await client.me();
    await client.approve('shop', 'ce-1', 'looks fine');
    expect(calls[1].url).toBe('/api/v1/commands/shop/ce-1/approve');
    expect(header(calls[1], 'X-CSRF-Token')).toBe('tok-me');
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ reason: 'looks fine' });
  });

  it('turns error answers into ApiError with the plain-words message and the suggestion', async () => {
    const { client } = recorder([
      json(409, { error: 'NotAwaitingApproval', message: 'This command is no longer waiting.', suggestion: 'Reload the page.' }),
    ]);
    const error = await client.reject('shop', 'ce-1').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'NotAwaitingApproval', message: 'This command is no longer waiting.', suggestion: 'Reload the page.' });
  });

  it('explains a rate limit even without a JSON body and keeps Retry-After', async () => {
    const { client } = recorder([new Response('slow down', { status: 429, headers: { 'Retry-After': '7' } })]);
    const error = await client.sessions().catch((e) => e);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 7 });
    expect(error.message).toMatch(/Too many requests/);
  });

  it('reports a lost session, but not a failed login, as unauthorized', async () => {
    const { client } = recorder([
      json(401, { error: 'NotAuthenticated', message: 'Please sign in.' }),
      json(401, { error: 'InvalidCredentials', message: 'Wrong username or password.' }),
    ]);
    let lost = 0;
    client.onUnauthorized = () => { lost++; };
    await expect(client.dashboard()).rejects.toThrow('Please sign in.');
    expect(lost).toBe(1);
    await expect(client.login('bob', 'nope')).rejects.toMatchObject({ code: 'InvalidCredentials' });
    expect(lost).toBe(1);
  });

  it('escapes path segments and leaves empty filters out of queries', async () => {
    const { calls, client } = recorder([json(200, { items: [] }), json(200, { text: '' })]);
    await client.audit({ actor: 'alice', risk: '', q: 'scale checkout', limit: 50 });
    expect(calls[0].url).toBe('/api/v1/audit?actor=alice&q=scale+checkout&limit=50');
    await client.logs('shop', 'web/../x', { tail: 100 });
    expect(calls[1].url).toBe('/api/v1/resources/shop/pods/web%2F..%2Fx/logs?tail=100');
  });
});

describe('helpers', () => {
  it('builds queries and export addresses', () => {
    expect(query({ a: undefined, b: '', c: 0 })).toBe('?c=0');
    expect(query({})).toBe('');
    expect(auditExportUrl('csv', { from: '2026-01-01T00:00:00.000Z' })).toBe('/api/v1/audit/export?format=csv&from=2026-01-01T00%3A00%3A00.000Z');
  });

  it('reads namespace names from any of the likely shapes', () => {
    expect(namespaceNames(['shop', 'default'])).toEqual(['default', 'shop']);
    expect(namespaceNames([{ name: 'b' }, { metadata: { name: 'a' } }])).toEqual(['a', 'b']);
    expect(namespaceNames({ columns: ['NAME', 'STATUS'], rows: [['shop', 'Active'], ['app', 'Active']] })).toEqual(['app', 'shop']);
    expect(namespaceNames({ items: ['x'] })).toEqual(['x']);
    expect(namespaceNames(null)).toEqual([]);
  });
});
