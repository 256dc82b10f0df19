// The sample booking Flow and the local Meta stand-in's side of a journey, for the demo
// (`npm run demo`) and the browser journeys: the Flow's graph, the business's booking API it
// calls, a JSON client of the product's tRPC API and of the stand-in's, and the steps that put
// a Flow at the stand-in.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const BOOKING_GRAPH = new URL('../../e2e/test-data/booking.graph.json', import.meta.url);

/** Reads the booking Flow's graph with its own id and the booking API's address filled in. */
export function bookingGraph(flowId: string, bookingApiUrl: string): unknown {
  const text = readFileSync(BOOKING_GRAPH, 'utf8')
    .replaceAll('__FLOW_ID__', flowId)
    .replaceAll('__BOOKING_API__', bookingApiUrl);

  return JSON.parse(text) as unknown;
}

/**
 * Makes the booking Flow in the product: created under `name`, its graph saved with the
 * booking API's address. Answers the Flow's id.
 */
export async function saveBookingFlow(
  api: ReturnType<typeof jsonClient>,
  name: string,
  bookingApiUrl: string,
): Promise<string> {
  const { id } = await api.mutate<{ id: string }>('flows.create', { name });
  const created = await api.query<{ revision: number }>('flows.get', { id });
  await api.mutate('flows.save', {
    id,
    expectedRevision: created.revision,
    graph: bookingGraph(id, bookingApiUrl),
  });

  return id;
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

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closer(server: http.Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

export function readBody(req: http.IncomingMessage): Promise<string> {
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

/** The demo business `SFLOW_META_SIM=1` seeds at the stand-in, and the connection to it. */
export const DEMO_BUSINESS = { wabaId: '100000000000001', phoneNumberId: '100000000000002' };
const DEMO_CONNECTION = 'Meta stand-in (demo)';

/**
 * Waits until a server started with `SFLOW_META_SIM=1` has made its demo connection and seeded
 * the stand-in (it says "Meta stand-in at" on standard error); answers the connection's id.
 */
export async function demoConnection(
  product: ReturnType<typeof jsonClient>,
  child: ChildProcess,
  stderr: () => string,
): Promise<string> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`The server stopped (exit ${child.exitCode}):\n${stderr()}`);
    }
    if (/Meta stand-in did not start/.test(stderr())) {
      throw new Error(`The server's Meta stand-in did not start:\n${stderr()}`);
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

/** Stops a server: SIGTERM, then SIGKILL if it has not exited 10 s later. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Business {
  appId: string;
  accessTokens: string[];
}

/**
 * Puts a Flow of the product at the stand-in as a business does at Meta: created through the
 * Graph API with its Flow JSON and the product's endpoint, its endpoint's app set, linked to the
 * product's Flow, then published (the stand-in pings the endpoint with real encryption first).
 * Answers the Meta Flow id.
 */
export async function publishAtStandIn(input: {
  api: ReturnType<typeof jsonClient>;
  sim: ReturnType<typeof jsonClient>;
  productUrl: string;
  connectionId: string;
  flowId: string;
  name: string;
}): Promise<string> {
  const { api, sim, flowId } = input;
  const exported = await api.query<{ text: string }>('flows.export', { id: flowId });
  const business = await sim.get<Business>(`/_sim/businesses/${DEMO_BUSINESS.wabaId}`);
  const accessToken = business.accessTokens[0];
  const metaFlow = await sim.post<{ id: string; validation_errors: unknown[] }>(
    `/v23.0/${DEMO_BUSINESS.wabaId}/flows`,
    {
      access_token: accessToken,
      name: input.name,
      categories: ['APPOINTMENT_BOOKING'],
      flow_json: exported.text,
      endpoint_uri: `${input.productUrl}/endpoint/${flowId}`,
    },
  );
  if (metaFlow.validation_errors.length > 0) {
    throw new Error(`The stand-in refused the Flow: ${JSON.stringify(metaFlow.validation_errors)}`);
  }
  await sim.post(`/v23.0/${metaFlow.id}`, {
    access_token: accessToken,
    application_id: business.appId,
  });
  const linked = await api.mutate<{ metaFlowId: string | null }>('messaging.linkMeta', {
    flowId,
    connectionId: input.connectionId,
    metaFlowId: metaFlow.id,
  });
  if (linked.metaFlowId !== metaFlow.id) {
    throw new Error(`The product linked Meta Flow ${linked.metaFlowId}, not ${metaFlow.id}`);
  }
  const published = await sim.post<{ success?: boolean }>(`/v23.0/${metaFlow.id}/publish`, {
    access_token: accessToken,
  });
  if (published.success !== true) {
    throw new Error(`The stand-in did not publish the Flow: ${JSON.stringify(published)}`);
  }

  return metaFlow.id;
}

/** A message on a stand-in customer's phone. */
export interface PhoneMessage {
  id: string;
  type: string;
  content: Record<string, unknown>;
}

/** A customer of the demo business writes to it from their phone at the stand-in. */
export async function customerWrites(
  sim: ReturnType<typeof jsonClient>,
  customer: { waId: string; name: string },
  text: string,
): Promise<void> {
  await sim.post('/_sim/customers/messages', {
    phoneNumberId: DEMO_BUSINESS.phoneNumberId,
    customer,
    text,
  });
}

/** What a stand-in customer's phone has received, oldest first. */
export async function phoneInbox(
  sim: ReturnType<typeof jsonClient>,
  waId: string,
): Promise<PhoneMessage[]> {
  return (await sim.get<{ data: PhoneMessage[] }>(`/_sim/customers/${waId}/inbox`)).data;
}
