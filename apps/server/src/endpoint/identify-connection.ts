import { type ConnectionRecord, type ConnectionRepository } from '@sanjay-flow/db';
import { verifySignature } from '@sanjay-flow/whatsapp';

import { connectionSecretPurpose } from '../connections/connection-input';
import type { SecretBox } from '../secrets/secret-box';

export interface IdentifiedConnection {
  connection: ConnectionRecord;
  /** In clear, for `flow_token_signature`; never logged. */
  appSecret: string;
}

/**
 * Finds the connection whose Meta app signed the raw body: the Flow's workspace may hold
 * several connections, and the one whose app secret verifies `X-Hub-Signature-256` is the
 * connection the call came through. `null` when none does.
 */
export function createConnectionIdentifier(
  repository: ConnectionRepository,
  secrets: SecretBox,
  cache: (key: string, load: () => Promise<ConnectionRecord[]>) => Promise<ConnectionRecord[]>,
) {
  // Opened app secrets by connection and envelope: a changed secret has a new envelope.
  const opened = new Map<string, string | null>();
  const appSecretOf = (connection: ConnectionRecord): string | null => {
    const key = `${connection.id}:${connection.appSecret}`;
    if (!opened.has(key)) {
      opened.set(key, openOrNull(secrets, connection));
    }

    return opened.get(key) ?? null;
  };

  return async (
    workspaceId: string,
    rawBody: Buffer,
    signature: string | undefined,
  ): Promise<IdentifiedConnection | null> => {
    if (signature === undefined) {
      return null;
    }
    for (const connection of await cache(workspaceId, () => repository.list(workspaceId))) {
      const appSecret = appSecretOf(connection);
      if (appSecret !== null && verifySignature(rawBody, signature, appSecret)) {
        return { connection, appSecret };
      }
    }

    return null;
  };
}

// A secret sealed under another master key cannot verify anything; it is skipped, not fatal.
function openOrNull(secrets: SecretBox, connection: ConnectionRecord): string | null {
  try {
    return secrets.open(connection.appSecret, connectionSecretPurpose(connection.id, 'appSecret'));
  } catch {
    return null;
  }
}
