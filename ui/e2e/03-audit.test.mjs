import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, apiLogin, checkAccessibility, eventually, launch, login, newContext, screenshot } from './support.mjs';

test('the audit page finds a request, opens its record, verifies the chain and offers exports', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());

  // A fresh, recognisable record: alice lists the deployments of shop.
  const alice = await newContext(browser);
  await apiLogin(alice, 'alice');
  // The ledger names the Kubernetes identity (the web name behind the configured prefix).
  const actor = (await apiCall(alice, 'GET', '/api/v1/me')).body.kubernetesUser;
  const session = await apiCall(alice, 'POST', '/api/v1/sessions', { title: 'audit e2e', namespace: 'shop' });
  assert.equal(session.status, 201, session.text);
  const posted = await apiCall(alice, 'POST', `/api/v1/sessions/${encodeURIComponent(session.body.id)}/messages`, { text: 'list deployments in shop' });
  assert.equal(posted.status, 202, posted.text);
  const { namespace, name } = posted.body.command;
  await eventually(async () => (await apiCall(alice, 'GET', `/api/v1/commands/${namespace}/${name}`)).body?.phase === 'Succeeded',
    { message: 'the list to succeed' });

  const admin = await newContext(browser);
  const page = await admin.newPage();
  await login(page, 'admin');
  await page.getByRole('link', { name: 'Audit' }).click();
  await page.getByLabel('Actor').fill(actor);
  await page.getByLabel('Search text').fill('deployments');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const records = page.getByRole('table', { name: 'Audit records' });
  await records.waitFor();
  await eventually(async () => (await records.getByRole('button', { name: /^Open record / }).count()) > 0,
    { message: 'audit records for the search' });

  const sequence = (await records.getByRole('button', { name: /^Open record / }).first().textContent()).trim();
  await records.getByRole('button', { name: /^Open record / }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.getByLabel('Record contents').textContent(), /alice/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // The operator signs a checkpoint every minute; until the first one covers alice's record there is none to show.
  const result = page.getByTestId('verify-result');
  const checkpoint = result.getByRole('definition');
  await eventually(async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await result.waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Verify chain' }).waitFor({ timeout: 60_000 });
    assert.equal(await result.getAttribute('data-valid'), 'true', await result.textContent());
    return await checkpoint.count() > 0 && Number(await checkpoint.first().textContent()) >= Number(sequence);
  }, { timeout: 150_000, interval: 5_000, message: 'a signed checkpoint covering the record' });
  assert.ok(await checkpoint.count() >= 5, 'the signed checkpoint is shown');
  assert.match(await result.textContent(), /Tree size\s*\d+/);
  assert.match(await result.textContent(), /Signature\s*\S{16,}/);
  await screenshot(page, 'audit-verified');
  await checkAccessibility(page, 'audit with verification');

  for (const [label, format] of [['Export CSV', 'csv'], ['Export JSON', 'jsonl'], ['Export PDF', 'pdf']]) {
    const href = await page.getByRole('link', { name: label }).getAttribute('href');
    assert.match(href, new RegExp(`format=${format}`));
    const download = await admin.request.get(href);
    assert.equal(download.status(), 200, `${label}: ${download.status()}`);
    const bytes = await download.body();
    assert.ok(bytes.length > 0, `${label} is empty`);
    if (format === 'pdf') assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
  }
});
