import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { test } from '@playwright/test';

import { prepareOwner } from './auth-support';

// The built server and editor, as `npm start` runs them; E2E_SERVER_ENTRY and E2E_EDITOR_DIR
// point at other builds.
const SERVER_ENTRY =
  process.env.E2E_SERVER_ENTRY ??
  fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));
const EDITOR_DIR =
  process.env.E2E_EDITOR_DIR ?? fileURLToPath(new URL('../../apps/editor/dist', import.meta.url));
const CLI_ENTRY = join(dirname(SERVER_ENTRY), 'cli.js');
const BOOKING_GRAPH = new URL('../test-data/booking.graph.json', import.meta.url);
const DEMO_CONNECTION = 'Meta stand-in (demo)';

/** Reads the booking Flow's graph with its own id and the booking API's address filled in. */
export function bookingGraph(flowId: string, bookingApiUrl: string): unknown {
  const text = readFileSync(BOOKING_GRAPH, 'utf8')
    .replaceAll('__FLOW_ID__', flowId)
    .replaceAll('__BOOKING_API__', bookingApiUrl);

  return JSON.parse(text) as unknown;
}

interface TrpcAnswer<T> {
  result?: { data: T };
  error?: unknown;
}

/**
 * A JSON client of one HTTP base address (the product's tRPC with its API token in `headers`,
 * the stand-in's APIs).
 */
export function jsonClient(baseUrl: string, headers: Record<string, string> = {}) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered HTTP ${response.status}: ${text.slice(0, 800)}`);
    }

    return JSON.parse(text) as T;
  };

  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
    query: async <T>(procedure: string, input?: unknown) => {
      const search =
        input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const answer = await call<TrpcAnswer<T>>('GET', `/trpc/${procedure}${search}`);

      return dataOf(procedure, answer);
    },
    mutate: async <T>(procedure: string, input: unknown) => {
      const answer = await call<TrpcAnswer<T>>('POST', `/trpc/${procedure}`, input);

      return dataOf(procedure, answer);
    },
  };
}

function dataOf<T>(procedure: string, answer: TrpcAnswer<T>): T {
  if (answer.result === undefined) {
    throw new Error(`${procedure} answered no result: ${JSON.stringify(answer.error)}`);
  }

  return answer.result.data;
}

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

async function demoConnection(
  product: ReturnType<typeof jsonClient>,
  child: ChildProcess,
  stderr: () => string,
) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`The server stopped (exit ${child.exitCode}):\n${stderr()}`);
    }
    const connections = await product
      .query<{ id: string; name: string }[]>('connections.list')
      .catch(() => []);
    const demo = connections.find((connection) => connection.name === DEMO_CONNECTION);
    // The stand-in is seeded after the server listens; the business exists once this answers.
    if (demo !== undefined && /Meta stand-in at/.test(stderr())) {
      return demo.id;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server and its Meta stand-in did not come up:\n${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: http.Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The business's booking API the Flow's HTTP steps call: free days, free times, bookings. */
export async function startBookingApi(): Promise<LocalServer & { bookings: unknown[] }> {
  const bookings: unknown[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void readBody(req).then((body) => {
      const reply = (value: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (url.pathname === '/dates') {
        reply({
          dates: [
            { id: '2026-03-15', title: 'Sun 15 March' },
            { id: '2026-03-16', title: 'Mon 16 March' },
          ],
        });
      } else if (url.pathname === '/slots') {
        reply({
          slots: [
            { id: '0900', title: '09:00' },
            { id: '1430', title: '14:30' },
          ],
        });
      } else if (url.pathname === '/bookings' && req.method === 'POST') {
        bookings.push(JSON.parse(body) as unknown);
        reply({ id: `B-${1000 + bookings.length}` });
      } else {
        res.writeHead(404).end();
      }
    });
  });

  return { url: await listen(server), bookings, close: closer(server) };
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
