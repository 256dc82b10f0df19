import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createGraphApiClient, createGraphFlowsClient, GraphApiError } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { ResolvedAddress } from '../endpoint/http-port';
import { createGraphApiFetch } from './graph-api-fetch';
import type { GraphApiPolicyOptions } from './graph-api-policy';

interface Received {
  method: string;
  url: string;
  host: string;
  authorization: string;
  contentType: string;
  body: string;
}

/** A Graph API stand-in on loopback; every request it sees is recorded. */
let received: Received[] = [];
let answer: (request: http.IncomingMessage, response: http.ServerResponse) => void = () => {};
const graph = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      host: request.headers.host ?? '',
      authorization: request.headers.authorization ?? '',
      contentType: request.headers['content-type'] ?? '',
      body: Buffer.concat(chunks).toString('utf8'),
    });
    answer(request, response);
  });
});
let port = 0;

// Names the stub resolver knows. A name with a refused address lists loopback first: were the
// refusal missing, the request would land on the stand-in above and fail the test, never
// leaving the machine.
const NAMES: Record<string, string[]> = {
  'graph.sim.test': ['127.0.0.1'],
  'graph.rebound.test': ['127.0.0.1', '169.254.169.254'],
  'graph.nitro.test': ['127.0.0.1', 'fd00:ec2::254'],
  'graph.mapped.test': ['127.0.0.1', '::ffff:a9fe:a9fe'],
};
let lookups: string[] = [];
const resolve = (hostname: string): Promise<ResolvedAddress[]> => {
  lookups.push(hostname);
  const addresses = NAMES[hostname] ?? [];

  return Promise.resolve(
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
  );
};

function fetchWith(policy: GraphApiPolicyOptions) {
  return createGraphApiFetch({ ...policy, resolve });
}

const STAND_IN = { allowedHosts: [], allowLoopback: true };
const PRODUCTION = { allowedHosts: [], allowLoopback: false };

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return (_request: http.IncomingMessage, response: http.ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

async function failure(call: Promise<unknown>): Promise<GraphApiError> {
  const error: unknown = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GraphApiError)) {
    throw new Error(`expected a GraphApiError, got ${String(error)}`);
  }

  return error;
}

beforeAll(async () => {
  await new Promise<void>((done) => graph.listen(0, '127.0.0.1', done));
  port = (graph.address() as AddressInfo).port;
});

afterAll(() => new Promise((done) => graph.close(done)));

beforeEach(() => {
  received = [];
  lookups = [];
  answer = json(200, { success: true });
});

describe('the guarded fetch of the Graph API client', () => {
  it('sends to the checked address, with the name, the token and the body as fetch would', async () => {
    const client = createGraphApiClient({
      baseUrl: `http://graph.sim.test:${port}/v23.0`,
      accessToken: 'EAA-known-token',
      fetch: fetchWith(STAND_IN),
    });

    await client.uploadBusinessPublicKey('1065', '-----BEGIN PUBLIC KEY-----');

    expect(lookups).toEqual(['graph.sim.test']);
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/v23.0/1065/whatsapp_business_encryption',
        host: `graph.sim.test:${port}`,
        authorization: 'Bearer EAA-known-token',
        contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
        body: 'business_public_key=-----BEGIN+PUBLIC+KEY-----',
      },
    ]);
  });

  it('sends a multipart form whole, with its boundary', async () => {
    answer = json(200, { success: true, validation_errors: [] });
    const flows = createGraphFlowsClient({
      baseUrl: `http://127.0.0.1:${port}/v23.0`,
      accessToken: 'EAA-known-token',
      fetch: fetchWith(STAND_IN),
    });

    await flows.uploadFlowJson('777', '{"version":"7.1","screens":[]}');

    const [upload] = received;
    const boundary = /boundary=(\S+)/.exec(upload?.contentType ?? '')?.[1];
    expect(boundary).toBeDefined();
    expect(upload?.body).toContain(`--${boundary}`);
    expect(upload?.body).toContain('{"version":"7.1","screens":[]}');
    expect(upload?.body).toContain('name="asset_type"\r\n\r\nFLOW_JSON');
  });

  it.each([
    ['graph.rebound.test', 'link-local address (includes cloud metadata)'],
    ['graph.nitro.test', 'cloud metadata address'],
    ['graph.mapped.test', 'link-local address (includes cloud metadata) inside an IPv6 address'],
  ])('refuses %s before sending anything: one address is a %s', async (name, reason) => {
    const client = createGraphApiClient({
      baseUrl: `http://${name}:${port}/v23.0`,
      accessToken: 'EAA-known-token',
      fetch: fetchWith({ allowedHosts: [name], allowLoopback: true }),
    });

    const error = await failure(client.getFlowStatus('777'));

    expect(error).toMatchObject({ kind: 'refused', isTransient: false });
    expect(error.message).toBe(
      `The Graph API call to http://${name}:${port}/v23.0 was refused: ` +
        `${name} resolves to a ${reason}, where the Graph API is never called`,
    );
    expect(received).toEqual([]);
  });

  it('refuses loopback unless the policy allows it, at the URL and after DNS', async () => {
    for (const host of ['127.0.0.1', 'graph.sim.test']) {
      const client = createGraphApiClient({
        baseUrl: `http://${host}:${port}/v23.0`,
        accessToken: 'EAA-known-token',
        fetch: fetchWith(PRODUCTION),
      });

      const error = await failure(client.getFlowStatus('777'));

      expect(error.kind).toBe('refused');
      expect(error.message).toMatch(/was refused: .*loopback address/);
    }
    expect(received).toEqual([]);
  });

  it('hands a redirect back as an answer and does not follow it', async () => {
    answer = json(302, {}, { location: `http://127.0.0.1:${port}/elsewhere` });
    const client = createGraphApiClient({
      baseUrl: `http://127.0.0.1:${port}/v23.0`,
      accessToken: 'EAA-known-token',
      fetch: fetchWith(STAND_IN),
    });

    const error = await failure(client.getFlowStatus('777'));

    expect(error).toMatchObject({ kind: 'http', httpStatus: 302 });
    expect(received.map((request) => request.url)).toEqual(['/v23.0/777?fields=status']);
  });

  it("reports Meta's errors and time-outs as the plain fetch does", async () => {
    answer = json(400, { error: { message: 'Invalid parameter', code: 100, error_subcode: 33 } });
    const client = createGraphApiClient({
      baseUrl: `http://127.0.0.1:${port}/v23.0`,
      accessToken: 'EAA-known-token',
      timeoutMs: 300,
      fetch: fetchWith(STAND_IN),
    });

    expect(await failure(client.getFlowStatus('777'))).toMatchObject({
      kind: 'graph',
      code: 100,
      subcode: 33,
      message: 'Invalid parameter',
    });

    answer = () => undefined;
    expect(await failure(client.getFlowStatus('777'))).toMatchObject({ kind: 'timeout' });
  });
});
