import { randomBytes, randomUUID } from 'node:crypto';

import { createFlowRepository } from '@sanjay-flow/db';
import { openReply, sealRequest } from '@sanjay-flow/meta-sim';
import type { FlowEndpointRequest } from '@sanjay-flow/meta-sim';
import { checkOutboundUrl } from '@sanjay-flow/runtime';
import { generateBusinessKeyPair, signPayload } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { bookingGraph, startBookingApi } from './booking-api.test-helper';
import { APP_SECRET, postRaw, sealText, seedWorkspace, startProduct } from './endpoint.test-helper';
import type { SeededWorkspace } from './endpoint.test-helper';
import { probeGraph } from './probe-flow.test-helper';

const secrets = createSecretBox(randomBytes(32));

interface Outcome {
  status: number;
  text: string;
  contentType: string | null;
  reply?: unknown;
}

interface Envelope {
  encrypted_flow_data: string;
  encrypted_aes_key: string;
  initial_vector: string;
}

interface SendOptions {
  mutate?: (envelope: Envelope) => unknown;
  /** The Content-Type header to send; none when null. */
  contentType?: string | null;
  signature?: (body: string) => string | null;
  flowId?: string;
  publicKeyPem?: string;
}

let testDb: TestDatabase;
let product: Awaited<ReturnType<typeof startProduct>>;
let api: Awaited<ReturnType<typeof startBookingApi>>;
let probe: SeededWorkspace;
let token: string;
let otherPublicKeyPem: string;

beforeAll(async () => {
  testDb = await openTestDatabase();
  // A short budget keeps the case of an API that never answers quick.
  product = await startProduct(testDb, secrets, 1000);
  api = await startBookingApi();
  probe = await seedWorkspace(testDb, secrets, probeGraph(api.url));
  token = await probe.openSession();
  otherPublicKeyPem = (await generateBusinessKeyPair()).publicKeyPem;
  const opened = await send(request('INIT', token));
  expect(opened.reply).toMatchObject({ screen: 'START' });
});

afterAll(async () => {
  await product.close();
  await api.close();
  await testDb.dispose();
});

function endpointUrl(flowId: string) {
  return `${product.url}/endpoint/${flowId}`;
}

function request(
  action: FlowEndpointRequest['action'],
  flowToken: string | undefined,
  screen = '',
  data: Record<string, unknown> = {},
): FlowEndpointRequest {
  return {
    version: '3.0',
    action,
    ...(flowToken === undefined ? {} : { flow_token: flowToken }),
    screen,
    data,
  };
}

const submit = (action: string, screen = 'START', flowToken?: string) =>
  request('data_exchange', flowToken ?? token, screen, { action });

async function send(plain: FlowEndpointRequest, options: SendOptions = {}): Promise<Outcome> {
  const sealed = sealRequest(plain, options.publicKeyPem ?? probe.publicKeyPem);
  const envelope = JSON.parse(sealed.body) as Envelope;
  const body = options.mutate ? JSON.stringify(options.mutate(envelope)) : sealed.body;
  const signature = options.signature ? options.signature(body) : signPayload(body, APP_SECRET);
  const outcome = await postRaw(
    endpointUrl(options.flowId ?? probe.flowId),
    body,
    signature,
    options.contentType,
  );

  return { ...outcome, reply: openReply(outcome.text, sealed.aesKey, sealed.iv) };
}

async function sendBody(body: string | Buffer, flowId = probe.flowId): Promise<Outcome> {
  return postRaw(endpointUrl(flowId), body);
}

