import type { InboxEventRecord, InboxRepository, WebhookConnection } from '@sanjay-flow/db';
import {
  parseWebhookEnvelope,
  type WebhookItem,
  webhookItemKey,
  webhookItems,
} from '@sanjay-flow/whatsapp';

import { createTtlCache } from '../endpoint/ttl-cache';
import type { Logger } from '../logger';
import type { InboxContext, InboxHandlers } from './handlers';

/** What the processed record keeps of each item: its kind and key, never its content. */
export interface ItemOutcome {
  kind: WebhookItem['kind'];
  key?: string;
  outcome: 'handled' | 'duplicate' | 'held_by_other_delivery' | 'unrouted' | 'recorded';
  /** For `error` items, Meta's code and title; for `rejected` ones, what could not be read. */
  detail?: string;
}

const CONNECTION_CACHE_MS = 1000;

export interface EventProcessor {
  /** Processes the stored event; throws when a handler failed, after releasing its item. */
  process(eventId: string): Promise<void>;
}

export function createEventProcessor(dependencies: {
  inbox: InboxRepository;
  handlers: InboxHandlers;
  log: Logger;
  /** How long an item stays reserved for the delivery that claimed it, should it stall. */
  itemLeaseMs: number;
}): EventProcessor {
  const { inbox, log } = dependencies;
  // Connections change rarely and every event of a busy number names the same ones.
  const cache = createTtlCache<WebhookConnection[]>(CONNECTION_CACHE_MS, () => Date.now());
  const find = (route: { wabaIds: string[]; phoneNumberIds: string[] }) =>
    cache(`${route.wabaIds.join(',')}|${route.phoneNumberIds.join(',')}`, () =>
      inbox.findConnections(route),
    );

  return {
    process: async (eventId) => {
      const event = await inbox.get(eventId);
      if (event === null || event.raw === null || event.status !== 'received') {
        return; // processed before, pruned, or malformed
      }
      const parsed = parseWebhookEnvelope(event.raw);
      if (!parsed.ok) {
        await inbox.markMalformed(eventId, `${parsed.reason}: ${parsed.problem}`);
        log.warn({ eventId, reason: parsed.reason }, 'inbox event is not a webhook; kept');

        return;
      }
      const items = webhookItems(parsed.envelope);
      const connections = await routableConnections(find, event, items);
      const outcomes: ItemOutcome[] = [];
      for (const item of items) {
        outcomes.push(await processItem(item, event, connections, dependencies));
      }
      await inbox.markProcessed(eventId, { items: outcomes } as never);
    },
  };
}

/** Only the connections of the app that signed the event may receive its items. */
async function routableConnections(
  find: (route: { wabaIds: string[]; phoneNumberIds: string[] }) => Promise<WebhookConnection[]>,
  event: InboxEventRecord,
  items: WebhookItem[],
): Promise<WebhookConnection[]> {
  const wabaIds = new Set(items.map((item) => item.wabaId));
  const phoneNumberIds = new Set(
    items.flatMap((item) => ('phoneNumberId' in item ? [item.phoneNumberId] : [])),
  );
  const found = await find({
    wabaIds: [...wabaIds].sort(),
    phoneNumberIds: [...phoneNumberIds].sort(),
  });

  return found.filter((connection) => connection.appId === event.appId);
}

async function processItem(
  item: WebhookItem,
  event: InboxEventRecord,
  connections: WebhookConnection[],
  dependencies: {
    inbox: InboxRepository;
    handlers: InboxHandlers;
    log: Logger;
    itemLeaseMs: number;
  },
): Promise<ItemOutcome> {
  const { inbox } = dependencies;
  const key = webhookItemKey(item);
  if (key === undefined) {
    return { kind: item.kind, outcome: 'recorded', detail: detailOf(item) };
  }
  const connection = connectionFor(item, connections);
  if (connection === undefined) {
    return { kind: item.kind, key, outcome: 'unrouted' };
  }
  const claim = await inbox.claimItem({
    key,
    kind: item.kind,
    eventId: event.id,
    leaseMs: dependencies.itemLeaseMs,
  });
  if (claim !== 'claimed') {
    // `busy`: the delivery holding the item is queued durably and will handle it.
    return {
      kind: item.kind,
      key,
      outcome: claim === 'done' ? 'duplicate' : 'held_by_other_delivery',
    };
  }
  const context: InboxContext = {
    workspaceId: connection.workspaceId,
    connectionId: connection.id,
    phoneNumberId: connection.phoneNumberId,
    log: dependencies.log.child({
      eventId: event.id,
      connectionId: connection.id,
      kind: item.kind,
    }),
  };
  try {
    await dispatch(item, dependencies.handlers, context);
  } catch (error) {
    await inbox.releaseItem(key, event.id);
    throw error;
  }
  await inbox.finishItem(key, event.id);

  return { kind: item.kind, key, outcome: 'handled' };
}

function connectionFor(
  item: WebhookItem,
  connections: WebhookConnection[],
): WebhookConnection | undefined {
  if ('phoneNumberId' in item) {
    return connections.find((connection) => connection.phoneNumberId === item.phoneNumberId);
  }

  // A Flows event concerns the WABA: the first connection of that account receives it.
  return connections.find((connection) => connection.wabaId === item.wabaId);
}

function dispatch(
  item: WebhookItem,
  handlers: InboxHandlers,
  context: InboxContext,
): Promise<void> {
  switch (item.kind) {
    case 'message':
      return handlers.message(item.message, item.contact, context);
    case 'status':
      return handlers.status(item.status, context);
    case 'flow_event':
      return handlers.flowEvent(item.event, context);
    case 'error':
    case 'rejected':
      return Promise.resolve();
  }
}

function detailOf(item: WebhookItem): string | undefined {
  switch (item.kind) {
    case 'error':
      return `${item.error.code}${item.error.title ? ` ${item.error.title}` : ''}`;
    case 'rejected':
      return item.problem;
    case 'message':
    case 'status':
    case 'flow_event':
      return undefined;
  }
}
