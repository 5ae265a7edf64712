// How quickly the UI answers interactions that need no server: the product holds itself to 100 ms.
// Two measures, both taken by the browser itself:
// - INP-style: the Event Timing API's duration of each interaction (input to the next paint, as Interaction to
//   Next Paint counts it); Chromium reports only events of 16 ms or more, so "≤16" means below that;
// - input to painted change: from the input event's time stamp to the frame after the expected DOM change, which
//   also covers work done after the first paint (for example a page rendered in a transition).
// The INP-style latency of each kind of interaction must be within the budget at the 75th percentile, the
// percentile at which Core Web Vitals judge INP, in one round of all the interactions; up to three rounds are run.
// On a shared 2-core virtual machine some samples, even whole rounds, catch the browser descheduled, while a UI
// that is slow every time fails every round. p95, the maximum, INP proper (the worst, ignoring one per 50) and
// the input-to-painted-change times are reported beside it, for every round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiCall, apiLogin, eventually, launch, login, newContext, COMMAND_TIMEOUT } from './support.mjs';

const BUDGET_MS = 100;
const MAX_ROUNDS = 3;
const EVENT_TIMING_THRESHOLD_MS = 16;
const REPORT = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'interaction-latency.json');
const PAGES = ['Chat', 'Dashboard', 'Resources', 'Audit', 'Clusters', 'Settings'];
const REQUESTS = ['list pods in shop', 'list deployments in shop', 'list services in shop', 'list pods in payments',
  'list events in shop', 'list configmaps in shop'];

/** Runs in the page before its scripts: keeps every Event Timing entry that belongs to an interaction. */
function recordEventTiming() {
  window.__eventTiming = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) {
        window.__eventTiming.push({
          interactionId: e.interactionId, name: e.name, startTime: e.startTime, duration: e.duration,
          processingStart: e.processingStart, processingEnd: e.processingEnd,
        });
      }
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

/**
 * Runs in the page: waits for the next input (pointerdown or keydown), then for the DOM to satisfy `until`, then for
 * the frame after that change; window.__answer resolves to the time from the input to that frame.
 */
function arm(until) {
  let inputAt;
  let done;
  const listener = (event) => { if (inputAt === undefined) inputAt = event.timeStamp; };
  window.addEventListener('pointerdown', listener, true);
  window.addEventListener('keydown', listener, true);
  const satisfied = () => {
    const found = [...document.querySelectorAll(until.selector)]
      .some((el) => until.text === undefined || (el.textContent ?? '').includes(until.text));
    return until.absent ? !found : found;
  };
  window.__answer = new Promise((resolve, reject) => {
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`no ${JSON.stringify(until)} within 10 s`)); }, 10_000);
    const check = () => {
      if (done || inputAt === undefined || !satisfied()) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      window.removeEventListener('pointerdown', listener, true);
      window.removeEventListener('keydown', listener, true);
      // requestAnimationFrame runs just before the frame is painted; a task queued from it runs after.
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - inputAt), 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    window.__check = check;
  });
}

let samples = [];

/** Performs `act` (one user input) and records both measures under `kind`. */
async function measure(page, kind, act, until) {
  const since = await page.evaluate(() => performance.now());
  await page.evaluate(arm, until);
  await act();
  // The DOM may already have been in its final state when the input arrived (nothing to observe): check once more.
  await page.evaluate(() => window.__check?.());
  const painted = await page.evaluate(() => window.__answer);
  // Event Timing entries are delivered after the frame is presented; give the observer a moment.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 60)));
  const entries = await page.evaluate((t0) => window.__eventTiming.filter((e) => e.startTime >= t0), since);
  const byInteraction = new Map();
  for (const e of entries) byInteraction.set(e.interactionId, Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration));
  const inp = byInteraction.size === 0 ? null : Math.max(...byInteraction.values());
  // Where the time of each event went: waiting for the main thread, handlers, and rendering up to the paint.
  const events = entries.map((e) => ({
    name: e.name, duration: e.duration, inputDelay: round(e.processingStart - e.startTime),
    processing: round(e.processingEnd - e.processingStart), presentation: round(e.startTime + e.duration - e.processingEnd),
  }));
  samples.push({ kind, inp, painted: round(painted), events });
}