function flipByte(base64: string, index: number): string {
  const bytes = Buffer.from(base64, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;

  return bytes.toString('base64');
}

async function sessionWith(status: 'open' | 'closed', expiresAt: Date, flowId = probe.flowId) {
  const flowToken = `test-${randomUUID()}`;
  await testDb.db.prisma.flowSession.create({
    data: {
      flowToken,
      workspaceId: probe.workspaceId,
      flowId,
      connectionId: probe.connectionId,
      status,
      state: { flowToken, variables: {}, currentScreen: 'START', history: ['START'] },
      expiresAt,
    },
  });

  return flowToken;
}

const HOUR = 3_600_000;

interface BadRequestCase {
  name: string;
  send: () => Promise<Outcome>;
  status: number;
  /** The decrypted reply, for answers the protocol wants encrypted (200 and 427). */
  reply?: unknown;
  errorCode?: string;
}

const errorScreen = { screen: 'START', data: { error_message: expect.any(String) as unknown } };

const CASES: BadRequestCase[] = [
  {
    name: 'body is not JSON',
    send: () => sendBody('{"encrypted_flow_data": '),
    status: 400,
    errorCode: 'MALFORMED_BODY',
  },
  {
    name: 'body is a JSON array',
    send: () => sendBody('[]'),
    status: 400,
    errorCode: 'MALFORMED_BODY',
  },
  { name: 'body is empty', send: () => sendBody(''), status: 400, errorCode: 'MALFORMED_BODY' },
  {
    name: 'encrypted_aes_key is missing',
    send: () =>
      send(request('ping', undefined), { mutate: ({ encrypted_aes_key: _k, ...rest }) => rest }),
    status: 400,
    errorCode: 'MALFORMED_BODY',
  },
  {
    name: 'initial_vector is missing',
    send: () =>
      send(request('ping', undefined), { mutate: ({ initial_vector: _iv, ...rest }) => rest }),
    status: 400,
  },
  {
    name: 'encrypted_flow_data is a number',
    send: () =>
      send(request('ping', undefined), {
        mutate: (envelope) => ({ ...envelope, encrypted_flow_data: 42 }),
      }),
    status: 400,
  },
  {
    name: 'encrypted_flow_data is not base64',
    send: () =>
      send(request('ping', undefined), {
        mutate: (envelope) => ({ ...envelope, encrypted_flow_data: '@@not*base64@@' }),
      }),
    status: 421,
    errorCode: 'DECRYPTION_FAILED',
  },
  {
    name: 'encrypted_aes_key is not base64',
    send: () =>
      send(request('ping', undefined), {
        mutate: (envelope) => ({ ...envelope, encrypted_aes_key: '%%%%' }),
      }),
    status: 421,
  },
  {
    name: 'encrypted for another public key',
    send: () => send(request('INIT', token), { publicKeyPem: otherPublicKeyPem }),
    status: 421,
    errorCode: 'DECRYPTION_FAILED',
  },
  {
    name: 'encrypted_aes_key is truncated',
    send: () =>
      send(request('ping', undefined), {
        mutate: (envelope) => ({
          ...envelope,
          encrypted_aes_key: Buffer.from(envelope.encrypted_aes_key, 'base64')
            .subarray(0, 100)
            .toString('base64'),
        }),
      }),
    status: 421,
  },
  {
    name: 'ciphertext is tampered with',
    send: () =>
      send(request('INIT', token), {
        mutate: (envelope) => ({
          ...envelope,
          encrypted_flow_data: flipByte(envelope.encrypted_flow_data, 0),
        }),
      }),
    status: 421,
  },
  {
    name: 'tag is tampered with',
    send: () =>
      send(request('INIT', token), {
        mutate: (envelope) => ({
          ...envelope,
          encrypted_flow_data: flipByte(envelope.encrypted_flow_data, -1),
        }),
      }),
    status: 421,
  },
  {
    name: 'IV is 12 bytes',
    send: () =>
      send(request('ping', undefined), {
        mutate: (envelope) => ({ ...envelope, initial_vector: randomBytes(12).toString('base64') }),
      }),
    status: 421,
  },
  {
    name: 'IV is another 16 bytes',
    send: () =>
      send(request('ping', undefined), {
        mutate: (envelope) => ({ ...envelope, initial_vector: randomBytes(16).toString('base64') }),
      }),
    status: 421,
  },
  {
    name: 'signature is of another body',
    send: () =>
      send(request('ping', undefined), { signature: () => signPayload('{}', APP_SECRET) }),
    status: 432,
    errorCode: 'BAD_SIGNATURE',
  },
  {
    name: 'signature is zeros',
    send: () => send(request('ping', undefined), { signature: () => `sha256=${'0'.repeat(64)}` }),
    status: 432,
  },
  {
    name: 'signature is missing',
    send: () => send(request('ping', undefined), { signature: () => null }),
    status: 432,
  },
  {
    name: 'signature is from another app',
    send: () =>
      send(request('ping', undefined), {
        signature: (body) => signPayload(body, 'another-app-secret'),
      }),
    status: 432,
  },
  {
    name: 'signature lacks the sha256= prefix',
    send: () =>
      send(request('ping', undefined), {
        signature: (body) => signPayload(body, APP_SECRET).slice(7),
      }),
    status: 432,
  },
  {
    name: 'flow id is unknown',
    send: () => send(request('ping', undefined), { flowId: randomUUID() }),
    status: 404,
  },
  {
    name: 'flow id is not a uuid',
    send: () => send(request('ping', undefined), { flowId: 'not-a-flow' }),
    status: 404,
  },
  {
    name: 'body is over 10 MB',
    send: () => sendBody(Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)),
    status: 413,
  },
  {
    name: 'decrypted body is not JSON',
    send: () => sendBody(JSON.stringify(sealText('hello, not json', probe.publicKeyPem))),
    status: 400,
    errorCode: 'MALFORMED_REQUEST',
  },
  {
    name: 'decrypted body is a JSON array',
    send: () => sendBody(JSON.stringify(sealText('[1, 2]', probe.publicKeyPem))),
    status: 400,
    errorCode: 'INVALID_REQUEST',
  },
  {
    name: 'action is unknown',
    send: () =>
      sendBody(
        JSON.stringify(
          sealText(
            JSON.stringify({ version: '3.0', action: 'LAUNCH', flow_token: token }),
            probe.publicKeyPem,
          ),
        ),
      ),
    status: 400,
    errorCode: 'INVALID_REQUEST',
  },
  {
    name: 'INIT has no flow token',
    send: () => send(request('INIT', undefined)),
    status: 427,
    reply: { error_msg: 'The request has no flow token' },
    errorCode: 'MISSING_TOKEN',
  },
  {
    name: 'flow token has expired',
    send: async () => send(request('INIT', await sessionWith('open', new Date(Date.now() - HOUR)))),
    status: 427,
    reply: { error_msg: 'This Flow has expired' },
    errorCode: 'SESSION_EXPIRED',
  },
  {
    name: 'flow token is closed',
    send: async () =>
      send(request('INIT', await sessionWith('closed', new Date(Date.now() + HOUR)))),
    status: 427,
    reply: { error_msg: 'This Flow was already completed' },
    errorCode: 'SESSION_CLOSED',
  },
  {
    name: 'flow token was never issued (test mode off)',
    send: () => send(request('INIT', 'flows-builder-5c1a9e0d')),
    status: 427,
    reply: { error_msg: 'This flow token names no session of this Flow' },
    errorCode: 'UNKNOWN_TOKEN',
  },
  {
    name: 'flow token belongs to another Flow',
    send: async () => {
      const other = await createFlowRepository(testDb.db.prisma).create(probe.workspaceId, {
        name: 'Other',
        graph: {},
      });

      return send(
        request('INIT', await sessionWith('open', new Date(Date.now() + HOUR), other.id)),
      );
    },
    status: 427,
    reply: { error_msg: 'This flow token names no session of this Flow' },
  },
  {
    name: 'a step fails on an expression',
    send: () => send(submit('expression')),
    status: 200,
    reply: errorScreen,
    errorCode: 'EXPRESSION_ERROR',
  },
  {
    name: 'an HTTP step never gets an answer',
    send: () => send(submit('hang')),
    status: 200,
    reply: errorScreen,
    errorCode: 'DEADLINE_EXCEEDED',
  },
  {
    name: 'an HTTP step aims at the metadata address',
    send: () => send(submit('metadata')),
    status: 200,
    reply: errorScreen,
    errorCode: 'HTTP_FAILED',
  },
  {
    name: 'an HTTP step aims at a private address',
    send: () => send(submit('private')),
    status: 200,
    reply: errorScreen,
    errorCode: 'HTTP_FAILED',
  },
  {
    name: 'the reply breaks the screen data model',
    send: () => send(submit('mismatch')),
    status: 200,
    reply: errorScreen,
    errorCode: 'REPLY_SCHEMA_MISMATCH',
  },
  {
    name: 'no trigger handles the screen',
    send: () => send(submit('anything', 'NEXT')),
    status: 200,
    reply: errorScreen,
    errorCode: 'NO_TRIGGER',
  },
  {
    name: 'BACK from a screen without a back trigger',
    send: () => send(request('BACK', token, 'START')),
    status: 200,
    reply: errorScreen,
    errorCode: 'NO_TRIGGER',
  },
  {
    name: 'the phone reports an error in an earlier reply',
    send: () =>
      send(
        request('data_exchange', token, 'START', {
          error: 'payload-schema-error',
          error_message: 'bad data',
        }),
      ),
    status: 200,
    reply: { data: { acknowledged: true } },
  },
  {
    name: 'data nested thousands of levels deep',
    send: () => {
      const deep = `${'{"inner":'.repeat(5_000)}{}${'}'.repeat(5_000)}`;
      const text = `{"version":"3.0","action":"data_exchange","flow_token":"${token}","screen":"START","data":${deep}}`;

      return sendBody(JSON.stringify(sealText(text, probe.publicKeyPem)));
    },
    status: 400,
    errorCode: 'INVALID_REQUEST',
  },
  {
    name: 'ping (control)',
    send: () => send(request('ping', undefined)),
    status: 200,
    reply: { data: { status: 'active' } },
  },
  {
    name: 'ping of 7 MB (under the 10 MB limit)',
    send: () => send(request('ping', undefined, '', { padding: 'x'.repeat(5_000_000) })),
    status: 200,
    reply: { data: { status: 'active' } },
  },
  {
    name: 'ping without a Content-Type header',
    send: () => send(request('ping', undefined), { contentType: null }),
    status: 200,
    reply: { data: { status: 'active' } },
  },
];

