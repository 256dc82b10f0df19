import { randomBytes } from 'node:crypto';

import { createFlowRepository } from '@sanjay-flow/db';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

import { createConnections } from '../connections/manage-connections';
import { createLogger } from '../logger';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';
import type { Context } from '../trpc/context';
import type { TestDatabase } from './database';

/**
 * The context a router test calls procedures with: one workspace, repositories on the test
 * database and a silent logger. `overrides` replaces or adds fields (connections built on
 * other secrets, key pairs, destinations).
 */
export function testContext(
  testDb: TestDatabase,
  workspaceId: string,
  options: { secrets?: SecretBox; overrides?: Partial<Context> } = {},
): Context {
  const { prisma } = testDb.db;
  const secrets = options.secrets ?? createSecretBox(randomBytes(32));

  return {
    workspaceId,
    role: 'owner',
    flows: createFlowRepository(prisma),
    connections: createConnections(prisma, secrets),
    db: testDb.db,
    log: createLogger('silent'),
    ...options.overrides,
  };
}

/** The TRPCError a call is expected to fail with; fails the test when it resolves instead. */
export async function trpcErrorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);

  return error as TRPCError;
}
