import type { PrismaClient } from '@sanjay-flow/db';

import type { Role } from '../trpc/context';
import { RoleSchema } from './accounts';
import { randomToken, tokenHash } from './secrets';

const TOKEN_PREFIX = 'sft_';
/** How much of a token is kept and shown, to tell tokens apart: `sft_` and 8 characters. */
const SHOWN_LENGTH = TOKEN_PREFIX.length + 8;
/** `last_used_at` is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiToken {
  workspaceId: string;
  name: string;
  role: Role;
  createdById?: string | null;
  expiresAt?: Date | null;
}

/** Makes a token; the answer holds the token itself, which is never shown again. */
export async function createApiToken(
  prisma: PrismaClient,
  input: NewApiToken,
): Promise<{ token: string; view: ApiTokenView }> {
  const token = randomToken(TOKEN_PREFIX);
  const row = await prisma.apiToken.create({
    data: {
      workspaceId: input.workspaceId,
      name: input.name,
      role: input.role,
      tokenHash: tokenHash(token),
      prefix: token.slice(0, SHOWN_LENGTH),
      createdById: input.createdById ?? null,
      expiresAt: input.expiresAt ?? null,
    },
  });

  return { token, view: tokenView(row) };
}

export async function listApiTokens(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<ApiTokenView[]> {
  const rows = await prisma.apiToken.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });

  return rows.map(tokenView);
}

/** Revokes a token of the workspace: false when the workspace has no such token. */
export async function revokeApiToken(
  prisma: PrismaClient,
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const found = await prisma.apiToken.findFirst({ where: { id, workspaceId } });
  if (!found) {
    return false;
  }
  await prisma.apiToken.updateMany({
    where: { id, workspaceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });

  return true;
}

export interface TokenCaller {
  tokenId: string;
  workspaceId: string;
  role: Role;
}

/** Who a bearer token acts as, or null when it is unknown, revoked or expired. */
export async function authenticateApiToken(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<TokenCaller | null> {
  if (!token.startsWith(TOKEN_PREFIX)) {
    return null;
  }
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) {
    return null;
  }
  if (
    row.lastUsedAt === null ||
    now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS
  ) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }

  return { tokenId: row.id, workspaceId: row.workspaceId, role: RoleSchema.parse(row.role) };
}

function tokenView(row: {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: RoleSchema.parse(row.role),
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
