import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall, ask, checkAccessibility, commandCard, eventually, launch, login, newContext, newSession, screenshot, waitForPhase,
} from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

/** Presses Tab until the element with focus is `target` (a Playwright locator), within `max` presses. */
async function tabUntil(page, target, max = 20) {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${target}`);
}

/** Presses ArrowDown until the focused element's text is `text`, within `max` presses. */
async function arrowDownUntil(page, text, max = 5) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('ArrowDown');
    // let a late focus move of the menu land before reading where focus is
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    if (await page.evaluate(() => document.activeElement?.textContent) === text) return;
  }
  assert.fail(`ArrowDown never reached ${text}`);
}

test('alice shares a session with bob, who reads it in his own browser until she stops sharing', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());

  const alice = await newContext(browser);
  const alicePage = await alice.newPage();
  await login(alicePage, 'alice');
  const id = await newSession(alicePage);
  await ask(alicePage, 'list deployments in shop');
  const card = await commandCard(alicePage, 0);
  assert.equal(await waitForPhase(card, TERMINAL), 'Succeeded', await card.textContent());
  const item = alicePage.locator(`li[data-session="${id}"]`);
  // The first request names the session.
  await item.getByRole('link', { name: 'list deployments in shop' }).waitFor();

  const bob = await newContext(browser);
  const bobPage = await bob.newPage();
  await login(bobPage, 'bob');

  await t.test('before sharing, bob can neither list nor read the session', async () => {
    assert.equal((await apiCall(bob, 'GET', `/api/v1/sessions/${id}`)).status, 404);
    assert.equal((await apiCall(bob, 'GET', `/api/v1/sessions/${id}/messages`)).status, 404);
    assert.ok(!(await apiCall(bob, 'GET', '/api/v1/sessions')).body.some((s) => s.id === id));
  });

  await t.test('alice adds bob in the Share dialog, which explains a bad name and passes axe-core', async () => {
    await item.getByRole('button', { name: /^Actions for session/ }).click();
    await alicePage.getByRole('menuitem', { name: 'Share…' }).click();
    const dialog = alicePage.getByRole('dialog', { name: 'Share “list deployments in shop”' });
    await dialog.waitFor();
    const field = dialog.getByLabel('Add people');
    assert.ok(await field.evaluate((el) => el === document.activeElement), 'the name field has focus when the dialog opens');
    await field.fill('bob carol!');
    await field.press('Enter');
    assert.match(await dialog.getByRole('alert').textContent(), /“carol!” is not a user name/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await field.fill('Bob');
    await field.press('Enter');
    const list = dialog.getByRole('list', { name: 'Shared with' });
    await list.getByRole('button', { name: 'Remove bob' }).waitFor();
    assert.equal(await list.getByRole('listitem').count(), 1);
    assert.equal(await field.inputValue(), '');
    await checkAccessibility(alicePage, 'share dialog');
    await screenshot(alicePage, 'share-dialog');

    const saved = alicePage.waitForResponse((r) => r.url().endsWith(`/api/v1/sessions/${id}/sharing`) && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const response = await saved;
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual((await response.json()).sharedWith, ['bob']);
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await item.getByTestId('sharing-note').textContent(), 'Shared with bob');
  });

  await t.test('bob finds the session marked as shared by alice and reads it, without a way to send or manage', async () => {
    await bobPage.goto('/chat');
    const shared = bobPage.locator(`li[data-session="${id}"]`);
    await shared.waitFor();
    assert.equal(await shared.getAttribute('data-access'), 'shared');
    assert.equal(await shared.getByTestId('sharing-note').textContent(), 'Shared by alice');
    assert.equal(await shared.getByRole('button', { name: /^Actions for session/ }).count(), 0, 'only the owner gets session actions');
    await shared.getByRole('link').click();
    const conversation = bobPage.locator(`[data-session-id="${id}"]`);
    await conversation.waitFor();
    await conversation.getByTestId('message-user').filter({ hasText: 'list deployments in shop' }).waitFor();
    const bobsCard = await commandCard(bobPage, 0);
    assert.equal(await waitForPhase(bobsCard, TERMINAL), 'Succeeded');
    await bobsCard.getByRole('table').waitFor();
    assert.match(await conversation.getByTestId('read-only').textContent(), /alice shared this session with you/);
    assert.equal(await conversation.getByLabel('Your request').count(), 0, 'a viewer gets no request field');
    assert.equal(await bobsCard.getByRole('button', { name: 'Approve' }).count(), 0);
    await conversation.getByText('Live', { exact: true }).waitFor();
    await checkAccessibility(bobPage, 'shared session (bob)');
    await screenshot(bobPage, 'shared-session-bob');

    const change = await apiCall(bob, 'PUT', `/api/v1/sessions/${id}/sharing`, { sharedWith: [] });
    assert.equal(change.status, 403, change.text);
    assert.equal(change.body.error, 'NotSessionOwner');
  });

  await t.test('alice stops sharing with the keyboard alone; bob loses the session at once', async () => {
    await item.getByRole('button', { name: /^Actions for session/ }).focus();
    await alicePage.keyboard.press('Enter');
    await alicePage.getByRole('menu').waitFor();
    // The menu focuses its first item a moment after it shows, on a busy machine after an arrow already moved on:
    // arrow down as a person would, until Share… has focus.
    await alicePage.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
    await arrowDownUntil(alicePage, 'Share…');
    await alicePage.keyboard.press('Enter');
    const dialog = alicePage.getByRole('dialog', { name: /^Share/ });
    await dialog.waitFor();
    await tabUntil(alicePage, dialog.getByRole('button', { name: 'Remove bob' }));
    await alicePage.keyboard.press('Enter');
    await dialog.getByText('Nobody else: only you see this session.').waitFor();
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus stays in the dialog after removing');
    await tabUntil(alicePage, dialog.getByRole('button', { name: 'Save' }));
    const saved = alicePage.waitForResponse((r) => r.url().endsWith(`/api/v1/sessions/${id}/sharing`) && r.request().method() === 'PUT');
    await alicePage.keyboard.press('Enter');
    assert.equal((await saved).status(), 200);
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => item.getByRole('button', { name: /^Actions for session/ }).evaluate((el) => el === document.activeElement),
      { timeout: 5000, message: 'focus back on the session\'s actions button' });
    assert.equal(await item.getByTestId('sharing-note').count(), 0);

    // Bob's open page hears it from the stream; the API and his list no longer know the session.
    await bobPage.getByText('This session was deleted or is no longer shared with you.').waitFor();
    assert.equal((await apiCall(bob, 'GET', `/api/v1/sessions/${id}/messages`)).status, 404);
    await bobPage.goto('/chat');
    await bobPage.getByRole('heading', { name: 'Sessions' }).waitFor();
    await eventually(async () => (await bobPage.locator('[role="status"]').filter({ hasText: 'Loading sessions' }).count()) === 0,
      { message: 'the session list to load' });
    assert.equal(await bobPage.locator(`li[data-session="${id}"]`).count(), 0);
  });

  await bob.close();
  assert.equal((await apiCall(alice, 'DELETE', `/api/v1/sessions/${id}`)).status, 204);
  await alice.close();
});
