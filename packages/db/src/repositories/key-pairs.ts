import type { PrismaClient } from '../generated/prisma/client';
import { isUuid } from './db-client';

export type KeyPairStatus = 'active' | 'retiring' | 'retired';

/** A key pair as stored; `privateKey` is the caller's sealed envelope, never the key in clear. */
export interface KeyPairRecord {
  id: string;
  connectionId: string;
  privateKey: string;
  publicKey: string;
  fingerprint: string;
  status: KeyPairStatus;
  retiresAt: Date | null;
  createdAt: Date;
  uploadedAt: Date | null;
  signatureStatus: string | null;
  signatureCheckedAt: Date | null;
}

/** The caller picks the id: the sealed private key is bound to it. */
export interface NewKeyPair {
  id: string;
  privateKey: string;
  publicKey: string;
  fingerprint: string;
}

export interface KeyPairRepository {
  /** Every key pair of the connection, newest first. */
  list(connectionId: string): Promise<KeyPairRecord[]>;
  active(connectionId: string): Promise<KeyPairRecord | null>;
  /** The active key, then retiring keys whose grace period has not ended at `now`, newest first. */
  usableForDecryption(connectionId: string, now: Date): Promise<KeyPairRecord[]>;
  /**
   * Makes `keyPair` the connection's active key, created at `now`. The key it replaces becomes
   * `retiring` until `retiresAt`; retiring keys whose time has come become `retired`.
   */
  activate(
    connectionId: string,
    keyPair: NewKeyPair,
    times: { now: Date; retiresAt: Date },
  ): Promise<KeyPairRecord>;
  recordUpload(id: string, uploadedAt: Date): Promise<void>;
  recordSignatureStatus(id: string, status: string, checkedAt: Date): Promise<void>;
}

export function createKeyPairRepository(prisma: PrismaClient): KeyPairRepository {
  return {
    list: async (connectionId) =>
      isUuid(connectionId)
        ? prisma.keyPair.findMany({ where: { connectionId }, orderBy: newestFirst })
        : [],

    active: async (connectionId) =>
      isUuid(connectionId)
        ? prisma.keyPair.findFirst({ where: { connectionId, status: 'active' } })
        : null,

    usableForDecryption: async (connectionId, now) => {
      if (!isUuid(connectionId)) {
        return [];
      }
      const keys = await prisma.keyPair.findMany({
        where: {
          connectionId,
          OR: [{ status: 'active' }, { status: 'retiring', retiresAt: { gt: now } }],
        },
        orderBy: newestFirst,
      });

      return [
        ...keys.filter((key) => key.status === 'active'),
        ...keys.filter((key) => key.status !== 'active'),
      ];
    },

    activate: (connectionId, keyPair, { now, retiresAt }) =>
      prisma.$transaction(async (tx) => {
        // The connection row lock makes concurrent activations take turns, so a connection
        // never ends up with two active keys.
        await tx.$queryRaw`SELECT id FROM connection WHERE id = ${connectionId}::uuid FOR UPDATE`;
        await tx.keyPair.updateMany({
          where: { connectionId, status: 'retiring', retiresAt: { lte: now } },
          data: { status: 'retired' },
        });
        await tx.keyPair.updateMany({
          where: { connectionId, status: 'active' },
          data: { status: 'retiring', retiresAt },
        });

        return tx.keyPair.create({
          data: { ...keyPair, connectionId, status: 'active', createdAt: now },
        });
      }),

    recordUpload: async (id, uploadedAt) => {
      await prisma.keyPair.update({ where: { id }, data: { uploadedAt } });
    },

    recordSignatureStatus: async (id, status, checkedAt) => {
      await prisma.keyPair.update({
        where: { id },
        data: { signatureStatus: status, signatureCheckedAt: checkedAt },
      });
    },
  };
}

const newestFirst = [{ createdAt: 'desc' as const }, { id: 'asc' as const }];
