import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall, apiLogin, eventually, launch, login, newContext, password, screenshot, tableObjects, waitForPhase, commandCard,
} from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

/** What has focus, in words: its accessible-ish name, role and tag. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', name: '', outline: 'none' };
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : undefined;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role') ?? '',
      name: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim(),
      outline: style.outlineStyle === 'none' || style.outlineWidth === '0px' ? 'none' : style.outlineStyle,
    };
  });
}

/** Presses Tab until the focused element matches, asserting every stop shows a focus ring. */
async function tabTo(page, matches, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.tag !== 'body') assert.notEqual(now.outline, 'none', `no visible focus on ${JSON.stringify(now)}`);
    if (matches(now)) return now;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Fills the sign-in form with Tab and typing only, and sends it with Enter. */
async function typeCredentials(page, user) {
  await tabTo(page, (f) => f.name === 'Username', 'the username field');
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password(user));
  await page.keyboard.press('Enter');
}

test('the chat flow works with the keyboard alone', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());

  await t.test('alice signs in, starts a session, asks, and sorts the result', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, 'alice', typeCredentials);

    // On a freshly loaded page the skip link is the first stop and moves focus past the navigation.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).name, 'Skip to content');
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.name === 'New session', 'New session');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/sessions') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    const { id } = await (await created).json();
    await page.waitForURL((url) => url.pathname === `/chat/${encodeURIComponent(id)}`);
    await page.locator(`[data-session-id="${id}"]`).getByLabel('Your request').waitFor();
    await tabTo(page, (f) => f.tag === 'textarea' && f.name === 'Your request', 'the request field');
    await page.keyboard.type('list deployments in shop');
    await page.keyboard.press('Enter');

    const card = await commandCard(page, 0);
    assert.equal(await waitForPhase(card, TERMINAL), 'Succeeded', await card.textContent());
    const table = card.getByRole('table');
    await table.waitFor();
    const header = await tabTo(page, (f) => f.tag === 'button' && /^name/i.test(f.name), 'the Name column header');
    assert.ok(header);
    await page.keyboard.press('Enter');
    assert.equal(await table.getByRole('columnheader', { name: /name/i }).first().getAttribute('aria-sort'), 'ascending');
    await page.keyboard.press('Enter');
    assert.equal(await table.getByRole('columnheader', { name: /name/i }).first().getAttribute('aria-sort'), 'descending');
    await screenshot(page, 'keyboard-chat');
    await context.close();
  });

  await t.test('carol approves with the keyboard; the dialog keeps focus inside', async () => {
    // A command waiting for approval, requested by alice through the API.
    const alice = await newContext(browser);
    await apiLogin(alice, 'alice');
    const pods = tableObjects((await apiCall(alice, 'GET', '/api/v1/resources/shop/pods')).body);
    const victim = pods.map((p) => String(p.name)).find((n) => n.startsWith('web-'));
    const session = await apiCall(alice, 'POST', '/api/v1/sessions', { title: 'keyboard approval', namespace: 'shop' });
    const posted = await apiCall(alice, 'POST', `/api/v1/sessions/${encodeURIComponent(session.body.id)}/messages`, { text: `delete pod ${victim} in shop` });
    assert.equal(posted.status, 202, posted.text);
    const { namespace, name } = posted.body.command;
    await eventually(async () => (await apiCall(alice, 'GET', `/api/v1/commands/${namespace}/${name}`)).body?.phase === 'AwaitingApproval',
      { message: 'the delete to await approval' });

    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, 'carol', typeCredentials);
    await tabTo(page, (f) => f.name === 'Dashboard', 'the Dashboard link');
    await page.keyboard.press('Enter');
    const item = page.getByRole('region', { name: 'Pending approvals' }).locator(`li[data-command="${namespace}/${name}"]`);
    await item.waitFor();
    // Tab (only) until this command's Approve button has focus.
    const target = await item.getByRole('button', { name: 'Approve' }).elementHandle();
    for (let i = 0; i < 80 && !(await page.evaluate((el) => el === document.activeElement, target)); i++) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await page.evaluate((el) => el === document.activeElement, target), 'Tab reached the Approve button');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    // Focus is trapped: many Tabs never leave the dialog.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus left the dialog');
    }
    const confirm = await dialog.getByRole('button', { name: 'Yes, approve and run' }).elementHandle();
    for (let i = 0; i < 10 && !(await page.evaluate((el) => el === document.activeElement, confirm)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await eventually(async () => (await apiCall(alice, 'GET', `/api/v1/commands/${namespace}/${name}`)).body?.phase === 'Succeeded',
      { message: 'the approved delete to succeed' });
    await context.close();
    await alice.close();
  });
});
