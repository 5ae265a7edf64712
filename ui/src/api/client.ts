import type {
  AdminUser, AuditPage, AuditRecord, Cluster, Command, Dashboard, Message, PostMessageResponse,
  Session, Table, User, VerifyResult,
} from './types';

/** An error answer of the gateway, in the contract's `{error, message, suggestion}` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly suggestion?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const seg = encodeURIComponent;

async function errorFrom(response: Response): Promise<ApiError> {
  let body: { error?: string; message?: string; suggestion?: string } = {};
  try {
    body = await response.json();
  } catch {
    // A proxy or a crash may answer without the JSON error body; the status still says enough.
  }
  const retry = response.headers.get('Retry-After');
  const fallback = response.status === 429
    ? 'Too many requests. Please wait a moment and try again.'
    : `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(
    response.status,
    body.error ?? `Http${response.status}`,
    body.message ?? fallback,
    body.suggestion,
    retry ? Number(retry) : undefined,
  );
}

/**
 * The gateway client: cookie session plus the CSRF token (sent on every non-GET request).
 * `onUnauthorized` lets the app return to the login page when the session has ended.
 */
export class ApiClient {
  private csrfToken: string | undefined;
  onUnauthorized: (() => void) | undefined;

  constructor(private readonly fetchImpl: Fetch = (input, init) => fetch(input, init), private readonly base = '') {}

  setCsrfToken(token: string | undefined) {
    this.csrfToken = token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (!SAFE_METHODS.has(method)) {
      if (this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    }
    const response = await this.fetchImpl(this.base + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401 && !path.startsWith('/api/v1/auth/')) this.onUnauthorized?.();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) return (await response.text()) as T;
    return (await response.json()) as T;
  }

  // Authentication
  async login(username: string, password: string): Promise<User> {
    const answer = await this.request<{ user: User; csrfToken: string }>('POST', '/api/v1/auth/login', { username, password });
    this.setCsrfToken(answer.csrfToken);
    return { ...answer.user, csrfToken: answer.csrfToken };
  }
  async logout(): Promise<void> {
    await this.request<void>('POST', '/api/v1/auth/logout');
    this.setCsrfToken(undefined);
  }
  async me(): Promise<User> {
    const user = await this.request<User>('GET', '/api/v1/me');
    this.setCsrfToken(user.csrfToken);
    return user;
  }
  providers() {
    return this.request<{ local: boolean; oidc: boolean }>('GET', '/api/v1/auth/providers');
  }

  // Sessions and messages
  sessions() {
    return this.request<Session[]>('GET', '/api/v1/sessions');
  }
  createSession(init: { title?: string; namespace?: string }) {
    return this.request<Session>('POST', '/api/v1/sessions', init);
  }
  updateSession(id: string, change: { title?: string; namespace?: string }) {
    return this.request<Session>('PATCH', `/api/v1/sessions/${seg(id)}`, change);
  }
  shareSession(id: string, sharedWith: string[]) {
    return this.request<Session>('PUT', `/api/v1/sessions/${seg(id)}/sharing`, { sharedWith });
  }
  deleteSession(id: string) {
    return this.request<void>('DELETE', `/api/v1/sessions/${seg(id)}`);
  }
  messages(sessionId: string) {
    return this.request<Message[]>('GET', `/api/v1/sessions/${seg(sessionId)}/messages`);
  }
  /** @param answers the name of the command whose question this request answers */
  postMessage(sessionId: string, text: string, answers?: string) {
    return this.request<PostMessageResponse>('POST', `/api/v1/sessions/${seg(sessionId)}/messages`, answers ? { text, answers } : { text });
  }

