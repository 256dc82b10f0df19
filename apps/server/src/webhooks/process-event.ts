import type {
  InboxEventRecord,
  InboxRepository,
  ItemClaim,
  WebhookConnection,
} from '@sanjay-flow/db';
import {
  parseWebhookEnvelope,
  type WebhookItem,
  webhookItemKey,
  webhookItems,
} from '@sanjay-flow/whatsapp';

import type { Logger } from '../logger';
import type { InboxContext, InboxHandlers } from './handlers';
import type { WebhookConnections, WebhookRoute } from './webhook-connections';

/** What the processed record keeps of each item: its kind and key, never its content. */
export interface ItemOutcome {
  kind: WebhookItem['kind'];
  key?: string;
  outcome: 'handled' | 'duplicate' | 'held_by_other_delivery' | 'unrouted' | 'recorded';
  /** For `error` items, Meta's code and title; for `rejected` ones, what could not be read. */
  detail?: string;
}

export interface EventProcessor {
  /**
   * Processes the stored event. Answers `'completed'` when it also marked the job done (held by
   * `workerId`); throws when a handler failed, after releasing the items it had not handled.
   */
  process(eventId: string, workerId: string): Promise<'completed' | undefined>;
}

interface Dependencies {
  inbox: InboxRepository;
  /** The lookups the webhook route makes too, and the app secrets of what they find. */
  connections: Pick<WebhookConnections, 'routed' | 'forget' | 'appSecretOf'>;
  handlers: InboxHandlers;
  log: Logger;
  /** How long an item stays reserved for the delivery that claimed it, should it stall. */
  itemLeaseMs: number;
}

/** An item with its key and the connection it goes to, before it is claimed. */
interface Routed {
  /** Its place among the event's items. */
  index: number;
  item: WebhookItem;
  key: string;
  connection: WebhookConnection;
}

export function createEventProcessor(dependencies: Dependencies): EventProcessor {
  const { inbox, log } = dependencies;
  const lookups = dependencies.connections;
  const find = async (route: WebhookRoute, signer: string | null) => {
    const found = await lookups.routed(route);
    if (signer === null || found.some((connection) => connection.id === signer)) {
      return found;
    }
    // The connection that verified the event is newer than the remembered lookup.
    lookups.forget();

    return lookups.routed(route);
  };

  return {
    process: async (eventId, workerId) => {
      const event = await inbox.get(eventId);
      if (event === null || event.status !== 'received') {
        return undefined; // processed before, pruned, or malformed
      }
      if (event.raw === null) {
        // Never the case for an event waiting to be processed: said, and kept as a record.
        await inbox.markMalformed(eventId, 'its body was deleted before it was processed');
        log.error({ eventId }, 'inbox event has no body left to process');

        return undefined;
      }
      const parsed = parseWebhookEnvelope(event.raw);
      if (!parsed.ok) {
        await inbox.markMalformed(eventId, `${parsed.reason}: ${parsed.problem}`);
        log.warn({ eventId, reason: parsed.reason }, 'inbox event is not a webhook; kept');

        return undefined;
      }
      const items = webhookItems(parsed.envelope);
      const connections = routableConnections(
        await find(routeOfItems(items), event.connectionId),
        event,
        (connection) => lookups.appSecretOf(connection),
      );
      const { outcomes, routed } = route(items, connections);
      const claims = await inbox.claimItems(
        eventId,
        routed.map(({ item, key }) => ({ key, kind: item.kind })),
        dependencies.itemLeaseMs,
      );
      const handledKeys = await handleClaimed(event, routed, claims, outcomes, dependencies);
      const summary = { items: [...outcomes.values()] };
      await inbox.finishEvent({ eventId, handledKeys, summary: summary as never, workerId });

      return 'completed';
    },
  };
}

/**
 * Gives each item its outcome so far, in the order received, and lists those to claim: keyed,
 * routed, and not repeated within the event.
 */
