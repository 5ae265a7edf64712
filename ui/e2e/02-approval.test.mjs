import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall, ask, checkAccessibility, commandCard, eventually, launch, login, newContext, newSession, screenshot,
  tableObjects, waitForPhase,
} from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

test('deleting a pod waits for approval; bob cannot approve; carol approves in her own browser; alice sees it done', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());

  const alice = await newContext(browser);
  const alicePage = await alice.newPage();
  await login(alicePage, 'alice');

  // A real pod to delete, read as alice.
  const { body } = await apiCall(alice, 'GET', '/api/v1/resources/shop/pods');
  const victim = tableObjects(body).map((p) => String(p.name)).find((name) => name.startsWith('web-'));
  assert.ok(victim, `no web pod in shop: ${JSON.stringify(body)}`);

  await newSession(alicePage);
  await ask(alicePage, `delete pod ${victim} in shop`);
  const card = await commandCard(alicePage, 0);
  assert.equal(await waitForPhase(card, ['AwaitingApproval', ...TERMINAL]), 'AwaitingApproval',
    `the delete did not wait for approval: ${await card.textContent()}`);
  assert.match(await card.textContent(), /Risk: Destructive/);
  assert.match(await card.getByLabel('kubectl equivalent').textContent(), new RegExp(`kubectl delete pod ${victim}`));
  assert.equal(await card.getByRole('button', { name: 'Approve' }).count(), 0, 'an operator is offered no approve button');
  await screenshot(alicePage, 'chat-awaiting-approval');
  const [namespace, name] = (await card.getAttribute('data-command')).split('/');

  await t.test('bob, a viewer, sees no approve button and the API refuses his approval', async () => {
    const bob = await newContext(browser);
    const bobPage = await bob.newPage();
    await login(bobPage, 'bob');
    await bobPage.goto('/dashboard');
    await bobPage.getByRole('heading', { name: 'Pending approvals' }).waitFor();
    assert.equal(await bobPage.getByRole('button', { name: 'Approve' }).count(), 0);
    const attempt = await apiCall(bob, 'POST', `/api/v1/commands/${namespace}/${name}/approve`, { reason: 'bob tries' });
    assert.equal(attempt.status, 403, `bob's approval answered ${attempt.status}: ${attempt.text}`);
    assert.equal(attempt.body?.error, 'NotAnApprover');
    const still = await apiCall(alice, 'GET', `/api/v1/commands/${namespace}/${name}`);
    assert.equal(still.body.phase, 'AwaitingApproval');
    await bob.close();
  });

  await t.test('carol approves from the dashboard after a confirmation naming the change', async () => {
    const carol = await newContext(browser);
    const carolPage = await carol.newPage();
    await login(carolPage, 'carol');
    await carolPage.goto('/dashboard');
    const pending = carolPage.getByRole('region', { name: 'Pending approvals' }).locator(`li[data-command="${namespace}/${name}"]`);
    await pending.waitFor();
    assert.match(await pending.textContent(), new RegExp(`kubectl delete pod ${victim}`));
    await pending.getByRole('button', { name: 'Approve' }).click();
    const dialog = carolPage.getByRole('alertdialog');
    await dialog.waitFor();
    const summary = await dialog.getByTestId('approval-summary').textContent();
    assert.match(summary, new RegExp(`kubectl delete pod ${victim}`));
    assert.match(summary, /namespace shop/);
    assert.match(summary, /alice/);
    await screenshot(carolPage, 'approval-dialog');
    await checkAccessibility(carolPage, 'approval dialog');
    await dialog.getByRole('button', { name: 'Yes, approve and run' }).click();
    await dialog.waitFor({ state: 'detached' });
    await carol.close();
  });

  // Alice's page follows the command to its end without a reload.
  assert.equal(await waitForPhase(card, TERMINAL), 'Succeeded', `not done: ${await card.textContent()}`);
  assert.match(await card.textContent(), /carol/);
  await screenshot(alicePage, 'chat-approved-done');
  await eventually(async () => (await apiCall(alice, 'GET', `/api/v1/resources/shop/pods/${victim}`)).status === 404,
    { message: `pod ${victim} to be gone` });
});
