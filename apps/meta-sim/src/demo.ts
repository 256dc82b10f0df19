import type { Logger } from 'pino';
import { z } from 'zod';

import { newSecret } from './ids';
import { createMetaSim } from './sim';
import type { MetaSim } from './sim';

/** The demo business's ids: fixed, so that a restart finds the same connection again. */
const DEMO = {
  connectionName: 'Meta stand-in (demo)',
  wabaId: '100000000000001',
  phoneNumberId: '100000000000002',
  appId: '100000000000003',
  displayPhoneNumber: '15550100001',
} as const;

export interface DemoSeed {
  simUrl: string;
  graphApiUrl: string;
  webhookUrl: string;
  connectionId: string;
  connectionName: string;
  wabaId: string;
  phoneNumberId: string;
  appId: string;
}

const ConnectionListSchema = z.object({
  result: z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) }),
});
const ConnectionSchema = z.object({ result: z.object({ data: z.object({ id: z.string() }) }) });

/**
 * Starts the stand-in beside a running product and joins them on 127.0.0.1: the product gets
 * (or has refreshed) a connection whose Graph API URL is the stand-in, and the stand-in a
 * business whose webhook callback is the product, verified by the handshake. New secrets are
 * made at each start and travel only over loopback, to the product's own API.
 */
export async function startDemoMetaSim(options: {
  port: number;
  productUrl: string;
  /** An API token of the product (`Authorization: Bearer`), able to manage connections. */
  productToken: string;
  log: Logger;
}): Promise<{ sim: MetaSim; seed: DemoSeed }> {
  const sim = await createMetaSim({ port: options.port, log: options.log });
  try {
    const secrets = {
      appSecret: newSecret(),
      accessToken: `EAAdemo${newSecret(24)}`,
      verifyToken: newSecret(),
    };
    const graphApiUrl = `${sim.url}/v23.0`;
    const connectionId = await saveConnection(options, {
      name: DEMO.connectionName,
      wabaId: DEMO.wabaId,
      phoneNumberId: DEMO.phoneNumberId,
      appId: DEMO.appId,
      appSecret: secrets.appSecret,
      accessToken: secrets.accessToken,
      webhookVerifyToken: secrets.verifyToken,
      graphApiUrl,
    });
    const webhookUrl = `${options.productUrl}/webhooks/whatsapp`;
    await sim.control.registerBusiness({
      wabaId: DEMO.wabaId,
      phoneNumberId: DEMO.phoneNumberId,
      appId: DEMO.appId,
      displayPhoneNumber: DEMO.displayPhoneNumber,
      appSecret: secrets.appSecret,
      accessToken: secrets.accessToken,
      webhook: { url: webhookUrl, verifyToken: secrets.verifyToken },
    });
    const seed: DemoSeed = {
      simUrl: sim.url,
      graphApiUrl,
      webhookUrl,
      connectionId,
      connectionName: DEMO.connectionName,
      wabaId: DEMO.wabaId,
      phoneNumberId: DEMO.phoneNumberId,
      appId: DEMO.appId,
    };

    return { sim, seed };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** A readable summary of what was seeded (no secrets: they are in the product, sealed). */
export function describeDemoSeed(seed: DemoSeed): string {
  return [
    `Meta stand-in at ${seed.simUrl} (control API ${seed.simUrl}/_sim)`,
    `  connection "${seed.connectionName}" (${seed.connectionId}): Graph API ${seed.graphApiUrl}`,
    `  WABA ${seed.wabaId}, phone number id ${seed.phoneNumberId}, app ${seed.appId}`,
    `  webhooks from the stand-in go to ${seed.webhookUrl} (handshake passed)`,
    `  tokens and app secret: GET ${seed.simUrl}/_sim/businesses/${seed.wabaId}`,
  ].join('\n');
}

interface Product {
  productUrl: string;
  productToken: string;
}

async function saveConnection(
  product: Product,
  connection: Record<string, string>,
): Promise<string> {
  const listed = ConnectionListSchema.parse(await trpc(product, 'GET', 'connections.list'));
  const existing = listed.result.data.find((c) => c.name === connection.name);
  const saved =
    existing === undefined
      ? await trpc(product, 'POST', 'connections.create', connection)
      : await trpc(product, 'POST', 'connections.update', {
          id: existing.id,
          changes: connection,
        });

  return ConnectionSchema.parse(saved).result.data.id;
}

async function trpc(
  { productUrl, productToken }: Product,
  method: 'GET' | 'POST',
  procedure: string,
  input?: unknown,
): Promise<unknown> {
  const response = await fetch(`${productUrl}/trpc/${procedure}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${productToken}` },
    body: input === undefined ? undefined : JSON.stringify(input),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `The product refused ${procedure} (HTTP ${response.status}): ${text.slice(0, 500)}`,
    );
  }

  return JSON.parse(text) as unknown;
}
