import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ask, checkAccessibility, commandCard, launch, login, newContext, newSession, screenshot, waitForPhase } from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

// Every page, in both themes: no serious or critical axe-core violation, and a screenshot.
for (const theme of ['light', 'dark']) {
  test(`every page passes axe-core in the ${theme} theme`, async (t) => {
    const browser = await launch();
    t.after(() => browser.close());

    const context = await newContext(browser, { theme });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in to KubeChat' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), theme === 'dark');
    await checkAccessibility(page, `login (${theme})`);
    await screenshot(page, `login-${theme}`);

    await login(page, 'alice');
    await newSession(page);
    await ask(page, 'list pods in shop');
    const card = await commandCard(page, 0);
    await waitForPhase(card, TERMINAL);
    await checkAccessibility(page, `chat (${theme})`);
    await screenshot(page, `chat-${theme}`);

    const pages = [
      ['Dashboard', 'dashboard', async () => page.getByRole('heading', { name: 'Pending approvals' }).waitFor()],
      ['Resources', 'resources', async () => {
        await page.getByLabel('Namespace').selectOption('shop');
        const table = page.getByRole('table', { name: 'pods in shop' });
        await table.waitFor();
        await table.getByRole('button', { name: /^Details of / }).first().click();
        await page.getByRole('tabpanel').locator('pre').waitFor();
      }],
      ['Audit', 'audit', async () => {
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.getByRole('table', { name: 'Audit records' }).waitFor();
      }],
      ['Clusters', 'clusters', async () => page.getByTestId('cluster').first().waitFor()],
      ['Settings', 'settings', async () => page.getByRole('group', { name: 'Theme' }).waitFor()],
    ];
    for (const [link, name, ready] of pages) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: link }).waitFor();
      await ready();
      await checkAccessibility(page, `${name} (${theme})`);
      await screenshot(page, `${name}-${theme}`);
    }
    assert.equal(await page.getByRole('link', { name: 'Admin' }).count(), 0, 'alice is not an admin');

    const admin = await newContext(browser, { theme });
    const adminPage = await admin.newPage();
    await login(adminPage, 'admin');
    await adminPage.getByRole('link', { name: 'Admin' }).click();
    await adminPage.getByRole('button', { name: 'Edit alice' }).waitFor();
    await checkAccessibility(adminPage, `admin users (${theme})`);
    await screenshot(adminPage, `admin-${theme}`);
    await adminPage.getByRole('tab', { name: 'Policies' }).click();
    await adminPage.getByRole('tabpanel').waitFor();
    await checkAccessibility(adminPage, `admin policies (${theme})`);
    await screenshot(adminPage, `admin-policies-${theme}`);
  });
}
