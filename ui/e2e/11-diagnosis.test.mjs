// A question before an order: "why is billing crashing?" is answered with the finding, its evidence and a fix
// that, clicked, runs through the usual pipeline. billing (examples/demo) crashes on purpose, as kwok reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ask, checkAccessibility, COMMAND_TIMEOUT, commandCard, launch, login, newContext, newSession, screenshot, waitForPhase } from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

test('alice asks why billing is crashing, sees the finding and its evidence, and runs the fix it offers', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const page = await (await newContext(browser)).newPage();
  await login(page, 'alice');
  await newSession(page);

  // A second revision, so that the fix (roll back) has somewhere to go.
  await ask(page, 'set LOG_LEVEL=debug on billing in shop');
  const change = await commandCard(page, 0);
  assert.equal(await waitForPhase(change, TERMINAL), 'Succeeded', await change.textContent());

  await ask(page, 'why is billing crashing?');
  const card = await commandCard(page, 1);
  const kubectl = card.getByLabel('kubectl equivalent');
  await kubectl.waitFor({ timeout: COMMAND_TIMEOUT });
  assert.equal((await kubectl.textContent()).trim(), 'kubectl kubechat diagnose deployment/billing -n shop');
  assert.match(await card.textContent(), /Risk: Safe/, 'a diagnosis only reads');
  assert.equal(await waitForPhase(card, TERMINAL), 'Succeeded', await card.textContent());

  const finding = card.getByTestId('diagnosis-findings').locator('li').first();
  assert.equal(await finding.getAttribute('data-cause'), 'CRASH_LOOP');
  assert.match(await finding.textContent(), /deployment billing keeps crashing with exit code 1/);
  const evidence = finding.getByText('Evidence');
  await evidence.click();
  assert.match(await finding.locator('pre').textContent(), /reason: CrashLoopBackOff/);
  await card.getByText('All evidence, with where it was read').click();
  assert.match(await card.getByText(/logs of the previous billing container/).textContent(), /out of memory/, 'the last log lines are quoted');
  await screenshot(page, 'chat-diagnosis');
  await checkAccessibility(page, 'a diagnosis with its findings');

  const fix = finding.getByRole('button', { name: /Run fix: kubectl rollout undo deployment billing -n shop/ });
  await fix.click();
  const undo = await commandCard(page, 2);
  const undoKubectl = undo.getByLabel('kubectl equivalent');
  await undoKubectl.waitFor({ timeout: COMMAND_TIMEOUT });
  assert.equal((await undoKubectl.textContent()).trim(), 'kubectl rollout undo deployment billing -n shop');
  assert.equal(await waitForPhase(undo, TERMINAL), 'Succeeded', await undo.textContent());
  assert.match(await undo.getByTestId('command-result').textContent(), /rolled back to revision 1/);
});
