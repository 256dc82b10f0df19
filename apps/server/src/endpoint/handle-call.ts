import { setTimeout as sleep } from 'node:timers/promises';

import {
  createConnectionRepository,
  createEndpointExchangeRepository,
  createEndpointFlowRepository,
  createFlowSessionRepository,
  type ConnectionRecord,
  type EndpointFlowRecord,
  type PrismaClient,
  type SqlRunner,
} from '@sanjay-flow/db';
import { EndpointRequestSchema, nestsDeeperThan } from '@sanjay-flow/runtime';
import type { EndpointRequest, HttpPort } from '@sanjay-flow/runtime';
import { encryptResponse } from '@sanjay-flow/whatsapp';

import type { DecryptionKey, KeyPairs } from '../connections/key-pairs';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import {
  type SaveOrigin,
  type SaveStep,
  savedSubmissionsOf,
  withDeliveries,
} from '../submissions/save-answers';
import type { CallFacts, EndpointAnswer } from './answer';
import { debugPayloadOf, encryptedAnswer, failed, jsonAnswer, plainAnswer } from './answer';
import { logCall } from './call-log';
import { createExchangeStore } from './exchange-store';
import { checkFlowTokenSignature } from './flow-token-signature';
import { createConnectionIdentifier } from './identify-connection';
import { openRequest } from './open-request';
import type { EndpointOptions } from './options';
import { createProgramCache } from './program-cache';
import { createReplaySweeper, openExchange } from './open-exchange';
import { createReplayCache, fingerprintOf } from './replay-cache';
import { runExchange } from './run-exchange';
import { createTtlCache } from './ttl-cache';
import { createTurns } from './turns';

export interface EndpointDependencies {
  prisma: PrismaClient;
  /** Runs the two statements of every call (see `createExchangeStore`). */
  sql: SqlRunner;
  /** The embedded database: its claims commit without waiting for the disk. */
  embedded?: boolean;
  secrets: SecretBox;
  keyPairs: KeyPairs;
  http: HttpPort;
  options: EndpointOptions;
  now?: () => number;
  /** Told once a call's save steps are stored, so that their delivery starts at once. */
  onSubmissionsStored?: () => void;
}

export interface IncomingCall {
  flowId: string;
  rawBody: Buffer;
  signature: string | undefined;
  facts: CallFacts;
  log: Logger;
}

interface FirstCall {
  flow: EndpointFlowRecord;
  connectionId: string;
  request: EndpointRequest;
  fingerprint: string;
  seal: (status: 200 | 427, reply: unknown) => EndpointAnswer;
}

