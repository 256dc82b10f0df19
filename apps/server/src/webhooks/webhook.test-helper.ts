import { readFileSync } from 'node:fs';

import { signPayload } from '@sanjay-flow/whatsapp';

import { createConnections } from '../connections/manage-connections';
import type { SecretBox } from '../secrets/secret-box';
import type { Database } from '@sanjay-flow/db';

/** Meta's signed sample: its app secret, raw body and `X-Hub-Signature-256`. */
export interface SignatureVector {
  app_secret: string;
  raw_request_body: string;
  x_hub_signature_256: string;
}

export function readSignatureVector(): SignatureVector {
  const file = new URL(
    '../../../../packages/whatsapp/test-data/pywa_webhook-signature_vector.json',
    import.meta.url,
  );

  return JSON.parse(readFileSync(file, 'utf8')) as SignatureVector;
}

export interface TestConnection {
  name: string;
  wabaId: string;
  phoneNumberId: string;
  appId: string;
  appSecret: string;
  webhookVerifyToken?: string;
}

/** Creates a connection the way the API does (secrets sealed); the Graph API is never called. */
export async function addConnection(
  db: Database,
  secrets: SecretBox,
  workspaceId: string,
  connection: TestConnection,
): Promise<string> {
  const view = await createConnections(db.prisma, secrets).create(workspaceId, {
    accessToken: 'EAAtest-access-token-0000',
    webhookVerifyToken: 'verify-token-unused',
    // A loopback address where nothing listens: nothing here may reach Meta.
    graphApiUrl: 'http://127.0.0.1:9',
    ...connection,
  });

  return view.id;
}

/** A `messages` webhook with text messages from the given ids, for one phone number. */
export function textWebhook(wabaId: string, phoneNumberId: string, messageIds: string[]): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Test' }, wa_id: '15550002222' }],
              messages: messageIds.map((id) => ({
                from: '15550002222',
                id,
                timestamp: '1730231903',
                type: 'text',
                text: { body: 'hello' },
              })),
            },
          },
        ],
      },
    ],
  });
}

export function postWebhook(
  baseUrl: string,
  body: string,
  appSecret: string | null,
): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(appSecret === null ? {} : { 'x-hub-signature-256': signPayload(body, appSecret) }),
    },
    body,
  });
}
