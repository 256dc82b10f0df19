import type { ConnectionRecord } from '@sanjay-flow/db';

import { type SecretBox, SecretError } from '../secrets/secret-box';
import { connectionSecretPurpose } from './connection-input';

/**
 * What a connection looks like outside the server: never a secret in clear. The access token
 * shows its last four characters (and only when it is long enough that they give nothing away),
 * so an operator can tell which token is on record.
 */
export interface ConnectionView {
  id: string;
  name: string;
  wabaId: string;
  phoneNumberId: string;
  appId: string;
  graphApiUrl: string;
  appSecretSet: boolean;
  webhookVerifyTokenSet: boolean;
  /** `…abcd`; `null` when the token is short or its envelope cannot be opened. */
  accessTokenHint: string | null;
  /** False when the secrets were sealed under another master key (or altered). */
  secretsReadable: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const HINT_MIN_LENGTH = 16;

export function toConnectionView(record: ConnectionRecord, secrets: SecretBox): ConnectionView {
  const token = tryOpen(() =>
    secrets.open(record.accessToken, connectionSecretPurpose(record.id, 'accessToken')),
  );

  return {
    id: record.id,
    name: record.name,
    wabaId: record.wabaId,
    phoneNumberId: record.phoneNumberId,
    appId: record.appId,
    graphApiUrl: record.graphApiUrl,
    appSecretSet: record.appSecret !== '',
    webhookVerifyTokenSet: record.webhookVerifyToken !== '',
    accessTokenHint:
      token !== undefined && token.length >= HINT_MIN_LENGTH ? `…${token.slice(-4)}` : null,
    secretsReadable: token !== undefined,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function tryOpen(open: () => string): string | undefined {
  try {
    return open();
  } catch (error) {
    if (error instanceof SecretError) {
      return undefined;
    }
    throw error;
  }
}
