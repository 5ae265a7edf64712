// Shared pieces of the browser tests: configuration from the environment, the browser, signing in,
// accessibility checks and screenshots. The tests drive a running KubeChat (KUBECHAT_URL).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const BASE_URL = (process.env.KUBECHAT_URL ?? '').replace(/\/$/, '');
if (!BASE_URL) throw new Error('Set KUBECHAT_URL to the running KubeChat, for example http://127.0.0.1:8080');

const PASSWORD_ENV = { admin: 'KUBECHAT_PASSWORD_ADMIN', alice: 'KUBECHAT_PASSWORD_ALICE', bob: 'KUBECHAT_PASSWORD_BOB', carol: 'KUBECHAT_PASSWORD_CAROL' };

export function password(user) {
  const value = process.env[PASSWORD_ENV[user]];
  if (!value) throw new Error(`Set ${PASSWORD_ENV[user]} to ${user}'s password`);
  return value;
}

export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** Long enough for the operator to translate, authorize and run a command on a loaded 2-core machine. */
export const COMMAND_TIMEOUT = 60_000;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}

/** A fresh browser context (own cookies), with a theme preset in localStorage when asked. */
export async function newContext(browser, { theme } = {}) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  if (theme) {
    await context.addInitScript((t) => {
      const key = 'kubechat.settings';
      const current = JSON.parse(localStorage.getItem(key) ?? '{}');
      if (!current.theme) localStorage.setItem(key, JSON.stringify({ ...current, theme: t }));
    }, theme);
  }
  return context;
}

const LOGIN_ATTEMPTS = 6;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits out the sign-in rate limit (429 with Retry-After), which a whole run of these tests can reach. */
function retryDelay(response) {
  return Math.min(60, Number(response.headers()['retry-after'] ?? 10)) * 1000;
}

async function fillAndClick(page, user) {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password(user));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the login form, as a person would; `submit` fills and sends the form (default: mouse). */
export async function login(page, user, submit = fillAndClick) {
  for (let attempt = 1; ; attempt++) {
    await page.goto('/login');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await submit(page, user);
    const response = await answer;
    if (response.status() === 429 && attempt < LOGIN_ATTEMPTS) {
      await sleep(retryDelay(response));
      continue;
    }
    assert.equal(response.status(), 200, `sign-in of ${user} failed: ${await response.text()}`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return;
  }
}

/** The REST API with this context's cookies; returns status and parsed body. */
export async function apiCall(context, method, path, body) {
  const me = await context.request.get('/api/v1/me');
  const csrf = me.ok() ? (await me.json()).csrfToken : undefined;
  const response = await context.request.fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(csrf && method !== 'GET' ? { 'X-CSRF-Token': csrf } : {}) },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: response.status(), body: json, text };
}

/** Signs in through the API only (for checks that are not about the UI). */
export async function apiLogin(context, user) {
  for (let attempt = 1; ; attempt++) {
    const response = await context.request.post('/api/v1/auth/login', { data: { username: user, password: password(user) } });
    if (response.status() === 429 && attempt < LOGIN_ATTEMPTS) {
      await sleep(retryDelay(response));
      continue;
    }
    assert.equal(response.status(), 200, `login of ${user} failed: ${await response.text()}`);
    return (await response.json()).csrfToken;
  }
}

/** Axe-core with the WCAG 2.1 A/AA rules; fails on any serious or critical violation. */
export async function checkAccessibility(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n  ');
  assert.equal(bad.length, 0, `axe-core found serious/critical violations on ${name}:\n  ${detail}`);
  return result;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Starts a new chat session from the UI and returns its id once its page is open. */
export async function newSession(page) {
  await page.goto('/chat');
  await page.getByRole('heading', { name: 'Sessions' }).waitFor();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/sessions') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'New session' }).click();
  const response = await created;
  assert.equal(response.status(), 201, await response.text());
  const { id } = await response.json();
  await page.waitForURL((url) => url.pathname === `/chat/${encodeURIComponent(id)}`);
  // The address changes a moment before the conversation is on screen.
  await page.locator(`[data-session-id="${id}"]`).getByLabel('Your request').waitFor();
  return id;
}

export async function ask(page, text) {
  const input = page.getByLabel('Your request');
  await input.fill(text);
  await input.press('Enter');
}

/** The command card of the n-th request (0-based) in the open session, once it is shown. */
export async function commandCard(page, index) {
  const card = page.getByTestId('command-card').nth(index);
  try {
    await card.waitFor({ timeout: COMMAND_TIMEOUT });
  } catch (e) {
    await screenshot(page, `failed-command-card-${Date.now()}`);
    throw new Error(`no command card ${index}; the page says:\n${(await page.locator('main').innerText()).slice(0, 2000)}`, { cause: e });
  }
  return card;
}

export async function waitForPhase(card, phases, timeout = COMMAND_TIMEOUT) {
  const wanted = Array.isArray(phases) ? phases : [phases];
  return eventually(async () => {
    const phase = await card.getAttribute('data-phase');
    return wanted.includes(phase) ? phase : undefined;
  }, { timeout, message: `phase ${wanted.join(' or ')}` });
}

/** Polls `probe` until it returns a truthy value. */
export async function eventually(probe, { timeout = COMMAND_TIMEOUT, interval = 500, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`timed out waiting for ${message}; last value: ${JSON.stringify(last)}`);
}

/** Rows of a resources table as objects keyed by lower-case column name. */
export function tableObjects(table) {
  const columns = table.columns.map((c) => String(c).toLowerCase());
  return table.rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}
