import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall, ask, checkAccessibility, COMMAND_TIMEOUT, commandCard, eventually, launch, login, newContext, newSession, screenshot,
  tableObjects, waitForPhase,
} from './support.mjs';

const TERMINAL = ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired'];

test('alice asks to scale checkout to 5, sees the preview and the result, and five pods run', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const context = await newContext(browser);
  const page = await context.newPage();

  await login(page, 'alice');
  await newSession(page);
  await ask(page, 'scale checkout in shop to 5');

  const card = await commandCard(page, 0);
  const kubectl = card.getByLabel('kubectl equivalent');
  await kubectl.waitFor({ timeout: COMMAND_TIMEOUT });
  assert.match(await kubectl.textContent(), /kubectl scale .*checkout.*--replicas[= ]5|kubectl scale .*--replicas[= ]5.*checkout/);
  assert.match(await card.textContent(), /Risk: Caution/, 'a scale is a write, rated caution');

  const phase = await waitForPhase(card, TERMINAL);
  assert.equal(phase, 'Succeeded', `the scale did not succeed: ${await card.textContent()}`);
  await card.getByTestId('command-result').waitFor();
  await screenshot(page, 'chat-scale-result');
  await checkAccessibility(page, 'chat with a result');

  // The deployment's pods, read through the API as alice, become five running pods.
  const running = await eventually(async () => {
    const { status, body } = await apiCall(context, 'GET', '/api/v1/resources/shop/pods');
    assert.equal(status, 200);
    const pods = tableObjects(body).filter((p) => String(p.name).startsWith('checkout-')
      && (p.status === undefined || p.status === 'Running'));
    return pods.length === 5 ? pods : undefined;
  }, { message: 'five running checkout pods' });
  assert.equal(running.length, 5);

  // The resource explorer shows the same.
  await page.getByRole('link', { name: 'Resources' }).click();
  await page.getByLabel('Namespace').selectOption('shop');
  await page.getByLabel('Kind').selectOption('pods');
  const table = page.getByRole('table', { name: 'pods in shop' });
  await table.waitFor();
  await eventually(async () => (await table.getByRole('button', { name: /^Details of checkout-/ }).count()) === 5,
    { message: 'five checkout pods in the resource explorer' });
});