const STACK_LINE = /\n\s+at\s|\.ts:\d+|node_modules/;

describe('data endpoint: bad requests', () => {
  it.each(CASES)('$name → $status', async (testCase) => {
    const before = await latestCall();
    const outcome = await testCase.send();

    expect(outcome.status).toBe(testCase.status);
    expect(outcome.text).not.toMatch(STACK_LINE);
    if (testCase.reply !== undefined) {
      expect(outcome.contentType).toMatch(/^text\/plain/);
      expect(outcome.reply).toEqual(testCase.reply);
    } else if (outcome.status !== 200 && outcome.status !== 427) {
      expect(outcome.reply).toBeUndefined();
    }
    if (testCase.errorCode !== undefined) {
      const after = await latestCall();
      expect(after?.id).not.toBe(before?.id);
      expect(after).toMatchObject({ httpStatus: testCase.status, errorCode: testCase.errorCode });
    }
  });

  it('keeps answering after every bad request', async () => {
    const health = await fetch(`${product.url}/healthz`);

    expect(health.status).toBe(200);
  });

  it('refuses the metadata and private addresses before connecting', async () => {
    expect(checkOutboundUrl('http://169.254.169.254/latest/meta-data/')).toMatchObject({
      ok: false,
      code: 'BLOCKED_ADDRESS',
    });
    expect(checkOutboundUrl('http://10.0.0.1/internal')).toMatchObject({
      ok: false,
      code: 'BLOCKED_ADDRESS',
    });
    const calls = await probe.caller.endpoint.calls.list({ flowId: probe.flowId, limit: 100 });
    const refused = calls.filter((call) => call.errorCode === 'HTTP_FAILED');

    expect(refused.map((call) => call.errorMessage)).toEqual([
      expect.stringContaining('Refused') as unknown,
      expect.stringContaining('Refused') as unknown,
    ]);
  });
});

