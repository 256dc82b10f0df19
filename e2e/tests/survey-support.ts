import { createHmac, randomInt } from 'node:crypto';

import { expect, type APIRequestContext } from '@playwright/test';

import { callMutation, callQuery, readSurveyFixture, uniqueName } from './support';

const APP_SECRET = 'survey-spec-app-secret-00000001';

export interface SeededSurvey {
  flowId: string;
  phoneNumberId: string;
  flowToken: string;
}

/** A Flow imported from Meta's survey, a connection, and a session as a sender opens one. */
export async function seedSurvey(
  request: APIRequestContext,
  flowName: string,
): Promise<SeededSurvey> {
  const { id: flowId } = await callMutation<{ id: string }>(request, 'flows.import', {
    fileName: 'survey.json',
    text: readSurveyFixture().text,
    name: uniqueName(flowName),
  });
  const phoneNumberId = String(randomInt(10 ** 13, 2 * 10 ** 14));
  const connection = await callMutation<{ id: string }>(request, 'connections.create', {
    name: uniqueName(`${flowName} number`),
    wabaId: String(randomInt(10 ** 13, 2 * 10 ** 14)),
    phoneNumberId,
    appId: '1234567890123456',
    appSecret: APP_SECRET,
    accessToken: 'EAAsurvey-spec-token-000000',
    webhookVerifyToken: 'survey-spec-verify',
    // Nothing here may reach Meta: a loopback address where nothing listens.
    graphApiUrl: 'http://127.0.0.1:9',
  });
  const { flowToken } = await callMutation<{ flowToken: string }>(
    request,
    'endpoint.sessions.open',
    { flowId, connectionId: connection.id },
  );

  return { flowId, phoneNumberId, flowToken };
}

/** Meta's Flow completion webhook from `waId`, signed with the connection's app secret. */
export async function sendCompletion(
  request: APIRequestContext,
  seeded: SeededSurvey,
  answers: Record<string, string>,
  waId = '15551234567',
): Promise<void> {
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
              metadata: {
                display_phone_number: '15550000000',
                phone_number_id: seeded.phoneNumberId,
              },
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
                      response_json: JSON.stringify({ ...answers, flow_token: seeded.flowToken }),
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
}

export async function responseCount(request: APIRequestContext, flowId: string): Promise<number> {
  const { rows } = await callQuery<{ rows: unknown[] }>(request, 'submissions.list', { flowId });

  return rows.length;
}
