import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTextMessage } from '../messages';
import { createGraphApiClient } from './client';
import { GraphApiError } from './errors';

interface Answer {
  status: number;
  body: string;
}

let server: Server;
let baseUrl: string;
let next: Answer;
const received: { url: string; contentType: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ url: req.url ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v23.0`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const PHONE_NUMBER_ID = '106540352242922';
const message = buildTextMessage({ to: '16505551234', body: 'Hello' });

async function sendFailure(status: number, body: unknown): Promise<GraphApiError> {
  next = { status, body: JSON.stringify(body) };
  const client = createGraphApiClient({ baseUrl, accessToken: 'token' });
  const error: unknown = await client
    .sendMessage(PHONE_NUMBER_ID, message)
    .catch((e: unknown) => e);
  if (!(error instanceof GraphApiError)) {
    throw new Error('expected a GraphApiError');
  }

  return error;
}

describe('sendMessage', () => {
  it('posts the body as JSON and returns the wamid and the resolved contact as strings', async () => {
    next = {
      status: 200,
      body: '{"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3QTRBNjU5OUFFRTA2OEJBRTgA"}]}',
    };
    const client = createGraphApiClient({ baseUrl, accessToken: 'token' });
    const sent = await client.sendMessage(PHONE_NUMBER_ID, message);
    expect(sent).toEqual({
      wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3QTRBNjU5OUFFRTA2OEJBRTgA',
      waId: '16505551234',
      userId: undefined,
    });
    const request = received.at(-1);
    expect(request?.url).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
    expect(request?.contentType).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(message);
  });

  it("maps Meta's error body to code and subcode, not retryable on a 4xx", async () => {
    const error = await sendFailure(400, {
      error: {
        message: '(#132068) Flow is blocked',
        type: 'OAuthException',
        code: 132068,
        error_subcode: 2494010,
        error_data: { messaging_product: 'whatsapp', details: 'Flow is in blocked state' },
        fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam',
      },
    });
    expect(error).toMatchObject({
      kind: 'graph',
      httpStatus: 400,
      code: 132068,
      subcode: 2494010,
      details: 'Flow is in blocked state',
      isTransient: false,
      isRateLimit: false,
    });
  });

  it('marks 429 and 5xx as retryable, and throughput codes as rate limits', async () => {
    const throttled = await sendFailure(429, {
      error: { message: '(#130429) Rate limit hit', code: 130429, is_transient: false },
    });
    expect(throttled).toMatchObject({ isTransient: true, isRateLimit: true });
    const pair = await sendFailure(400, { error: { message: 'pair', code: 131056 } });
    expect(pair).toMatchObject({ isTransient: true, isRateLimit: true });
    const down = await sendFailure(503, { error: { message: 'down', code: 131016 } });
    expect(down).toMatchObject({ isTransient: true, isRateLimit: false });
  });

  it('refuses a success answer without a message id', async () => {
    const error = await sendFailure(200, { messaging_product: 'whatsapp', messages: [] });
    expect(error).toMatchObject({ kind: 'invalid_response', isTransient: false });
  });
});
