import { randomUUID } from 'node:crypto';

import type { PrismaClient } from '@sanjay-flow/db';

import type { Outbox } from '../messaging/queue-message';
import { hashOneTimeCode, newOneTimeCode, oneTimeCodeMatches } from './otp';
import { normalisePhone } from './phone';

export const REQUEST_KINDS = ['export', 'erase'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** A code is good for ten minutes and five tries; a number gets three codes an hour. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const MAX_ATTEMPTS = 5;
export const MAX_CODES_PER_HOUR = 3;
/** No request row, and so no number, is kept longer than this. */
const REQUEST_LIFETIME_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface PublicRequestDependencies {
  prisma: PrismaClient;
  outbox: Outbox;
  now?: () => Date;
}

export type StartOutcome =
  | { kind: 'code_sent'; requestId: string; businessName: string }
  | { kind: 'unknown_business' }
  | { kind: 'invalid_phone'; problem: string }
  | { kind: 'no_connection'; businessName: string }
  | { kind: 'too_many_codes' };

export type ConfirmOutcome =
  | { kind: 'confirmed'; workspaceId: string; phone: string; request: RequestKind }
  | { kind: 'wrong_code'; attemptsLeft: number }
  | { kind: 'expired' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The business a request is for, by its id; undefined for anything else. */
export async function findBusiness(prisma: PrismaClient, workspaceId: string) {
  if (!UUID.test(workspaceId)) {
    return undefined;
  }

  return (await prisma.workspace.findUnique({ where: { id: workspaceId } })) ?? undefined;
}

/**
 * Sends a one-time code to the number through the business's connection (its oldest), by the
 * outbox. The answer is the same whether or not the business holds anything about the number.
 */
export async function startPublicRequest(
  dependencies: PublicRequestDependencies,
  input: { workspaceId: string; phone: string; request: RequestKind },
): Promise<StartOutcome> {
  const { prisma, outbox } = dependencies;
  const now = dependencies.now?.() ?? new Date();
  const business = await findBusiness(prisma, input.workspaceId);
  if (!business) {
    return { kind: 'unknown_business' };
  }
  const phone = normalisePhone(input.phone);
  if (!phone.ok) {
    return { kind: 'invalid_phone', problem: phone.problem };
  }
  const connection = await prisma.connection.findFirst({
    where: { workspaceId: business.id },
    orderBy: { createdAt: 'asc' },
  });
  if (!connection) {
    return { kind: 'no_connection', businessName: business.name };
  }
  await prisma.privacyRequest.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - REQUEST_LIFETIME_MS) } },
  });
  const recent = await prisma.privacyRequest.count({
    where: {
      workspaceId: business.id,
      phone: phone.digits,
      createdAt: { gt: new Date(now.getTime() - HOUR_MS) },
    },
  });
  if (recent >= MAX_CODES_PER_HOUR) {
    return { kind: 'too_many_codes' };
  }
  const id = randomUUID();
  const code = newOneTimeCode();
  await prisma.privacyRequest.create({
    data: {
      id,
      workspaceId: business.id,
      phone: phone.digits,
      kind: input.request,
      codeHash: hashOneTimeCode(id, code),
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
      createdAt: now,
    },
  });
  await outbox.queueMessage({
    workspaceId: business.id,
    connectionId: connection.id,
    to: { waId: phone.digits },
    body: codeMessage(phone.digits, code, business.name, input.request),
    idempotencyKey: `privacy-request:${id}`,
  });

  return { kind: 'code_sent', requestId: id, businessName: business.name };
}

/**
 * Checks a code. Each try is counted before the comparison, in one statement, so parallel
 * guesses cannot exceed the allowance; a right code is used up at once.
 */
export async function confirmPublicRequest(
  dependencies: PublicRequestDependencies,
  input: { requestId: string; code: string },
): Promise<ConfirmOutcome> {
  const { prisma } = dependencies;
  const now = dependencies.now?.() ?? new Date();
  if (!UUID.test(input.requestId)) {
    return { kind: 'expired' };
  }
  const counted = await prisma.privacyRequest.updateMany({
    where: { id: input.requestId, attempts: { lt: MAX_ATTEMPTS }, expiresAt: { gt: now } },
    data: { attempts: { increment: 1 } },
  });
  const request = await prisma.privacyRequest.findUnique({ where: { id: input.requestId } });
  if (counted.count === 0 || !request) {
    return { kind: 'expired' };
  }
  if (!oneTimeCodeMatches(request.id, input.code, request.codeHash)) {
    const attemptsLeft = MAX_ATTEMPTS - request.attempts;

    return attemptsLeft > 0 ? { kind: 'wrong_code', attemptsLeft } : { kind: 'expired' };
  }
  const used = await prisma.privacyRequest.deleteMany({ where: { id: request.id } });
  if (used.count === 0) {
    return { kind: 'expired' };
  }

  return {
    kind: 'confirmed',
    workspaceId: request.workspaceId,
    phone: request.phone,
    request: request.kind === 'erase' ? 'erase' : 'export',
  };
}

/** After an erasure, the other requests for the number go too: nothing of it is left. */
export async function forgetPublicRequests(
  prisma: PrismaClient,
  workspaceId: string,
  phone: string,
): Promise<void> {
  await prisma.privacyRequest.deleteMany({ where: { workspaceId, phone } });
}

function codeMessage(to: string, code: string, businessName: string, request: RequestKind) {
  const what = request === 'erase' ? 'erase your data' : 'send you a copy of your data';

  return {
    messaging_product: 'whatsapp' as const,
    recipient_type: 'individual' as const,
    to,
    type: 'text' as const,
    text: {
      body:
        `${code} is your code to ask ${businessName} to ${what}. It expires in 10 minutes. ` +
        'If you did not ask for it, ignore this message.',
    },
  };
}