  // Commands
  commands(filter: { phase?: string; session?: string } = {}) {
    return this.request<Command[]>('GET', `/api/v1/commands${query(filter)}`);
  }
  command(namespace: string, name: string) {
    return this.request<Command>('GET', `/api/v1/commands/${seg(namespace)}/${seg(name)}`);
  }
  approve(namespace: string, name: string, reason?: string) {
    return this.request<Command>('POST', `/api/v1/commands/${seg(namespace)}/${seg(name)}/approve`, reason ? { reason } : {});
  }
  reject(namespace: string, name: string, reason?: string) {
    return this.request<Command>('POST', `/api/v1/commands/${seg(namespace)}/${seg(name)}/reject`, reason ? { reason } : {});
  }

  // Resources
  namespaces() {
    return this.request<unknown>('GET', '/api/v1/namespaces');
  }
  resources(namespace: string, kind: string) {
    return this.request<Table>('GET', `/api/v1/resources/${seg(namespace)}/${seg(kind)}`);
  }
  resource(namespace: string, kind: string, name: string) {
    return this.request<unknown>('GET', `/api/v1/resources/${seg(namespace)}/${seg(kind)}/${seg(name)}`);
  }
  describe(namespace: string, kind: string, name: string) {
    return this.request<{ text: string }>('GET', `/api/v1/resources/${seg(namespace)}/${seg(kind)}/${seg(name)}/describe`);
  }
  logs(namespace: string, name: string, options: { container?: string; tail?: number } = {}) {
    return this.request<{ text: string }>('GET', `/api/v1/resources/${seg(namespace)}/pods/${seg(name)}/logs${query(options)}`);
  }
  events(namespace?: string) {
    return this.request<Table>('GET', `/api/v1/events${query({ namespace })}`);
  }

  dashboard() {
    return this.request<Dashboard>('GET', '/api/v1/dashboard');
  }
  clusters() {
    return this.request<Cluster[]>('GET', '/api/v1/clusters');
  }

  // Audit
  audit(filter: Record<string, string | number | undefined>) {
    return this.request<AuditPage>('GET', `/api/v1/audit${query(filter)}`);
  }
  auditRecord(sequence: number) {
    return this.request<AuditRecord>('GET', `/api/v1/audit/${sequence}`);
  }
  verifyAudit() {
    return this.request<VerifyResult>('POST', '/api/v1/audit/verify');
  }

  // Administration
  users() {
    return this.request<AdminUser[]>('GET', '/api/v1/admin/users');
  }
  createUser(user: AdminUser & { password?: string }) {
    return this.request<AdminUser>('POST', '/api/v1/admin/users', user);
  }
  updateUser(username: string, change: Partial<AdminUser> & { password?: string }) {
    return this.request<AdminUser>('PATCH', `/api/v1/admin/users/${seg(username)}`, change);
  }
  deleteUser(username: string) {
    return this.request<void>('DELETE', `/api/v1/admin/users/${seg(username)}`);
  }
  policies() {
    return this.request<unknown[]>('GET', '/api/v1/admin/policies');
  }
}

/** Builds the export download address; the browser fetches it with the session cookie. */
export function auditExportUrl(format: 'jsonl' | 'csv' | 'pdf', range: { from?: string; to?: string }): string {
  return `/api/v1/audit/export${query({ format, ...range })}`;
}

export function namespaceNames(answer: unknown): string[] {
  // The contract leaves the namespace list's shape open: accept names, objects or a table.
  if (Array.isArray(answer)) {
    return answer
      .map((item) => (typeof item === 'string' ? item : (item as { name?: string; metadata?: { name?: string } })?.name
        ?? (item as { metadata?: { name?: string } })?.metadata?.name))
      .filter((name): name is string => typeof name === 'string')
      .sort();
  }
  if (answer && typeof answer === 'object') {
    const table = answer as Partial<Table> & { items?: unknown };
    if (Array.isArray(table.items)) return namespaceNames(table.items);
    if (Array.isArray(table.columns) && Array.isArray(table.rows)) {
      const index = Math.max(0, table.columns.findIndex((c) => String(c).toLowerCase() === 'name'));
      return table.rows.map((row) => String(row[index])).sort();
    }
  }
  return [];
}

export const api = new ApiClient();