function route(items: WebhookItem[], connections: WebhookConnection[]) {
  const outcomes = new Map<number, ItemOutcome>();
  const routed: Routed[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const connection = connectionFor(item, connections);
    const itemKey = webhookItemKey(item);
    // Each workspace deduplicates its own items: one that names a number it does not own can
    // never mark another business's message as handled already.
    const key =
      itemKey === undefined || connection === undefined
        ? itemKey
        : `${connection.workspaceId}/${itemKey}`;
    if (key === undefined) {
      outcomes.set(index, { kind: item.kind, outcome: 'recorded', detail: detailOf(item) });
    } else if (connection === undefined) {
      outcomes.set(index, { kind: item.kind, key, outcome: 'unrouted' });
    } else if (seen.has(key)) {
      outcomes.set(index, { kind: item.kind, key, outcome: 'duplicate' });
    } else {
      seen.add(key);
      // Placeholder keeping the order; replaced once the item is claimed and handled.
      outcomes.set(index, { kind: item.kind, key, outcome: 'handled' });
      routed.push({ index, item, key, connection });
    }
  });

  return { outcomes, routed };
}

/**
 * Calls the handler of each item this event claimed, in order. On a failure the items handled
 * so far are marked so, the others released for a later delivery, and the error rethrown.
 */
async function handleClaimed(
  event: InboxEventRecord,
  routed: Routed[],
  claims: Map<string, ItemClaim>,
  outcomes: Map<number, ItemOutcome>,
  dependencies: Dependencies,
): Promise<string[]> {
  const { inbox } = dependencies;
  const handled: string[] = [];
  for (const [position, { index, item, key, connection }] of routed.entries()) {
    const claim = claims.get(key) ?? 'busy';
    if (claim !== 'claimed') {
      // `busy`: the delivery holding the item is queued durably and will handle it.
      const outcome = claim === 'done' ? 'duplicate' : 'held_by_other_delivery';
      outcomes.set(index, { kind: item.kind, key, outcome });
      continue;
    }
    try {
      await dispatch(
        item,
        dependencies.handlers,
        contextFor(event, connection, item, dependencies),
      );
      handled.push(key);
    } catch (error) {
      await inbox.finishItems(event.id, handled);
      const unhandled = routed.slice(position).map((entry) => entry.key);
      await Promise.all(unhandled.map((unhandledKey) => inbox.releaseItem(unhandledKey, event.id)));
      throw error;
    }
  }

  return handled;
}

function contextFor(
  event: InboxEventRecord,
  connection: WebhookConnection,
  item: WebhookItem,
  dependencies: Dependencies,
): InboxContext {
  return {
    workspaceId: connection.workspaceId,
    connectionId: connection.id,
    phoneNumberId: connection.phoneNumberId,
    log: dependencies.log.child({
      eventId: event.id,
      connectionId: connection.id,
      kind: item.kind,
    }),
  };
}

function routeOfItems(items: WebhookItem[]): WebhookRoute {
  const wabaIds = new Set(items.map((item) => item.wabaId));
  const phoneNumberIds = new Set(
    items.flatMap((item) => ('phoneNumberId' in item ? [item.phoneNumberId] : [])),
  );

  return { wabaIds: [...wabaIds].sort(), phoneNumberIds: [...phoneNumberIds].sort() };
}

/**
 * The connections an event's items may go to, the one whose secret verified it (stored with
 * the event) first: connections of the signing app in the event's workspace, and in another
 * workspace only those holding the same app secret (one app serving several businesses). A
 * connection that names another business's phone number without its app secret never receives
 * that business's messages, statuses or answers.
 */
function routableConnections(
  found: WebhookConnection[],
  event: InboxEventRecord,
  appSecretOf: (connection: WebhookConnection) => string | null,
): WebhookConnection[] {
  const signer = found.find((connection) => connection.id === event.connectionId);
  const signerSecret = signer === undefined ? null : appSecretOf(signer);
  const allowed = found.filter(
    (connection) =>
      connection.appId === event.appId &&
      (connection.workspaceId === event.workspaceId ||
        (signerSecret !== null && appSecretOf(connection) === signerSecret)),
  );

  return signer !== undefined && allowed.includes(signer)
    ? [signer, ...allowed.filter((connection) => connection !== signer)]
    : allowed;
}

function connectionFor(
  item: WebhookItem,
  connections: WebhookConnection[],
): WebhookConnection | undefined {
  if ('phoneNumberId' in item) {
    return connections.find((connection) => connection.phoneNumberId === item.phoneNumberId);
  }

  // A Flows event concerns the WABA: the first connection of that account receives it.
  // TODO: with several numbers on one WABA, the other connections never see its Flows events.
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
