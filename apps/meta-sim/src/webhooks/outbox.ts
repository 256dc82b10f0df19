import { setTimeout as sleep } from 'node:timers/promises';

import { signPayload } from '@sanjay-flow/whatsapp';
import type { Logger } from 'pino';

import { isLoopbackUrl } from '../loopback';
import type { Business } from '../state';

export interface WebhookRetry {
  /** Attempts per webhook, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubled for each further one. */
  baseDelayMs: number;
}

export interface WebhookDelivery {
  id: number;
  wabaId: string;
  /** The exact bytes sent (and signed). */
  body: string;
  /** HTTP status of the last attempt; `undefined` when no answer arrived. */
  status: number | undefined;
  attempts: number;
  delivered: boolean;
  error: string | undefined;
}

export interface Outbox {
  /** Queues a body for the business's callback; webhooks to one business leave in order. */
  send(business: Business, body: string): Promise<WebhookDelivery>;
  deliveries(): readonly WebhookDelivery[];
  /** Resolves once every queued webhook has been delivered or given up on. */
  idle(): Promise<void>;
  close(): void;
}

const ATTEMPT_TIMEOUT_MS = 5_000;

/** Posts signed webhooks to each business's callback URL, retrying like Meta (compressed). */
export function createOutbox(options: { retry: WebhookRetry; log: Logger }): Outbox {
  const queues = new Map<string, Promise<unknown>>();
  const deliveries: WebhookDelivery[] = [];
  const abort = new AbortController();

  return {
    send(business, body) {
      const delivery: WebhookDelivery = {
        id: deliveries.length + 1,
        wabaId: business.wabaId,
        body,
        status: undefined,
        attempts: 0,
        delivered: false,
        error: undefined,
      };
      deliveries.push(delivery);
      const previous = queues.get(business.wabaId) ?? Promise.resolve();
      const done = previous.then(() => deliver(business, delivery, options, abort.signal));
      queues.set(business.wabaId, done);

      return done.then(() => delivery);
    },
    deliveries: () => deliveries,
    idle: async () => {
      await Promise.all(queues.values());
    },
    close: () => abort.abort(),
  };
}

async function deliver(
  business: Business,
  delivery: WebhookDelivery,
  options: { retry: WebhookRetry; log: Logger },
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 1; attempt <= options.retry.attempts && !signal.aborted; attempt += 1) {
    if (attempt > 1) {
      await sleep(options.retry.baseDelayMs * 2 ** (attempt - 2), undefined, { signal }).catch(
        () => undefined,
      );
    }
    const webhook = business.webhook;
    if (webhook === undefined || !isLoopbackUrl(webhook.url) || signal.aborted) {
      delivery.error = 'the business has no verified callback URL';

      return;
    }
    delivery.attempts = attempt;
    const outcome = await post(webhook.url, delivery.body, business.appSecret, signal);
    delivery.status = outcome.status;
    delivery.error = outcome.error;
    if (outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300) {
      delivery.delivered = true;

      return;
    }
    options.log.warn(
      { delivery: delivery.id, attempt, status: outcome.status, error: outcome.error },
      'webhook not accepted',
    );
  }
}

async function post(
  url: string,
  body: string,
  appSecret: string,
  signal: AbortSignal,
): Promise<{ status: number | undefined; error: string | undefined }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signPayload(body, appSecret),
      },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
    });
    await response.arrayBuffer();

    return { status: response.status, error: undefined };
  } catch (cause) {
    return { status: undefined, error: cause instanceof Error ? cause.message : String(cause) };
  }
}