describe('data endpoint: replays, test mode and key rotation', () => {
  it('answers a replayed request with the same reply without running the program again', async () => {
    const booking = await seedWorkspace(testDb, secrets, bookingGraph(api.url));
    const flowToken = await booking.openSession();
    const sealed = sealRequest(request('INIT', flowToken), booking.publicKeyPem);
    const url = endpointUrl(booking.flowId);
    const before = api.requests.length;

    const first = await postRaw(url, sealed.body);
    const second = await postRaw(url, sealed.body);

    expect(first.status).toBe(200);
    expect(second).toEqual(first);
    expect(openReply(second.text, sealed.aesKey, sealed.iv)).toMatchObject({
      screen: 'CHOOSE_DATE',
    });
    expect(api.requests.length).toBe(before + 1);
    const calls = await booking.caller.endpoint.calls.list({ flowId: booking.flowId, limit: 5 });
    expect(calls.map((call) => call.errorCode)).toEqual(['REPLAYED', null]);
  });

  it('accepts a builder preview token only in test mode, in a session of its own', async () => {
    await probe.caller.endpoint.settings.update({ flowId: probe.flowId, endpointTestMode: true });
    const preview = await send(request('INIT', 'flows-builder-1f2e3d4c'));
    await probe.caller.endpoint.settings.update({ flowId: probe.flowId, endpointTestMode: false });
    const afterTestMode = await send(submit('anything', 'START', 'flows-builder-1f2e3d4c'));

    expect(preview).toMatchObject({ status: 200, reply: { screen: 'START', data: {} } });
    expect(afterTestMode).toMatchObject({
      status: 427,
      reply: { error_msg: expect.stringContaining('test mode') as unknown },
    });
    const session = await testDb.db.prisma.flowSession.findUnique({
      where: { flowToken: 'flows-builder-1f2e3d4c' },
    });
    expect(session).toMatchObject({ testMode: true, flowId: probe.flowId, status: 'open' });
  });

  it('decrypts with a rotated key during its grace period, and not after', async () => {
    const rotating = await seedWorkspace(testDb, secrets, probeGraph(api.url));
    const previous = await rotating.keyPairs.active(rotating.connectionRecord);
    const next = await rotating.keyPairs.rotate(rotating.connectionRecord);
    const ping = (publicKeyPem: string) =>
      send(request('ping', undefined), { flowId: rotating.flowId, publicKeyPem });

    expect(await ping(next.publicKeyPem)).toMatchObject({
      status: 200,
      reply: { data: { status: 'active' } },
    });
    expect(await ping(previous.publicKeyPem)).toMatchObject({
      status: 200,
      reply: { data: { status: 'active' } },
    });

    await testDb.db.prisma.keyPair.update({
      where: { id: previous.id },
      data: { retiresAt: new Date(Date.now() - 1000) },
    });

    expect((await ping(previous.publicKeyPem)).status).toBe(421);
    expect((await ping(next.publicKeyPem)).status).toBe(200);
  });
});

async function latestCall() {
  const [call] = await probe.caller.endpoint.calls.list({ flowId: probe.flowId, limit: 1 });

  return call;
}
