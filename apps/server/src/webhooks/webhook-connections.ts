import type { InboxRepository, WebhookConnection } from '@sanjay-flow/db';

import { connectionSecretPurpose, META_ID_PATTERN } from '../connections/connection-input';
import { createTtlCache } from '../endpoint/ttl-cache';
import type { SecretBox } from '../secrets/secret-box';

/** The WABA ids (`entry[].id`) and phone number ids a webhook body names. */
export interface WebhookRoute {
  wabaIds: string[];
  phoneNumberIds: string[];
}

export interface WebhookConnections {
  /** Connections the route names; every connection when it names none known here. */
  candidates(route: WebhookRoute | null): Promise<WebhookConnection[]>;
  /** Exactly the connections the route names (none when it names none known here). */
  routed(route: WebhookRoute): Promise<WebhookConnection[]>;
  appSecretOf(connection: WebhookConnection): string | null;
  verifyTokenOf(connection: WebhookConnection): string | null;
  all(): Promise<WebhookConnection[]>;
  /** Looks connections up afresh from now on: one remembered may have been deleted. */
  forget(): void;
}

/**
 * Connection lookups for the webhook route and the inbox worker, remembered for `cacheMs`
 * (Meta posts often and connections rarely change), and their secrets opened once per sealed
 * envelope.
 */
export function createWebhookConnections(
  inbox: InboxRepository,
  secrets: SecretBox,
  cacheMs: number,
): WebhookConnections {
  const cache = createTtlCache<WebhookConnection[]>(cacheMs, () => Date.now());
  const opened = new Map<string, string | null>();
  const open = (connection: WebhookConnection, field: 'appSecret' | 'webhookVerifyToken') => {
    const envelope = connection[field];
    const key = `${connection.id}:${field}:${envelope}`;
    if (!opened.has(key)) {
      if (opened.size > 10_000) {
        opened.clear();
      }
      opened.set(key, openOrNull(secrets, envelope, connectionSecretPurpose(connection.id, field)));
    }

    return opened.get(key) ?? null;
  };
  const all = () => cache('*', () => inbox.allConnections());
  const routed = (route: WebhookRoute) =>
    cache(`${route.wabaIds.join(',')}|${route.phoneNumberIds.join(',')}`, () =>
      inbox.findConnections(route),
    );

  return {
    candidates: async (route) => {
      if (route === null) {
        return all();
      }
      const named = await routed(route);

      // A body naming only accounts unknown here may still come from a known app.
      return named.length > 0 ? named : all();
    },
    routed,
    appSecretOf: (connection) => open(connection, 'appSecret'),
    verifyTokenOf: (connection) => open(connection, 'webhookVerifyToken'),
    all,
    forget: () => cache.clear(),
  };
}

// A secret sealed under another master key opens nothing; it is skipped, not fatal.
function openOrNull(secrets: SecretBox, envelope: string, purpose: string): string | null {
  try {
    return secrets.open(envelope, purpose);
  } catch {
    return null;
  }
}

const routesOfBodies = new WeakMap<Buffer, WebhookRoute | null>();

/** `routeOf` a request's raw body, read once however often the request's handlers ask. */
export function routeOfBody(body: Buffer): WebhookRoute | null {
  if (!routesOfBodies.has(body)) {
    routesOfBodies.set(body, routeOf(body.toString('utf8')));
  }

  return routesOfBodies.get(body) ?? null;
}

/**
 * Reads the Meta ids a body names without validating it (that happens after the signature is
 * checked); null when the body is not JSON.
 */
export function routeOf(text: string): WebhookRoute | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const wabaIds = new Set<string>();
  const phoneNumberIds = new Set<string>();
  for (const entry of arrayAt(body, 'entry')) {
    const id = (entry as { id?: unknown }).id;
    if (isMetaId(id)) {
      wabaIds.add(id);
    }
    for (const change of arrayAt(entry, 'changes')) {
      const phoneNumberId = (change as { value?: { metadata?: { phone_number_id?: unknown } } })
        .value?.metadata?.phone_number_id;
      if (isMetaId(phoneNumberId)) {
        phoneNumberIds.add(phoneNumberId);
      }
    }
  }

  // More accounts than one app serves in a batch names nothing: the body is checked against
  // every connection, and no lookup is keyed by a list the caller made as long as it liked.
  if (wabaIds.size + phoneNumberIds.size > MAX_ROUTE_IDS) {
    return { wabaIds: [], phoneNumberIds: [] };
  }

  return { wabaIds: [...wabaIds].sort(), phoneNumberIds: [...phoneNumberIds].sort() };
}

// Only what a connection can hold: anything else names no connection, and is not kept as a
// lookup's key or a limit's.
function isMetaId(value: unknown): value is string {
  return typeof value === 'string' && META_ID_PATTERN.test(value);
}

const MAX_ROUTE_IDS = 64;

function arrayAt(value: unknown, key: string): unknown[] {
  const found =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;

  return Array.isArray(found)
    ? found.filter((element) => typeof element === 'object' && element !== null)
    : [];
}
