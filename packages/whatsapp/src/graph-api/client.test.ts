import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createGraphApiClient } from './client';
import { GraphApiError } from './errors';

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let received: Received[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v23.0`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
});

function answer(status: number, body: unknown): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

async function failureOf(promise: Promise<unknown>): Promise<GraphApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GraphApiError);

  return error as GraphApiError;
}

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIB+/=\n-----END PUBLIC KEY-----\n';
const PHONE_NUMBER_ID = '1234567890123456789';

describe('Graph API client', () => {
  it('uploads the public key as the form field business_public_key with the bearer token', async () => {
    handler = answer(200, { success: true });
    const client = createGraphApiClient({ baseUrl, accessToken: 'EAAG-token' });

    await client.uploadBusinessPublicKey(PHONE_NUMBER_ID, PEM);

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/v23.0/${PHONE_NUMBER_ID}/whatsapp_business_encryption`);
    expect(request?.authorization).toBe('Bearer EAAG-token');
    expect(request?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(request?.body).get('business_public_key')).toBe(PEM);
  });

  it('reads back the public key and its signature status', async () => {
    handler = answer(200, {
      data: [{ business_public_key: PEM, business_public_key_signature_status: 'VALID' }],
    });
    const client = createGraphApiClient({ baseUrl: `${baseUrl}/`, accessToken: 't' });

    expect(await client.getBusinessPublicKey(PHONE_NUMBER_ID)).toEqual({
      business_public_key: PEM,
      business_public_key_signature_status: 'VALID',
    });
    expect(received[0]?.method).toBe('GET');
    expect(received[0]?.url).toBe(`/v23.0/${PHONE_NUMBER_ID}/whatsapp_business_encryption`);
  });

  it('answers null when the number has no key on record', async () => {
    handler = answer(200, { data: [] });
    const client = createGraphApiClient({ baseUrl, accessToken: 't' });

    expect(await client.getBusinessPublicKey(PHONE_NUMBER_ID)).toBeNull();
  });

  it("parses Meta's error body into a typed error", async () => {
    handler = answer(400, {
      error: {
        message: '(#100) Invalid parameter',
        type: 'OAuthException',
        code: 100,
        error_subcode: 2_388_001,
        error_data: { messaging_product: 'whatsapp', details: 'Invalid public key' },
        fbtrace_id: 'AbCdEf123',
      },
    });
    const client = createGraphApiClient({ baseUrl, accessToken: 't' });
    const error = await failureOf(client.uploadBusinessPublicKey(PHONE_NUMBER_ID, PEM));

    expect(error).toMatchObject({
      kind: 'graph',
      httpStatus: 400,
      code: 100,
      subcode: 2_388_001,
      type: 'OAuthException',
      details: 'Invalid public key',
      fbtraceId: 'AbCdEf123',
      isTransient: false,
      message: '(#100) Invalid parameter',
    });
  });

  it('marks rate limits and server errors as transient, and honours is_transient', async () => {
    const client = createGraphApiClient({ baseUrl, accessToken: 't' });
    handler = answer(400, { error: { message: 'slow down', code: 80_007 } });
    const throttled = await failureOf(client.getBusinessPublicKey(PHONE_NUMBER_ID));
    handler = answer(400, { error: { message: 'later', code: 100, is_transient: true } });
    const flagged = await failureOf(client.getBusinessPublicKey(PHONE_NUMBER_ID));
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    };
    const gateway = await failureOf(client.getBusinessPublicKey(PHONE_NUMBER_ID));

    expect(throttled.isTransient).toBe(true);
    expect(flagged.isTransient).toBe(true);
    expect(gateway).toMatchObject({ kind: 'http', httpStatus: 502, isTransient: true });
  });

  it('refuses a success status whose body has another shape', async () => {
    handler = answer(200, { something: 'else' });
    const client = createGraphApiClient({ baseUrl, accessToken: 't' });

    expect(await failureOf(client.getBusinessPublicKey(PHONE_NUMBER_ID))).toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('gives up after the timeout when the server does not answer', async () => {
    handler = () => {
      // Never answers; the connection is closed when the suite ends.
    };
    const client = createGraphApiClient({ baseUrl, accessToken: 't', timeoutMs: 100 });
    const error = await failureOf(client.getBusinessPublicKey(PHONE_NUMBER_ID));

    expect(error).toMatchObject({ kind: 'timeout', isTransient: true, httpStatus: undefined });
  });

  it('reports a server that cannot be reached as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = createGraphApiClient({ baseUrl: `http://127.0.0.1:${port}`, accessToken: 't' });

    const error = await failureOf(client.getBusinessPublicKey(PHONE_NUMBER_ID));

    expect(error).toMatchObject({ kind: 'network', isTransient: true });
    expect(error.message).toBe(
      `Graph API at http://127.0.0.1:${port} could not be reached (ECONNREFUSED)`,
    );
  });
});
