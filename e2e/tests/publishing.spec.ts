import { expect, test, type Page } from '@playwright/test';

import { signInOnPage } from './auth-support';
import { jsonClient, productWithMetaSimForSpec, type RunningProduct } from './journey-support';

// A server of its own with the Meta stand-in beside it (on PORT and the next port, this spec's own).
const PORT = Number(process.env.E2E_PUBLISHING_PORT ?? 42600);

test.describe.configure({ mode: 'serial' });

const productOfSpec = productWithMetaSimForSpec(PORT);

interface FlowRecord {
  id: string;
  revision: number;
  graph: { nodes: { screen: { layout: { children: Record<string, unknown>[] } } }[] };
}

/**
 * A second WhatsApp account: a connection in the product, then the same business at the
 * stand-in, whose webhook handshake needs the connection's verify token.
 */
async function addProductionAccount(running: RunningProduct): Promise<void> {
  const api = jsonClient(running.url, running.apiHeaders);
  const sim = jsonClient(running.simUrl);
  const ids = {
    wabaId: '200000000000001',
    phoneNumberId: '200000000000002',
    appId: '200000000000003',
    appSecret: 'production-app-secret',
    accessToken: 'EAAproduction',
  };
  await api.mutate('connections.create', {
    name: 'Production',
    ...ids,
    webhookVerifyToken: 'production-verify-token',
    graphApiUrl: `${running.simUrl}/v23.0`,
  });
  const webhook = {
    url: `${running.url}/webhooks/whatsapp`,
    verifyToken: 'production-verify-token',
  };
  // The product remembers its connections for a second when answering handshakes.
  await expect(async () => {
    await sim.post('/_sim/businesses', { ...ids, webhook });
  }).toPass({ timeout: 10_000 });
}

async function publishTo(page: Page, connections: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish to Meta' });
  for (const connection of connections) {
    await dialog.getByRole('checkbox', { name: connection }).check();
  }
  await dialog.getByRole('checkbox', { name: 'Lead generation' }).check();
  await dialog.getByRole('button', { name: 'Publish' }).click();
  for (const connection of connections) {
    const run = dialog.getByRole('region', { name: `Publishing to ${connection}` });
    await expect(run.getByRole('status')).toHaveText('Published', { timeout: 30_000 });
    await expect(run).toContainText('Upload the Flow JSON done');
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('a template Flow is published to two accounts, edited and published again, then deprecated', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const running = productOfSpec();
  const api = jsonClient(running.url, running.apiHeaders);
  await addProductionAccount(running);
  const demo = 'Meta stand-in (demo)';
  const { id: flowId } = await api.mutate<{ id: string }>('flows.createFromTemplate', {
    templateId: 'lead-capture',
    name: 'Lead capture to publish',
  });

  await signInOnPage(page, running.url);
  await page.goto(`${running.url}/flows/${flowId}`);
  await publishTo(page, [demo, 'Production']);
  await expect(page.getByTestId('publish-status')).toHaveText([
    `${demo}: Published`,
    'Production: Published',
  ]);

  // An edit (made through the API, as another editor would) and a second publish.
  const flow = await api.query<FlowRecord>('flows.get', { id: flowId });
  const children = flow.graph.nodes[0]?.screen.layout.children ?? [];
  const textIndex = children.findIndex((child) => typeof child.text === 'string');
  expect(textIndex).toBeGreaterThanOrEqual(0);
  children[textIndex] = { ...children[textIndex], text: 'Edited before the second publish' };
  await api.mutate('flows.save', {
    id: flowId,
    expectedRevision: flow.revision,
    graph: flow.graph,
  });
  await page.reload();
  await publishTo(page, [demo, 'Production']);

  // The history lists four publishes; the Meta Flows stay the same two.
  await page.getByRole('button', { name: 'At Meta' }).click();
  const panel = page.getByRole('dialog', { name: 'At Meta' });
  await expect(
    panel.getByRole('region', { name: 'Publish history' }).getByRole('listitem'),
  ).toHaveCount(4);
  page.once('dialog', (confirm) => void confirm.accept());
  await panel.getByRole('button', { name: 'Deprecate on Production' }).click();
  await expect(panel.getByText('Deprecated', { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();

  await page.goto(`${running.url}/`);
  const row = page.getByTestId(`flow-row-${flowId}`);
  await expect(row.getByTestId('publish-status')).toHaveText([
    `${demo}: Published`,
    'Production: Deprecated',
  ]);
  const atMeta = await jsonClient(running.simUrl, {
    authorization: 'Bearer EAAproduction',
  }).get<{ data: { name: string; status: string }[] }>('/v23.0/200000000000001/flows');
  expect(atMeta.data).toEqual([
    expect.objectContaining({ name: 'Lead capture to publish', status: 'DEPRECATED' }),
  ]);
});

// Last: the stand-in applies the rule to every later upload.
test("Meta's validation errors that appear only at upload are marked on their screen", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const running = productOfSpec();
  const api = jsonClient(running.url, running.apiHeaders);
  const { id: flowId } = await api.mutate<{ id: string }>('flows.createFromTemplate', {
    templateId: 'lead-capture',
    name: 'Lead capture refused',
  });
  const flow = await api.query<FlowRecord & { graph: { nodes: { id: string }[] } }>('flows.get', {
    id: flowId,
  });
  const screenId = flow.graph.nodes[0]?.id ?? '';
  await jsonClient(running.simUrl).post('/_sim/validation-rules', {
    pointer: '/screens/0/title',
    error: 'INVALID_PROPERTY_VALUE',
    message: 'This title is not allowed.',
  });

  await signInOnPage(page, running.url);
  await page.goto(`${running.url}/flows/${flowId}`);
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish to Meta' });
  await dialog.getByRole('checkbox', { name: 'Meta stand-in (demo)' }).check();
  await dialog.getByRole('button', { name: 'Publish' }).click();
  const run = dialog.getByRole('region', { name: 'Publishing to Meta stand-in (demo)' });
  await expect(run.getByRole('status')).toHaveText('Refused', { timeout: 30_000 });
  await expect(run.getByRole('alert')).toContainText('This title is not allowed.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const marker = page.getByTestId(`publish-marker-${screenId}`);
  await expect(marker).toContainText('Meta: This title is not allowed.');
  await expect(marker).toContainText('/title');
  await marker.getByRole('button', { name: 'Dismiss' }).click();
  await expect(marker).toBeHidden();
});
