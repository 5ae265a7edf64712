// Everyday wording, as a new user types it: the translator prepares the right command for an object alice can see,
// or asks with concrete choices; an English word never becomes the name of an object to delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ask, checkAccessibility, COMMAND_TIMEOUT, commandCard, launch, login, newContext, newSession, screenshot, waitForPhase } from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

async function signedInSession(t) {
  const browser = await launch();
  t.after(() => browser.close());
  const page = await (await newContext(browser)).newPage();
  await login(page, 'alice');
  await newSession(page);
  return page;
}

/** The kubectl preview of a card once it has one, or its question once it asked one instead. */
async function previewOrQuestion(card) {
  const preview = card.getByLabel('kubectl equivalent');
  const question = card.getByTestId('clarification');
  await preview.or(question).first().waitFor({ timeout: COMMAND_TIMEOUT });
  return (await question.count()) > 0 ? { question } : { kubectl: (await preview.textContent()).trim() };
}

/** The preview the request leads to: directly, or by clicking the choice that is exactly `expected`. */
async function previewAfterChoosing(page, card, expected) {
  const first = await previewOrQuestion(card);
  if (first.kubectl) return { kubectl: first.kubectl, asked: false };
  await screenshot(page, 'everyday-clarification');
  await checkAccessibility(page, 'chat with a question');
  const choices = await first.question.getByTestId('clarification-choice').allTextContents();
  assert.ok(choices.map((c) => c.trim()).includes(expected), `the question offers ${JSON.stringify(choices)}, not ${expected}`);
  await first.question.getByRole('button', { name: expected, exact: true }).click();
  // The answer is a new request of the same conversation, linked to the question.
  const answer = await commandCard(page, 1);
  await answer.getByTestId('answers-question').waitFor({ timeout: COMMAND_TIMEOUT });
  const after = await previewOrQuestion(answer);
  assert.ok(after.kubectl, `the chosen command asked again: ${await answer.textContent()}`);
  return { kubectl: after.kubectl, asked: true, card: answer };
}

test('"checkout needs four pods" prepares the scale of the deployment checkout in shop, or asks with it as a choice', async (t) => {
  const page = await signedInSession(t);
  await ask(page, 'checkout needs four pods');
  const card = await commandCard(page, 0);
  const expected = 'kubectl scale deployment checkout -n shop --replicas=4';
  const result = await previewAfterChoosing(page, card, expected);
  assert.equal(result.kubectl, expected);
  await waitForPhase(result.card ?? card, TERMINAL);
  await screenshot(page, 'everyday-scale');
});

test('"show logs of checkout" reads the logs of the deployment checkout in shop', async (t) => {
  const page = await signedInSession(t);
  await ask(page, 'show logs of checkout');
  const card = await commandCard(page, 0);
  const expected = 'kubectl logs deployment/checkout -n shop';
  const result = await previewAfterChoosing(page, card, expected);
  assert.equal(result.kubectl, expected);
  await waitForPhase(result.card ?? card, TERMINAL);
});

test('"delete pod in shop that is oldest" asks or is not understood, and never prepares a delete', async (t) => {
  const page = await signedInSession(t);
  await ask(page, 'delete pod in shop that is oldest');
  const card = await commandCard(page, 0);
  const phase = await waitForPhase(card, [...TERMINAL, 'AwaitingApproval']);
  await screenshot(page, 'everyday-oldest');
  const text = await card.textContent();
  assert.equal(phase, 'Failed', `a request naming no pod must not become a command: ${text}`);
  assert.equal(await card.getByLabel('kubectl equivalent').count(), 0, `no command is previewed: ${text}`);
  assert.doesNotMatch(text, /Risk: Destructive/);
  assert.doesNotMatch(text, /delete pod oldest/, '"oldest" is a word, not the name of a pod');
});
