import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';

import { expect, test, type Page } from '@playwright/test';

import { signInOnPage } from './auth-support';
import { jsonClient, productWithMetaSimForSpec, type RunningProduct } from './journey-support';

// A server of its own with the Meta stand-in beside it (on PORT and the next port, this spec's own).
const PORT = Number(process.env.E2E_CONNECTIONS_PORT ?? 42800);

const BUSINESS = {
  wabaId: '300000000000001',
  phoneNumberId: '300000000000002',
  appId: '300000000000003',
  appSecret: 'journey-app-secret',
  accessToken: 'EAAjourney-access-token',
};
const VERIFY_TOKEN = 'journey-verify-token';

test.describe.configure({ mode: 'serial' });

const productOfSpec = productWithMetaSimForSpec(PORT);

interface SimBusiness {
  businessPublicKey: string | null;
  webhook: { url: string } | null;
}

/** The business as the stand-in holds it: the public key Meta would encrypt with. */
function simBusiness(running: RunningProduct): Promise<SimBusiness> {
  return jsonClient(running.simUrl).get<SimBusiness>(`/_sim/businesses/${BUSINESS.wabaId}`);
}

/** What a business does in Meta's dashboard: save the callback URL with the verify token. */
async function subscribeWebhook(running: RunningProduct, url: string): Promise<void> {
  const response = await fetch(`${running.simUrl}/_sim/businesses/${BUSINESS.wabaId}/webhook`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, verifyToken: VERIFY_TOKEN }),
  });
  expect(response.status, await response.text()).toBe(200);
}

