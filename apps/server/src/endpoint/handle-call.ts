import { setTimeout as sleep } from 'node:timers/promises';

import {
  createConnectionRepository,
  createEndpointFlowRepository,
  createFlowSessionRepository,
  type ConnectionRecord,
  type EndpointFlowRecord,
  type PrismaClient,
} from '@sanjay-flow/db';
import { EndpointRequestSchema } from '@sanjay-flow/runtime';
import type { HttpPort } from '@sanjay-flow/runtime';
import { encryptResponse } from '@sanjay-flow/whatsapp';

import type { DecryptionKey, KeyPairs } from '../connections/key-pairs';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import type { CallFacts, EndpointAnswer } from './answer';
import { debugPayloadOf, encryptedAnswer, failed, jsonAnswer, plainAnswer } from './answer';
import { logCall } from './call-log';
import { createConnectionIdentifier } from './identify-connection';
import { openRequest } from './open-request';
import type { EndpointOptions } from './options';
import { createProgramCache } from './program-cache';
import { createReplayCache } from './replay-cache';
import { runExchange } from './run-exchange';
import { createTtlCache } from './ttl-cache';
import { findSession } from './sessions';

export interface EndpointDependencies {
  prisma: PrismaClient;
  secrets: SecretBox;
  keyPairs: KeyPairs;
  http: HttpPort;
  options: EndpointOptions;
  now?: () => number;
}

export interface IncomingCall {
  flowId: string;
  rawBody: Buffer;
  signature: string | undefined;
  facts: CallFacts;
  log: Logger;
}

const delay = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal });

/** The data endpoint's use case: from the raw request to the answer, logging every call. */
export function createEndpointHandler(dependencies: EndpointDependencies) {
  const now = dependencies.now ?? Date.now;
  const flows = createEndpointFlowRepository(dependencies.prisma);
  const sessions = createFlowSessionRepository(dependencies.prisma);
  const identify = createConnectionIdentifier(
    createConnectionRepository(dependencies.prisma),
    dependencies.secrets,
    createTtlCache<ConnectionRecord[]>(dependencies.options.lookupCacheMs, now),
  );
  const programOf = createProgramCache();
  const { lookupCacheMs } = dependencies.options;
  const flowCache = createTtlCache<EndpointFlowRecord | null>(lookupCacheMs, now);
  const keyCache = createTtlCache<DecryptionKey[]>(lookupCacheMs, now);
  const replays = createReplayCache(now);
  const ports = { http: dependencies.http, delay };

  const answer = async (call: IncomingCall, startedAt: number): Promise<EndpointAnswer> => {
    const { facts } = call;
    const flow = await flowCache(call.flowId, () => flows.find(call.flowId));
    if (flow === null) {
      return failed(
        facts,
        { code: 'FLOW_NOT_FOUND', message: 'No Flow has this id' },
        jsonAnswer(404, { error: { code: 'NOT_FOUND', message: 'No such Flow' } }),
      );
    }
    facts.workspaceId = flow.workspaceId;
    const connection = await identify(flow.workspaceId, call.rawBody, call.signature);
    if (connection === null) {
      const message = 'No connection of the workspace signed this request';

      return failed(
        facts,
        { code: 'BAD_SIGNATURE', message },
        plainAnswer(432, 'Invalid signature'),
      );
    }
    facts.connectionId = connection.id;
    const opened = openRequest(
      call.rawBody,
      await keyCache(connection.id, () => dependencies.keyPairs.decryptionKeysFor(connection.id)),
    );
    if (!opened.ok) {
      const text = opened.status === 421 ? 'Cannot decrypt the request' : 'Malformed request';

      return failed(facts, opened, plainAnswer(opened.status, text));
    }
    const { decryptedBody, aesKey, iv } = opened.decrypted;
    const seal = (status: 200 | 427, reply: unknown) =>
      encryptedAnswer(status, encryptResponse(reply, aesKey, iv));
    const parsed = EndpointRequestSchema.safeParse(decryptedBody);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'not a data endpoint request';

      return failed(
        facts,
        { code: 'INVALID_REQUEST', message },
        plainAnswer(400, 'Malformed request'),
      );
    }
    const request = parsed.data;
    facts.action = request.action;
    facts.screen = request.screen === undefined || request.screen === '' ? null : request.screen;
    if (flow.endpointDebug) {
      facts.debugPayload = debugPayloadOf(request);
    }
    if (request.action === 'ping') {
      return seal(200, { data: { status: 'active' } });
    }
    if (request.flow_token === undefined || request.flow_token === '') {
      const message = 'The request has no flow token';

      return failed(facts, { code: 'MISSING_TOKEN', message }, seal(427, { error_msg: message }));
    }
    const lookup = await findSession(sessions, {
      flow,
      flowToken: request.flow_token,
      connectionId: connection.id,
      now: new Date(now()),
    });
    if (!lookup.ok) {
      return failed(facts, lookup, seal(427, { error_msg: lookup.message }));
    }
    const { session } = lookup;
    facts.sessionId = session.id;
    const replayKey = replays.keyOf(session.id, call.rawBody);
    const earlier = replays.find(replayKey);
    if (earlier !== undefined) {
      const message = 'The same request arrived again: the earlier answer is repeated';
      facts.errorCode = 'REPLAYED';
      facts.errorMessage = message;

      return earlier;
    }
    const exchange = runExchange(
      { sessions, programOf, ports, budgetMs: dependencies.options.budgetMs, now, log: call.log },
      { flow, session, request, facts, seal, startedAt },
    );
    replays.remember(replayKey, exchange);

    return exchange;
  };

  return {
    async handle(call: IncomingCall): Promise<EndpointAnswer> {
      const startedAt = now();
      const result = await answer(call, startedAt);
      await logCall(sessions, call.facts, result, now() - startedAt, call.log);

      return result;
    },
  };
}

export type EndpointHandler = ReturnType<typeof createEndpointHandler>;