const round = (ms) => Math.round(ms * 10) / 10;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Interaction to Next Paint over a set of interactions: the worst, ignoring one per 50 (web.dev's definition). */
function inpOf(values) {
  const sorted = [...values].sort((a, b) => b - a);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length / 50))];
}

function summary(samples) {
  const kinds = [...new Set(samples.map((s) => s.kind))];
  return kinds.map((kind) => {
    const mine = samples.filter((s) => s.kind === kind);
    // An interaction without an entry took less than the observer's threshold; count it at the threshold.
    const inp = mine.map((s) => s.inp ?? EVENT_TIMING_THRESHOLD_MS).sort((a, b) => a - b);
    const painted = mine.map((s) => s.painted).sort((a, b) => a - b);
    const stats = (sorted) => ({
      p50: percentile(sorted, 50), p75: percentile(sorted, 75), p95: percentile(sorted, 95), max: sorted[sorted.length - 1],
      inp: inpOf(sorted),
    });
    return { kind, count: mine.length, inpStyle: stats(inp), inputToPaint: stats(painted) };
  });
}

function table(rows) {
  const ms = (v) => (v <= EVENT_TIMING_THRESHOLD_MS ? `≤${EVENT_TIMING_THRESHOLD_MS}` : v.toFixed(0));
  const plain = (v) => v.toFixed(1);
  const lines = [
    ['interaction', 'n', 'INP-style p50', 'p75', 'p95', 'max', 'INP', 'input→paint p50', 'p75', 'p95', 'max'],
    ...rows.map((r) => [r.kind, String(r.count), ms(r.inpStyle.p50), ms(r.inpStyle.p75), ms(r.inpStyle.p95), ms(r.inpStyle.max), ms(r.inpStyle.inp),
      plain(r.inputToPaint.p50), plain(r.inputToPaint.p75), plain(r.inputToPaint.p95), plain(r.inputToPaint.max)]),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

/** One round of every kind of interaction, starting on any page. */
async function interactions(page, nav, sessions) {
  // switching between pages
  for (let round = 0; round < 6; round++) {
    for (const name of [...PAGES.slice(1), 'Chat']) {
      await measure(page, `navigate to ${name}`, () => nav.getByRole('link', { name }).click(), { selector: 'h1', text: name });
    }
  }

  // opening sessions from the list, from the busy conversation, so that every measured click changes what is shown
  await page.locator(`li[data-session="${sessions[0]}"]`).getByRole('link').click();
  await page.locator(`[data-session-id="${sessions[0]}"]`).getByTestId('command-card').last().waitFor({ timeout: COMMAND_TIMEOUT });
  for (let round = 0; round < 8; round++) {
    for (const id of [sessions[1], sessions[0]]) {
      await measure(page, 'open a session from the list', () => page.locator(`li[data-session="${id}"]`).getByRole('link').click(),
        { selector: `[data-session-id="${id}"]` });
      await page.locator(`[data-session-id="${id}"]`).getByTestId('command-card').last().waitFor({ timeout: COMMAND_TIMEOUT });
    }
  }

  // menus and dialogs
  const actions = page.locator(`li[data-session="${sessions[0]}"]`).getByRole('button', { name: /^Actions for session/ });
  for (let round = 0; round < 8; round++) {
    for (const item of ['Rename…', 'Share…']) {
      await measure(page, 'open a menu', () => actions.click(), { selector: '[role="menu"]' });
      await measure(page, 'open a dialog', () => page.getByRole('menuitem', { name: item }).click(), { selector: '[role="dialog"]' });
      await measure(page, 'close a dialog', () => page.keyboard.press('Escape'), { selector: '[role="dialog"]', absent: true });
    }
  }

  // sorting a result table
  const header = page.locator(`[data-session-id="${sessions[0]}"]`).getByTestId('command-card').first()
    .getByRole('columnheader').first();
  for (let round = 0; round < 10; round++) {
    const next = round % 2 === 0 ? 'ascending' : 'descending';
    await measure(page, 'sort a table', () => header.getByRole('button').click(),
      { selector: `[aria-sort="${next}"]` });
  }

  // typing a request in a long conversation
  const input = page.locator(`[data-session-id="${sessions[0]}"]`).getByLabel('Your request');
  await input.click();
  const text = 'scale checkout to three';
  for (let i = 0; i < text.length; i++) {
    await measure(page, 'type in the chat input', () => page.keyboard.press(text[i] === ' ' ? 'Space' : text[i]),
      { selector: 'form[aria-label="Send a request"] p', text: ` ${i + 1}/2000` });
  }
  await input.fill('');

  // switching the theme
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Theme' }).waitFor();
  for (let round = 0; round < 10; round++) {
    const dark = round % 2 === 0;
    await measure(page, 'switch the theme', () => page.getByRole('radio', { name: dark ? 'Dark' : 'Light' }).click(),
      { selector: 'html.dark', absent: !dark });
  }
}

test('local interactions answer within 100 ms', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());

  // Two conversations with real results (tables), made through the API.
  const setup = await newContext(browser);
  await apiLogin(setup, 'alice');
  const sessions = [];
  for (const title of ['latency: busy conversation', 'latency: short conversation']) {
    const created = await apiCall(setup, 'POST', '/api/v1/sessions', { title, namespace: 'shop' });
    assert.equal(created.status, 201, created.text);
    sessions.push(created.body.id);
  }
  const commands = [];
  for (const [i, text] of REQUESTS.entries()) {
    const posted = await apiCall(setup, 'POST', `/api/v1/sessions/${sessions[i < 5 ? 0 : 1]}/messages`, { text });
    assert.equal(posted.status, 202, posted.text);
    commands.push(posted.body.command);
  }
  for (const c of commands) {
    await eventually(async () => ['Succeeded', 'Failed', 'Denied'].includes((await apiCall(setup, 'GET', `/api/v1/commands/${c.namespace}/${c.name}`)).body?.phase),
      { timeout: COMMAND_TIMEOUT, message: `${c.request} to finish` });
  }

  const context = await newContext(browser, { theme: 'light' });
  await context.addInitScript(recordEventTiming);
  const page = await context.newPage();
  await login(page, 'alice');
  const nav = page.getByRole('navigation', { name: 'Main' });

  await page.goto(`/chat/${sessions[0]}`);
  const busy = page.locator(`[data-session-id="${sessions[0]}"]`);
  // The page scrolls to the newest card; older ones may be off-screen, where content-visibility skips their rendering.
  await busy.getByTestId('command-card').last().getByRole('table').waitFor({ timeout: COMMAND_TIMEOUT });
  assert.equal(await busy.getByTestId('command-card').count(), 5);
  // Every page once: its code is loaded on the first visit (from the server), which is not what is measured here.
  for (const name of PAGES.slice(1)) {
    await nav.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  const rounds = [];
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    samples = [];
    await t.test(`round ${round} of the interactions`, async () => {
      await interactions(page, nav, sessions);
    });
    const rows = summary(samples);
    const pageInp = inpOf(samples.map((s) => s.inp ?? EVENT_TIMING_THRESHOLD_MS));
    console.log(`\nInteraction latency in ms, round ${round} (Chromium ${browser.version()}, budget ${BUDGET_MS} ms at p75)\n`
      + `${table(rows)}\nINP of the round (${samples.length} interactions): ${pageInp} ms\n`);
    rounds.push({ round, pageInp, summary: rows, samples });
    if (rows.every((r) => r.inpStyle.p75 < BUDGET_MS)) break;
  }
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, `${JSON.stringify({ budgetMs: BUDGET_MS, browser: browser.version(), rounds }, null, 2)}\n`);

  await t.test('the INP-style latency of every kind of interaction is within the budget', () => {
    const { summary: rows } = rounds[rounds.length - 1];
    const over = rows.filter((r) => r.inpStyle.p75 >= BUDGET_MS);
    assert.deepEqual(over.map((r) => r.kind), [],
      `INP-style latency over ${BUDGET_MS} ms at the 75th percentile in each of ${rounds.length} rounds; the last:\n${table(over)}`);
  });

  await context.close();
  // Each run adds two sessions to alice's list; they would slow down (and lengthen) every later run.
  for (const id of sessions) assert.equal((await apiCall(setup, 'DELETE', `/api/v1/sessions/${id}`)).status, 204);
  await setup.close();
});