async function uploadAndSeeValid(page: Page, running: RunningProduct): Promise<void> {
  const panel = page.getByRole('region', { name: /^Key pair of / });
  await panel.getByRole('button', { name: 'Upload the public key to Meta' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Meta reports' })).toHaveText(
    'Meta reports the signature as VALID.',
  );
  await expect(panel.getByTestId('signature-status')).toHaveText('VALID');
  const shown = await panel.getByLabel('Public key', { exact: true }).textContent();
  expect((await simBusiness(running)).businessPublicKey).toBe(shown);
}

test('a connection is added against the stand-in, its key generated, uploaded, rotated and imported, edited without its secrets, and deleted', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const running = productOfSpec();
  await jsonClient(running.simUrl).post('/_sim/businesses', BUSINESS);

  await signInOnPage(page, running.url);
  await page.goto(`${running.url}/`);
  await page.getByRole('link', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
  const callbackUrl = `${running.url}/webhooks/whatsapp`;
  await expect(page.getByTestId('webhook-callback-url')).toHaveText(callbackUrl);

  // A WABA id with letters is refused by the server and said under its field.
  await page.getByRole('button', { name: 'Add a connection' }).click();
  const add = page.getByRole('dialog', { name: 'Add a connection' });
  await add.getByLabel('Name', { exact: true }).fill('Journey line');
  await add
    .getByLabel('WhatsApp Business account id (WABA id)', { exact: true })
    .fill('30000000000000x');
  await add.getByLabel('Phone number id', { exact: true }).fill(BUSINESS.phoneNumberId);
  await add.getByLabel('App id', { exact: true }).fill(BUSINESS.appId);
  await add.getByLabel('App secret', { exact: true }).fill(BUSINESS.appSecret);
  await add.getByLabel('Access token', { exact: true }).fill(BUSINESS.accessToken);
  await add.getByLabel('Webhook verify token', { exact: true }).fill(VERIFY_TOKEN);
  await add.getByLabel('Graph API base URL', { exact: true }).fill(`${running.simUrl}/v23.0`);
  await add.getByRole('button', { name: 'Add connection' }).click();
  const wabaField = add.getByLabel('WhatsApp Business account id (WABA id)', { exact: true });
  await expect(wabaField).toHaveAttribute('aria-invalid', 'true');
  await expect(wabaField).toHaveAccessibleDescription(/a Meta id is a string of digits/);
  await wabaField.fill(BUSINESS.wabaId);
  await add.getByRole('button', { name: 'Add connection' }).click();
  await expect(add).toBeHidden();

  const row = page.getByRole('row', { name: /Journey line/ });
  await expect(row).toContainText(BUSINESS.phoneNumberId);
  await expect(row).toContainText(`${running.simUrl}/v23.0`);
  await expect(row.getByTestId('key-status')).toHaveText('no key pair');

  // Generate, upload, and read back the signature status Meta reports.
  await row.getByRole('button', { name: 'Key pair of Journey line' }).click();
  const panel = page.getByRole('region', { name: 'Key pair of Journey line' });
  await panel.getByRole('button', { name: 'Generate RSA-2048 key pair' }).click();
  await expect(panel.getByLabel('Public key', { exact: true })).toContainText(
    '-----BEGIN PUBLIC KEY-----',
  );
  await expect(row.getByTestId('key-status')).toHaveText('not uploaded');
  await uploadAndSeeValid(page, running);
  await expect(row.getByTestId('key-status')).toHaveText('uploaded, signature VALID');
  const firstKey = await panel.getByLabel('Public key', { exact: true }).textContent();

  // Rotate: the old key stays accepted for the grace period; the new one is uploaded.
  await panel.getByRole('button', { name: 'Rotate the key pair' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'new key is active' })).toContainText(
    'still accepted during the grace period',
  );
  await expect(panel.getByRole('listitem').filter({ hasText: 'still accepted until' })).toHaveCount(
    1,
  );
  await expect(panel.getByLabel('Public key', { exact: true })).not.toHaveText(firstKey ?? '');
  await expect(panel.getByTestId('signature-status')).toHaveText('not checked yet');
  await uploadAndSeeValid(page, running);

  // Import an encrypted PKCS#8 key: a wrong passphrase is refused with the server's reason.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const encrypted = privateKey
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right one' })
    .toString();
  const fingerprint = createHash('sha256')
    .update(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }))
    .digest('hex');
  await panel.getByText('Replace with an imported key').click();
  const importForm = panel.getByRole('form', { name: 'Import a private key' });
  await importForm.getByLabel(/^Private key/).fill(encrypted);
  await importForm.getByLabel(/^Passphrase/).fill('wrong one');
  await importForm.getByRole('button', { name: 'Import key' }).click();
  await expect(importForm.getByRole('alert')).toHaveText(
    'The private key could not be decrypted: the passphrase is wrong.',
  );
  await importForm.getByLabel(/^Passphrase/).fill('right one');
  await importForm.getByRole('button', { name: 'Import key' }).click();
  await expect(panel.getByText(fingerprint)).toBeVisible();
  await uploadAndSeeValid(page, running);

  // Edit the name only: the secrets on record are kept, so Meta's handshake with the verify
  // token and an upload with the access token still succeed.
  await row.getByRole('button', { name: 'Edit Journey line' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Journey line' });
  await expect(edit.getByLabel('Access token', { exact: true })).toHaveValue('');
  await expect(edit.getByLabel('Access token', { exact: true })).toHaveAccessibleDescription(
    /Leave empty to keep the one on record/,
  );
  await edit.getByLabel('Name', { exact: true }).fill('Journey line (main)');
  await edit.getByRole('button', { name: 'Save connection' }).click();
  await expect(edit).toBeHidden();
  const renamed = page.getByRole('row', { name: /Journey line \(main\)/ });
  await expect(renamed).toBeVisible();
  await uploadAndSeeValid(page, running);
  // The product remembers its connections for a second when answering handshakes.
  await expect(async () => {
    await subscribeWebhook(running, callbackUrl);
  }).toPass({ timeout: 10_000 });
  expect((await simBusiness(running)).webhook?.url).toBe(callbackUrl);

  // Delete.
  await renamed.getByRole('button', { name: 'Delete Journey line (main)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete connection?' });
  await confirm.getByRole('button', { name: 'Delete connection' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('row', { name: /Journey line/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Meta stand-in \(demo\)/ })).toBeVisible();
});

test("a Flow made at Meta is linked from the Flow's At Meta panel", async ({ page }) => {
  test.setTimeout(120_000);
  const running = productOfSpec();
  const api = jsonClient(running.url, running.apiHeaders);
  const { id: flowId } = await api.mutate<{ id: string }>('flows.createFromTemplate', {
    templateId: 'sign-up',
    name: 'Sign-up made at Meta',
  });
  const demo = await jsonClient(running.simUrl).get<{ accessTokens: string[] }>(
    '/_sim/businesses/100000000000001',
  );
  const form = new FormData();
  form.set('name', 'Sign-up made at Meta');
  form.set('categories', '["SIGN_UP"]');
  const created = await fetch(`${running.simUrl}/v23.0/100000000000001/flows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demo.accessTokens[0] ?? ''}` },
    body: form,
  });
  const { id: metaFlowId } = (await created.json()) as { id: string };

  await signInOnPage(page, running.url);
  await page.goto(`${running.url}/flows/${flowId}`);
  await page.getByRole('button', { name: 'At Meta' }).click();
  const panel = page.getByRole('dialog', { name: 'At Meta' });
  await panel.getByText('Link a Flow already at Meta').click();
  const link = panel.getByRole('form', { name: 'Link a Flow already at Meta' });
  await link.getByLabel('Connection').selectOption({ label: 'Meta stand-in (demo)' });
  await link.getByLabel('Meta Flow id').fill('12ab');
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(link.getByText('a Meta Flow id is a string of digits')).toBeVisible();
  await link.getByLabel('Meta Flow id').fill(metaFlowId);
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Linked' })).toHaveText(
    `Linked to Meta Flow ${metaFlowId} (DRAFT).`,
  );
  await expect(
    panel.getByRole('listitem').filter({ hasText: 'Meta stand-in (demo)' }),
  ).toContainText(metaFlowId);
});
