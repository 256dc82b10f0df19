import type { PrismaClient } from '@sanjay-flow/db';
import { TRPCError } from '@trpc/server';

import { type AuthRequest, authenticate, type Caller } from '../auth/authenticate';

/**
 * The caller of a tRPC request, or the error every call of the request answers: no
 * credentials is UNAUTHORIZED before any procedure runs.
 */
export async function trpcCaller(prisma: PrismaClient, request: AuthRequest): Promise<Caller> {
  const authentication = await authenticate(prisma, request);
  if (!authentication.ok) {
    throw new TRPCError({ code: authentication.code, message: authentication.message });
  }

  return authentication.caller;
}
