import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { verifySignature } from '@sanjay-flow/whatsapp';

export interface ReceivedWebhook {
  raw: string;
  signature: string | undefined;
  /** The parsed body; `undefined` for a body that is not JSON. */
  json: unknown;
}

export interface WebhookReceiver {
  url: string;
  verifyToken: string;
  received: ReceivedWebhook[];
  /** Answers the next N posts with this status instead of 200. */
  failNext(count: number, status: number): void;
  /** Resolves once `count` webhooks have arrived (the sim delivers them asynchronously). */
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  /** Webhooks whose signature verifies with the app secret. */
  verified(appSecret: string): ReceivedWebhook[];
  close(): Promise<void>;
}

/** A business's webhook endpoint on loopback: the handshake of spec C1 and raw-body capture. */
export async function startWebhookReceiver(verifyToken = 'verify-me'): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: (() => void)[] = [];
  let failures = { count: 0, status: 200 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET') {
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        url.searchParams.get('hub.verify_token') === verifyToken;
      res.writeHead(ok ? 200 : 403).end(ok ? (url.searchParams.get('hub.challenge') ?? '') : '');

      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failures.count > 0) {
        failures = { ...failures, count: failures.count - 1 };
        res.writeHead(failures.status).end();

        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['x-hub-signature-256'];
      received.push({
        raw,
        signature: typeof signature === 'string' ? signature : undefined,
        json: parse(raw),
      });
      res.writeHead(200).end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    verifyToken,
    received,
    failNext: (count, status) => {
      failures = { count, status };
    },
    waitFor: async (count) => {
      while (received.length < count) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }

      return received;
    },
    verified: (appSecret) => received.filter((w) => verifySignature(w.raw, w.signature, appSecret)),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
