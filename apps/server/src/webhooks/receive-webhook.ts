import { timingSafeEqual } from 'node:crypto';

import type { InboxRepository, ReceivedWebhook, WebhookConnection } from '@sanjay-flow/db';
import { verifySignature } from '@sanjay-flow/whatsapp';

import type { Logger } from '../logger';
import { createBatchWriter } from './batch-writer';
import { routeOfBody, type WebhookConnections } from './webhook-connections';

/** What one statement stores at most: 200 webhooks, or about 8 MB of bodies. */
const MAX_BATCH_ITEMS = 200;
const MAX_BATCH_CHARACTERS = 8 * 1024 * 1024;

export type ReceiveAnswer =
  | { status: 200; eventId: string }
  | { status: 401; reason: 'missing signature' | 'signature does not verify' };

/**
 * Takes in one webhook POST: finds the connection whose app secret verifies
 * `X-Hub-Signature-256` over the raw bytes, then stores the body with one statement (which also
 * queues it, and may store other webhooks received meanwhile) before answering. Nothing unsigned is stored. The body is never logged.
 */
export function createWebhookReceiver(dependencies: {
  inbox: InboxRepository;
  connections: WebhookConnections;
  /** Tells the inbox worker there is work. */
  wake: () => void;
}) {
  const { inbox, connections, wake } = dependencies;
  const store = createBatchWriter((webhooks: ReceivedWebhook[]) => inbox.receiveMany(webhooks), {
    maxItems: MAX_BATCH_ITEMS,
    maxWeight: MAX_BATCH_CHARACTERS,
    weigh: (webhook) => webhook.raw.length,
  });

  const take = async (
    rawBody: Buffer,
    signature: string | undefined,
    log: Logger,
  ): Promise<ReceiveAnswer> => {
    if (signature === undefined) {
      return { status: 401, reason: 'missing signature' };
    }
    const route = routeOfBody(rawBody);
    const connection = signer(await connections.candidates(route), connections, rawBody, signature);
    if (connection === undefined) {
      return { status: 401, reason: 'signature does not verify' };
    }
    const eventId = await store({
      workspaceId: connection.workspaceId,
      connectionId: connection.id,
      appId: connection.appId,
      raw: rawBody.toString('utf8'),
      ...(route === null ? { malformed: { problem: 'the body is not JSON' } } : {}),
    });
    if (route === null) {
      log.warn({ eventId, connectionId: connection.id }, 'signed webhook body is not JSON; kept');
    } else {
      wake();
    }

    return { status: 200, eventId };
  };
  const receive: typeof take = async (rawBody, signature, log) => {
    try {
      return await take(rawBody, signature, log);
    } catch (error) {
      if (!namesDeletedRow(error)) {
        throw error;
      }
      // The connection was deleted after it was looked up (lookups are remembered a second):
      // the webhook goes to whichever connection verifies it now, or is refused.
      connections.forget();

      return take(rawBody, signature, log);
    }
  };

  // While webhooks queue behind a write, the inbox worker lets them go first.
  return Object.assign(receive, { backlogged: () => store.backlogged() });
}

/** PostgreSQL's foreign key violation: the row a new one refers to is gone. */
function namesDeletedRow(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}

/** The first connection whose app secret verifies the signature; each secret is tried once. */
function signer(
  candidates: WebhookConnection[],
  connections: WebhookConnections,
  rawBody: Buffer,
  signature: string,
): WebhookConnection | undefined {
  const tried = new Set<string>();

  return candidates.find((connection) => {
    const secret = connections.appSecretOf(connection);
    if (secret === null || tried.has(secret)) {
      return false;
    }
    tried.add(secret);

    return verifySignature(rawBody, signature, secret);
  });
}

/**
 * The verification handshake (spec C1): the challenge is echoed when the mode is `subscribe`
 * and the token is the verify token of some connection, compared in constant time.
 */
export async function answerHandshake(
  connections: WebhookConnections,
  query: { mode: unknown; token: unknown; challenge: unknown },
): Promise<{ status: 200; challenge: string } | { status: 400 | 403; reason: string }> {
  const { mode, token, challenge } = query;
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') {
    return {
      status: 400,
      reason: 'expected hub.mode=subscribe, hub.verify_token and hub.challenge',
    };
  }
  if (challenge.length === 0 || challenge.length > MAX_CHALLENGE_LENGTH) {
    return { status: 400, reason: `hub.challenge must be 1 to ${MAX_CHALLENGE_LENGTH} characters` };
  }
  const known = (await connections.all()).some((connection) =>
    sameText(connections.verifyTokenOf(connection), token),
  );

  return known ? { status: 200, challenge } : { status: 403, reason: 'unknown verify token' };
}

const MAX_CHALLENGE_LENGTH = 1024;

function sameText(expected: string | null, received: string): boolean {
  if (expected === null || expected === '') {
    return false;
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(received);

  return a.length === b.length && timingSafeEqual(a, b);
}
