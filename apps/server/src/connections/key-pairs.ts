import { createPrivateKey, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import {
  type ConnectionRecord,
  createKeyPairRepository,
  type KeyPairRecord,
  type KeyPairStatus,
  type PrismaClient,
} from '@sanjay-flow/db';
import {
  type BusinessKeyPair,
  generateBusinessKeyPair,
  importBusinessPrivateKey,
  KeyImportError,
} from '@sanjay-flow/whatsapp';

import { AppError } from '../errors';
import type { SecretBox } from '../secrets/secret-box';
import { keyPairPurpose } from './connection-input';

/** A key pair as shown to an operator: the public half and its state, never the private key. */
export interface KeyPairView {
  id: string;
  status: KeyPairStatus;
  fingerprint: string;
  publicKeyPem: string;
  retiresAt: Date | null;
  createdAt: Date;
  uploadedAt: Date | null;
  signatureStatus: string | null;
  signatureCheckedAt: Date | null;
}

/** A private key the data endpoint may try, in the order given. */
export interface DecryptionKey {
  keyPairId: string;
  fingerprint: string;
  privateKey: KeyObject;
}

export interface KeyPairDependencies {
  prisma: PrismaClient;
  secrets: SecretBox;
  /** How long a replaced key still decrypts, for phones that cached the previous public key. */
  graceHours: number;
  now?: () => Date;
}

export interface KeyPairs {
  list(connection: ConnectionRecord): Promise<KeyPairView[]>;
  /** KEY_PAIR_NOT_FOUND when the connection has no active key. */
  active(connection: ConnectionRecord): Promise<KeyPairView>;
  /** The first key pair of a connection; KEY_PAIR_EXISTS when it has one (rotate instead). */
  generate(connection: ConnectionRecord): Promise<KeyPairView>;
  /** Makes an imported private key the active one; the previous key starts retiring. */
  import(connection: ConnectionRecord, pem: string, passphrase?: string): Promise<KeyPairView>;
  /** A new active key; the previous one keeps decrypting for the grace period. */
  rotate(connection: ConnectionRecord): Promise<KeyPairView>;
  /**
   * The keys the data endpoint tries for a connection: the active key first, then retiring
   * keys still within their grace period, newest first.
   */
  decryptionKeysFor(connectionId: string): Promise<DecryptionKey[]>;
  recordUpload(keyPairId: string): Promise<void>;
  recordSignatureStatus(keyPairId: string, status: string): Promise<void>;
}

const HOUR_MS = 3_600_000;

export function createKeyPairs(dependencies: KeyPairDependencies): KeyPairs {
  const { secrets } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const repository = createKeyPairRepository(dependencies.prisma);
  const activate = async (connection: ConnectionRecord, pair: BusinessKeyPair) => {
    const id = randomUUID();
    const at = now();
    const record = await repository.activate(
      connection.id,
      {
        id,
        privateKey: secrets.seal(pair.privateKeyPem, keyPairPurpose(id)),
        publicKey: pair.publicKeyPem,
        fingerprint: pair.fingerprint,
      },
      { now: at, retiresAt: new Date(at.getTime() + dependencies.graceHours * HOUR_MS) },
    );

    return toKeyPairView(record);
  };

  return {
    list: async (connection) => (await repository.list(connection.id)).map(toKeyPairView),

    active: async (connection) => {
      const active = await repository.active(connection.id);
      if (!active) {
        throw new AppError(
          'KEY_PAIR_NOT_FOUND',
          `Connection "${connection.name}" has no key pair yet: generate or import one`,
        );
      }

      return toKeyPairView(active);
    },

    generate: async (connection) => {
      if (await repository.active(connection.id)) {
        throw new AppError(
          'KEY_PAIR_EXISTS',
          `Connection "${connection.name}" already has a key pair: rotate it instead`,
        );
      }

      return activate(connection, await generateBusinessKeyPair());
    },

    import: async (connection, pem, passphrase) =>
      activate(connection, importPrivateKey(pem, passphrase)),

    rotate: async (connection) => activate(connection, await generateBusinessKeyPair()),

    decryptionKeysFor: async (connectionId) =>
      (await repository.usableForDecryption(connectionId, now())).map((record) => ({
        keyPairId: record.id,
        fingerprint: record.fingerprint,
        privateKey: createPrivateKey(secrets.open(record.privateKey, keyPairPurpose(record.id))),
      })),

    recordUpload: (keyPairId) => repository.recordUpload(keyPairId, now()),

    recordSignatureStatus: (keyPairId, status) =>
      repository.recordSignatureStatus(keyPairId, status, now()),
  };
}

function importPrivateKey(pem: string, passphrase: string | undefined): BusinessKeyPair {
  try {
    return importBusinessPrivateKey(pem, passphrase);
  } catch (error) {
    if (error instanceof KeyImportError) {
      throw new AppError('INVALID_PRIVATE_KEY', error.message);
    }
    throw error;
  }
}

function toKeyPairView(record: KeyPairRecord): KeyPairView {
  return {
    id: record.id,
    status: record.status,
    fingerprint: record.fingerprint,
    publicKeyPem: record.publicKey,
    retiresAt: record.retiresAt,
    createdAt: record.createdAt,
    uploadedAt: record.uploadedAt,
    signatureStatus: record.signatureStatus,
    signatureCheckedAt: record.signatureCheckedAt,
  };
}
