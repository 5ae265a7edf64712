import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ask, checkAccessibility, commandCard, launch, login, newContext, newSession, screenshot, waitForPhase } from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

test('a request beyond the user\'s rights is refused in plain words', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'alice');
  await newSession(page);
  // alice may edit the shop only; payments is out of her reach.
  await ask(page, 'scale statefulset ledger-db in payments to 2');
  const card = await commandCard(page, 0);
  const phase = await waitForPhase(card, TERMINAL);
  assert.ok(phase === 'Denied' || phase === 'Failed', `expected a refusal, got ${phase}: ${await card.textContent()}`);
  const explanation = card.getByTestId('command-refusal').or(card.getByTestId('command-message')).first();
  const message = await explanation.textContent();
  assert.ok(message.trim().length > 0, 'the refusal is explained');
  assert.doesNotMatch(message, /Exception|at io\.|at java\./, 'no stack trace');
  await screenshot(page, 'chat-refused');
  await checkAccessibility(page, 'chat with a refusal');
});
