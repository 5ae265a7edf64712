import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, checkAccessibility, eventually, launch, login, newContext, newSession, screenshot } from './support.mjs';

test('sessions can be renamed and deleted, settings persist, and an admin manages users', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());

  await t.test('alice renames and deletes a session', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, 'alice');
    const id = await newSession(page);
    const title = `Renamed ${Date.now()}`;
    await page.getByRole('button', { name: 'Actions for session New conversation' }).first().click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename session' });
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Default namespace').fill('shop');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: title }).waitFor();
    const sessions = (await apiCall(context, 'GET', '/api/v1/sessions')).body;
    assert.deepEqual(sessions.filter((s) => s.id === id).map((s) => [s.title, s.namespace]), [[title, 'shop']]);

    await page.getByRole('button', { name: `Actions for session ${title}` }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('alertdialog');
    assert.match(await confirm.textContent(), new RegExp(title));
    await confirm.getByRole('button', { name: 'Delete session' }).click();
    await page.getByRole('link', { name: title }).waitFor({ state: 'detached' });
    // The list drops the session at once; the server's delete may still be on its way.
    await eventually(async () => !(await apiCall(context, 'GET', '/api/v1/sessions')).body.some((s) => s.id === id),
      { message: 'the deleted session gone from the API' });
    await context.close();
  });

  await t.test('the theme and default namespace are kept in the browser', async () => {
    const context = await newContext(browser, { theme: 'light' });
    const page = await context.newPage();
    await login(page, 'alice');
    await page.goto('/settings');
    await page.getByRole('radio', { name: 'Dark' }).check();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await page.getByLabel('Default namespace').selectOption('shop');
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    assert.equal(await page.getByLabel('Default namespace').inputValue(), 'shop');
    await page.goto('/resources');
    assert.equal(await page.getByLabel('Namespace').inputValue(), 'shop');
    await context.close();
  });

  await t.test('an admin adds a user with a role, the user signs in, and the admin deletes them', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, 'admin');
    await page.goto('/admin');
    const name = `dave${Date.now().toString(36)}`;
    const pw = `pw-${Math.random().toString(36).slice(2)}-x`;
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('Username').fill(name);
    await dialog.getByLabel('Display name').fill('Dave');
    await dialog.getByLabel('Password').fill(pw);
    await dialog.getByRole('checkbox', { name: 'viewer' }).check();
    await checkAccessibility(page, 'add user dialog');
    await screenshot(page, 'admin-add-user');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: `Edit ${name}` }).waitFor();

    const dave = await newContext(browser);
    const signIn = await dave.request.post('/api/v1/auth/login', { data: { username: name, password: pw } });
    assert.equal(signIn.status(), 200, await signIn.text());
    assert.deepEqual((await signIn.json()).user.roles, ['viewer']);
    await dave.close();

    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete user' }).click();
    await page.getByRole('button', { name: `Edit ${name}` }).waitFor({ state: 'detached' });
    await context.close();
  });
});