/** Far deeper than any Flow's data; a request nested thousands deep is refused before it is read. */
const MAX_REQUEST_DEPTH = 64;

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
  // One request key unwrapped per turn of the event loop (see `createTurns`).
  const turn = createTurns();
  const { lookupCacheMs } = dependencies.options;
  const flowCache = createTtlCache<EndpointFlowRecord | null>(lookupCacheMs, now);
  const keyCache = createTtlCache<DecryptionKey[]>(lookupCacheMs, now);
  const replays = createReplayCache(now);
  const exchanges = createEndpointExchangeRepository(dependencies.sql, {
    claimsWithoutWaiting: dependencies.embedded ?? false,
  });
  const store = createExchangeStore(exchanges);
  const sweepReplays = createReplaySweeper(exchanges, now);
  const ports = { http: dependencies.http, delay };
  const savedSubmissions = async (steps: readonly SaveStep[], origin: SaveOrigin) =>
    (await savedSubmissionsOf(dependencies.prisma, steps, origin)).map((toSave) =>
      withDeliveries(toSave, dependencies.secrets),
    );

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
    const identified = await identify(flow.workspaceId, call.rawBody, call.signature);
    if (identified === null) {
      const message = 'No connection of the workspace signed this request';

      return failed(
        facts,
        { code: 'BAD_SIGNATURE', message },
        plainAnswer(432, 'Invalid signature'),
      );
    }
    const { connection, appSecret } = identified;
    facts.connectionId = connection.id;
    const keys = await keyCache(connection.id, () =>
      dependencies.keyPairs.decryptionKeysFor(connection.id),
    );
    await turn();
    const opened = openRequest(call.rawBody, keys);
    if (!opened.ok) {
      const text = opened.status === 421 ? 'Cannot decrypt the request' : 'Malformed request';

      return failed(facts, opened, plainAnswer(opened.status, text));
    }
    const { decryptedBody, aesKey, iv } = opened.decrypted;
    const seal = (status: 200 | 427, reply: unknown) =>
      encryptedAnswer(status, encryptResponse(reply, aesKey, iv));
    if (nestsDeeperThan(decryptedBody, MAX_REQUEST_DEPTH)) {
      const message = `the request nests deeper than ${MAX_REQUEST_DEPTH} levels`;

      return failed(
        facts,
        { code: 'INVALID_REQUEST', message },
        plainAnswer(400, 'Malformed request'),
      );
    }
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
    const tokenSignature = await checkFlowTokenSignature(request, appSecret);
    if (!tokenSignature.ok) {
      return failed(
        facts,
        { code: 'BAD_TOKEN_SIGNATURE', message: tokenSignature.message },
        plainAnswer(432, 'Invalid flow token signature'),
      );
    }
    const fingerprint = fingerprintOf(flow.id, request.flow_token, call.rawBody);
    const earlier = replays.find(fingerprint);
    if (earlier !== undefined) {
      markReplayed(facts);

      return earlier;
    }
    const once = runOnce(
      call,
      { flow, connectionId: connection.id, request, fingerprint, seal },
      startedAt,
    );
    replays.remember(fingerprint, once);
    // A failure to answer is not an answer: a retry must try again, not repeat it.
    once.then(
      () => {
        if (facts.errorCode === 'REPLAY_PENDING') {
          replays.forget(fingerprint);
        }
      },
      () => replays.forget(fingerprint),
    );

    return once;
  };

  // The first call of a fingerprint in this process: the database decides whether it is the
  // first of all processes too.
  const runOnce = async (
    call: IncomingCall,
    input: FirstCall,
    startedAt: number,
  ): Promise<EndpointAnswer> => {
    const { facts } = call;
    const opening = await openExchange(
      { exchanges, store, sessions, budgetMs: dependencies.options.budgetMs, now, log: call.log },
      { ...input, flowToken: input.request.flow_token ?? '' },
    );
    sweepReplays(call.log);
    switch (opening.kind) {
      case 'refused':
        return failed(facts, opening, input.seal(427, { error_msg: opening.message }));
      case 'replayed':
        markReplayed(facts);

        return opening.answer;
      case 'pending':
        return failed(
          facts,
          { code: 'REPLAY_PENDING', message: 'The same request is still running elsewhere' },
          plainAnswer(500, 'The same request is still being answered'),
        );
      case 'run':
        break;
    }
    facts.sessionId = opening.session.id;
    facts.claimedFingerprint = input.fingerprint;

    return runExchange(
      {
        store,
        programOf,
        ports,
        budgetMs: dependencies.options.budgetMs,
        now,
        log: call.log,
        savedSubmissions,
        ...(dependencies.onSubmissionsStored === undefined
          ? {}
          : { onSubmissionsStored: dependencies.onSubmissionsStored }),
      },
      { ...input, session: opening.session, facts, startedAt },
    );
  };

  return {
    async handle(call: IncomingCall): Promise<EndpointAnswer> {
      const startedAt = now();
      const result = await answer(call, startedAt);
      await logCall(store, call.facts, result, now() - startedAt, call.log);

      return result;
    },
  };
}

function markReplayed(facts: CallFacts): void {
  facts.errorCode = 'REPLAYED';
  facts.errorMessage = 'The same request arrived again: the earlier answer is repeated';
}

export type EndpointHandler = ReturnType<typeof createEndpointHandler>;
