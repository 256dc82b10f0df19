import { spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { test } from '@playwright/test';

import {
  closer,
  demoConnection,
  jsonClient,
  listen,
  type LocalServer,
  readBody,
  stopChild,
} from '../../scripts/demo/journey';
import { prepareOwner } from './auth-support';

export {
  bookingGraph,
  customerWrites,
  DEMO_BUSINESS,
  jsonClient,
  type LocalServer,
  type PhoneMessage,
  phoneInbox,
  publishAtStandIn,
  saveBookingFlow,
  startBookingApi,
} from '../../scripts/demo/journey';

// The built server and editor, as `npm start` runs them; E2E_SERVER_ENTRY and E2E_EDITOR_DIR
// point at other builds.
const SERVER_ENTRY =
  process.env.E2E_SERVER_ENTRY ??
  fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));
const EDITOR_DIR =
  process.env.E2E_EDITOR_DIR ?? fileURLToPath(new URL('../../apps/editor/dist', import.meta.url));
const CLI_ENTRY = join(dirname(SERVER_ENTRY), 'cli.js');

export interface RunningProduct {
  url: string;
  /** The owner's API token, as headers for `jsonClient`. */
  apiHeaders: Record<string, string>;
  simUrl: string;
  connectionId: string;
  /** What the server wrote to stderr (its logs go to stdout), for failure messages. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * For a spec file: a server of its own with the Meta stand-in beside it (on `port` and the next
 * one), started before its tests and stopped after them, its stderr attached to a failed test.
 * Call at the top level of the spec; the answer gives the running product inside a test.
 */
export function productWithMetaSimForSpec(port: number): () => RunningProduct {
  let product: RunningProduct | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    product = await startProductWithMetaSim({ port, simPort: port + 1 });
  });
  test.afterAll(async () => {
    await product?.stop();
  });
  test.afterEach(async () => {
    const testInfo = test.info();
    if (testInfo.status !== testInfo.expectedStatus && product) {
      await testInfo.attach('server stderr', { body: product.stderr(), contentType: 'text/plain' });
    }
  });

  return () => {
    if (!product) {
      throw new Error('the product did not start');
    }

    return product;
  };
}

/**
 * Starts the built server as a user does with `SFLOW_META_SIM=1 npm start`: a fresh data folder,
 * the Meta stand-in beside it on `simPort`, and HTTP steps and deliveries allowed to reach
 * loopback test servers. Resolves once the demo connection exists.
 */
export async function startProductWithMetaSim(ports: {
  port: number;
  simPort: number;
}): Promise<RunningProduct> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sflow-journey-'));
  const url = `http://127.0.0.1:${ports.port}`;
  const apiHeaders = { authorization: `Bearer ${prepareOwner(CLI_ENTRY, dataDir)}` };
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      ...process.env,
      PORT: String(ports.port),
      HOST: '127.0.0.1',
      SFLOW_DATA_DIR: dataDir,
      SFLOW_EDITOR_DIR: EDITOR_DIR,
      DATABASE_URL: '',
      SFLOW_META_SIM: '1',
      SFLOW_META_SIM_PORT: String(ports.simPort),
      SFLOW_HTTP_ALLOWED_HOSTS: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const stop = async () => {
    await stopChild(child);
    for (const path of [dataDir, `${dataDir}.lock`]) {
      rmSync(path, { recursive: true, force: true });
    }
  };
  try {
    const connectionId = await demoConnection(jsonClient(url, apiHeaders), child, () => stderr);

    return {
      url,
      apiHeaders,
      simUrl: `http://127.0.0.1:${ports.simPort}`,
      connectionId,
      stderr: () => stderr,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface ReceivedDelivery {
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** The business's webhook that receives delivered submissions; it keeps what arrives. */
export async function startBusinessWebhook(): Promise<
  LocalServer & { received: ReceivedDelivery[] }
> {
  const received: ReceivedDelivery[] = [];
  const server = http.createServer((req, res) => {
    void readBody(req).then((body) => {
      received.push({
        body,
        signature: header(req, 'x-sflow-signature'),
        timestamp: header(req, 'x-sflow-timestamp'),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });

  return { url: await listen(server), received, close: closer(server) };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];

  return Array.isArray(value) ? value[0] : value;
}

/** What a business does with a delivery: HMAC-SHA256 of the exact body, compared in constant time. */
export function signatureIsValid(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature);

  return expected.length === given.length && timingSafeEqual(expected, given);
}
