import { createHmac, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { expect, test, type APIRequestContext } from '@playwright/test';

import { callMutation, callQuery, readSurveyFixture, uniqueName } from './support';

const APP_SECRET = 'privacy-spec-app-secret-00000001';

/**
 * A customer who completed Meta's survey Flow: a connection, a session and a signed
 * completion webhook naming their number.
 */
async function seedCustomer(request: APIRequestContext, waId: string): Promise<string> {
  const { id: flowId } = await callMutation<{ id: string }>(request, 'flows.import', {
    fileName: 'survey.json',
    text: readSurveyFixture().text,
    name: uniqueName('Privacy survey'),
  });
  const phoneNumberId = String(randomInt(10 ** 13, 2 * 10 ** 14));
  const connection = await callMutation<{ id: string }>(request, 'connections.create', {
    name: uniqueName('Privacy number'),
    wabaId: String(randomInt(10 ** 13, 2 * 10 ** 14)),
    phoneNumberId,
    appId: '1234567890123456',
    appSecret: APP_SECRET,
    accessToken: 'EAAprivacy-spec-token-00000',
    webhookVerifyToken: 'privacy-spec-verify',
    // Nothing here may reach Meta: a loopback address where nothing listens.
    graphApiUrl: 'http://127.0.0.1:9',
  });
  const { flowToken } = await callMutation<{ flowToken: string }>(
    request,
    'endpoint.sessions.open',
    { flowId, connectionId: connection.id },
  );
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1234567890987654321',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.${randomInt(10 ** 12, 2 * 10 ** 14)}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'interactive',
                  interactive: {
                    type: 'nfm_reply',
                    nfm_reply: {
                      name: 'flow',
                      body: 'Sent',
                      response_json: JSON.stringify({ flow_token: flowToken, comment: 'Lovely' }),
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = createHmac('sha256', APP_SECRET).update(body).digest('hex');
  const response = await request.post('/webhooks/whatsapp', {
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(200);

  return flowId;
}

async function responseCount(request: APIRequestContext, flowId: string): Promise<number> {
  const { rows } = await callQuery<{ rows: unknown[] }>(request, 'submissions.list', { flowId });

  return rows.length;
}

test.describe('privacy and data page', () => {
  test('shows when data goes, exports and erases a customer, and lists both in the audit log', async ({
    page,
    request,
  }) => {
    const waId = `44${randomInt(10 ** 9, 10 ** 10 - 1)}`;
    const flowId = await seedCustomer(request, waId);
    await expect.poll(() => responseCount(request, flowId)).toBe(1);

    await page.goto('/');
    await page.getByRole('link', { name: 'Privacy and data' }).click();
    await expect(page.getByRole('heading', { name: 'Privacy and data', level: 1 })).toBeVisible();
    await expect(page.getByTestId('retention-rule-submissions')).toContainText('30 days');

    const form = page.getByRole('form', { name: 'Retention settings' });
    await form.getByLabel(/Responses not deleted on delivery/).fill('21');
    await form.getByRole('button', { name: 'Save retention settings' }).click();
    await expect(page.getByTestId('retention-rule-submissions')).toContainText('21 days');

    const request_ = page.getByRole('form', { name: 'Customer data request' });
    await request_.getByLabel(/Phone number/).fill(`+${waId}`);
    const download = page.waitForEvent('download');
    await request_.getByRole('button', { name: 'Export (JSON)' }).click();
    const copy = JSON.parse(await readFile(await (await download).path(), 'utf8')) as {
      phone: string;
      submissions: { answers: Record<string, unknown> | null }[];
    };
    expect(copy.phone).toBe(waId);
    expect(copy.submissions).toHaveLength(1);

    await request_.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: "Erase this customer's data?" });
    const erase = dialog.getByRole('button', { name: 'Erase for good' });
    await expect(erase).toBeDisabled();
    await dialog.getByLabel('Phone number again').fill(waId);
    await erase.click();
    await expect(page.getByTestId('erased-summary')).toContainText('1 responses');
    expect(await responseCount(request, flowId)).toBe(0);

    const audit = page.getByTestId('audit-log');
    await page.reload();
    await expect(audit).toContainText('subject_data.erase');
    await expect(audit).toContainText('retention.update');
    await expect(audit).not.toContainText(waId);
  });
});
