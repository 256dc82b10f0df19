import type { PrismaClient } from '@sanjay-flow/db';

import { connectionSecretPurpose, keyPairPurpose } from '../connections/connection-input';
import { destinationSecretPurpose } from '../delivery/destination-secret';
import { cdnSourcePurpose } from '../submissions/endpoint-media';
import { fileContentPurpose } from '../submissions/submission-files';
import type { SecretBox } from './secret-box';

/**
 * Every column that holds a sealed envelope, with the purpose its envelopes are bound to.
 * A new sealed column must be listed here, or rotating the master key leaves it unreadable.
 * Empty (NULL) cells, such as a file already fetched, are skipped.
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'connection',
    column: 'app_secret',
    purpose: (id) => connectionSecretPurpose(id, 'appSecret'),
  },
  {
    table: 'connection',
    column: 'access_token',
    purpose: (id) => connectionSecretPurpose(id, 'accessToken'),
  },
  {
    table: 'connection',
    column: 'webhook_verify_token',
    purpose: (id) => connectionSecretPurpose(id, 'webhookVerifyToken'),
  },
  { table: 'key_pair', column: 'private_key', purpose: keyPairPurpose },
  { table: 'destination', column: 'secret', purpose: destinationSecretPurpose },
  { table: 'submission_file', column: 'content', purpose: fileContentPurpose },
  { table: 'submission_file', column: 'cdn_source', purpose: cdnSourcePurpose },
];

export interface SealedColumn {
  table: string;
  column: string;
  purpose: (id: string) => string;
}

/** Re-sealing a whole database in one transaction may take a while on a large install. */
const TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

/** The key id an envelope names (`v1:<keyId>:…`), or undefined for anything else. */
export function sealedKeyId(envelope: string): string | undefined {
  return /^v1:([0-9a-f]{16}):/.exec(envelope)?.[1];
}

export interface ResealResult {
  /** Envelopes opened with the old key and sealed with the new one. */
  resealed: number;
  /** Envelopes already under the new key (a rotation resumed after an interruption). */
  alreadyNew: number;
}

/**
 * Opens every sealed secret with `from` and seals it again with `to`, in one transaction:
 * either every envelope is under the new key afterwards, or (on any failure) none changed.
 * Rows are locked as they are read, so a secret cannot change between its read and its write.
 * Envelopes already under `to` are left as they are, so a rotation can be run again after it
 * was interrupted.
 */
export async function resealSecrets(
  prisma: PrismaClient,
  from: SecretBox,
  to: SecretBox,
): Promise<ResealResult> {
  return prisma.$transaction(
    async (tx) => {
      const result: ResealResult = { resealed: 0, alreadyNew: 0 };
      for (const sealed of SEALED_COLUMNS) {
        // Table and column names come from the constant list above, never from input.
        const rows = await tx.$queryRawUnsafe<{ id: string; envelope: string }[]>(
          `SELECT id::text AS id, "${sealed.column}" AS envelope FROM "${sealed.table}" WHERE "${sealed.column}" IS NOT NULL ORDER BY id FOR UPDATE`,
        );
        for (const row of rows) {
          if (sealedKeyId(row.envelope) === to.keyId) {
            result.alreadyNew += 1;
            continue;
          }
          const purpose = sealed.purpose(row.id);
          const envelope = to.seal(from.open(row.envelope, purpose), purpose);
          await tx.$executeRawUnsafe(
            `UPDATE "${sealed.table}" SET "${sealed.column}" = $1 WHERE id = $2::uuid`,
            envelope,
            row.id,
          );
          result.resealed += 1;
        }
      }

      return result;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

/** How many envelopes of each key id the database holds: to check a rotation. */
export async function countEnvelopesByKey(prisma: PrismaClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const sealed of SEALED_COLUMNS) {
    const rows = await prisma.$queryRawUnsafe<{ envelope: string }[]>(
      `SELECT "${sealed.column}" AS envelope FROM "${sealed.table}" WHERE "${sealed.column}" IS NOT NULL`,
    );
    for (const row of rows) {
      const keyId = sealedKeyId(row.envelope) ?? 'not sealed';
      counts[keyId] = (counts[keyId] ?? 0) + 1;
    }
  }

  return counts;
}
