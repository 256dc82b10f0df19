import type { ConnectionRecord } from '@sanjay-flow/db';
import {
  createGraphApiClient,
  type GraphApiClient,
  type GraphApiClientOptions,
  GraphApiError,
} from '@sanjay-flow/whatsapp';

import { AppError } from '../errors';
import type { KeyPairs, KeyPairView } from './key-pairs';
import type { Connections } from './manage-connections';

export type GraphApiFactory = (options: GraphApiClientOptions) => GraphApiClient;

export interface UploadResult {
  keyPair: KeyPairView;
  /** What Meta reports after the upload: `VALID`, `MISMATCH`, or `null` when no key is on record. */
  signatureStatus: string | null;
  /** Whether the key Meta now holds is the active key's public half. */
  publicKeyMatches: boolean;
}

/**
 * Uploads the connection's active public key to its phone number (spec B9), then reads the key
 * back and records the signature status Meta reports.
 */
export async function uploadPublicKey(
  dependencies: {
    connections: Connections;
    keyPairs: KeyPairs;
    graphApi?: GraphApiFactory;
  },
  connection: ConnectionRecord,
): Promise<UploadResult> {
  const { connections, keyPairs } = dependencies;
  const keyPair = await keyPairs.active(connection);
  const graph = (dependencies.graphApi ?? createGraphApiClient)(
    connections.graphApiOptions(connection),
  );
  const onRecord = await callGraph(async () => {
    await graph.uploadBusinessPublicKey(connection.phoneNumberId, keyPair.publicKeyPem);
    await keyPairs.recordUpload(keyPair.id);

    return graph.getBusinessPublicKey(connection.phoneNumberId);
  });
  const signatureStatus = onRecord?.business_public_key_signature_status ?? null;
  if (signatureStatus !== null) {
    await keyPairs.recordSignatureStatus(keyPair.id, signatureStatus);
  }

  return {
    keyPair: await keyPairs.active(connection),
    signatureStatus,
    publicKeyMatches:
      onRecord !== null &&
      normalizePem(onRecord.business_public_key) === normalizePem(keyPair.publicKeyPem),
  };
}

async function callGraph<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphApiError) {
      const details = [
        error.code !== undefined ? `code ${error.code}` : undefined,
        error.subcode !== undefined ? `subcode ${error.subcode}` : undefined,
        error.fbtraceId !== undefined ? `fbtrace_id ${error.fbtraceId}` : undefined,
      ].filter((part) => part !== undefined);
      const suffix = details.length > 0 ? ` (${details.join(', ')})` : '';
      throw new AppError(
        'GRAPH_API_FAILED',
        `The Graph API call failed: ${error.message}${suffix}`,
      );
    }
    throw error;
  }
}

/** Meta may hand the key back with other line breaks. */
function normalizePem(pem: string): string {
  return pem.replace(/\s+/g, '');
}
