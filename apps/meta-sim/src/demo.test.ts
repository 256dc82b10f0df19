import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { verifySignature } from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeDemoSeed, startDemoMetaSim } from './demo';

interface StoredConnection {
  id: string;
  name: string;
  appSecret: string;
  accessToken: string;
  webhookVerifyToken: string;
  graphApiUrl: string;
}

/**
 * The two product procedures and the webhook route the seeding uses, on loopback: enough to
 * check what the seeding sends and that the stand-in's webhooks then verify.
 */
async function startProductDouble() {
  const connections: StoredConnection[] = [];
  const verifiedWebhooks: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/trpc/') && req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end();

        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const json = (data: unknown) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ result: { data } }));
      if (url.pathname === '/trpc/connections.list') {
        json(connections.map(({ id, name }) => ({ id, name })));
      } else if (url.pathname === '/trpc/connections.create') {
        const created = {
          id: `c${connections.length + 1}`,
          ...(JSON.parse(raw) as Omit<StoredConnection, 'id'>),
        };
        connections.push(created);
        json({ id: created.id });
      } else if (url.pathname === '/trpc/connections.update') {
        const { id, changes } = JSON.parse(raw) as {
          id: string;
          changes: Partial<StoredConnection>;
        };
        Object.assign(connections.find((c) => c.id === id) ?? {}, changes);
        json({ id });
      } else if (req.method === 'GET' && url.pathname === '/webhooks/whatsapp') {
        const known = connections.some(
          (c) => c.webhookVerifyToken === url.searchParams.get('hub.verify_token'),
        );
        res.writeHead(known ? 200 : 403).end(known ? url.searchParams.get('hub.challenge') : '');
      } else if (url.pathname === '/webhooks/whatsapp') {
        const secrets = connections.map((c) => c.appSecret);
        if (
          verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, secrets)
        ) {
          verifiedWebhooks.push(raw);
        }
        res.writeHead(200).end();
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    verifiedWebhooks,
    close: () => {
      server.closeAllConnections();

      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const TOKEN = 'sft_demo-test-token';
let product: Awaited<ReturnType<typeof startProductDouble>>;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  product = await startProductDouble();
});

afterAll(async () => {
  await product.close();
});

describe('the demo seeding of SFLOW_META_SIM', () => {
  it('joins the product and the stand-in, and refreshes the same connection on the next start', async () => {
    const first = await startDemoMetaSim({
      port: 0,
      productUrl: product.url,
      productToken: TOKEN,
      log,
    });
    const { messageId } = await first.sim.control.customerSendsText({
      phoneNumberId: first.seed.phoneNumberId,
      customer: { waId: '15550009876' },
      text: 'book',
    });
    await first.sim.close();
    const second = await startDemoMetaSim({
      port: 0,
      productUrl: product.url,
      productToken: TOKEN,
      log,
    });
    await second.sim.close();

    expect(product.connections).toHaveLength(1);
    expect(product.connections[0]).toMatchObject({
      id: first.seed.connectionId,
      name: 'Meta stand-in (demo)',
      graphApiUrl: `${second.seed.simUrl}/v23.0`,
    });
    expect(second.seed.connectionId).toBe(first.seed.connectionId);
    expect(product.verifiedWebhooks.some((raw) => raw.includes(messageId))).toBe(true);
    expect(describeDemoSeed(first.seed)).toContain(
      `${product.url}/webhooks/whatsapp (handshake passed)`,
    );
    expect(describeDemoSeed(first.seed)).not.toContain(product.connections[0]?.accessToken ?? '?');
  });

  it('stops with the reason, and closes the stand-in, when the product refuses', async () => {
    await expect(
      startDemoMetaSim({ port: 0, productUrl: `${product.url}/nowhere`, productToken: TOKEN, log }),
    ).rejects.toThrow(/connections\.list \(HTTP 404\)/);
    await expect(
      startDemoMetaSim({ port: 0, productUrl: product.url, productToken: 'sft_wrong', log }),
    ).rejects.toThrow(/connections\.list \(HTTP 401\)/);
  });
});
