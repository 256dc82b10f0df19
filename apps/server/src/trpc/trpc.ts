import { initTRPC, TRPCError } from '@trpc/server';

import { AppError, ERROR_MAPPINGS } from '../errors';
import type { ProblemDetail } from '../errors';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const problems: ProblemDetail[] = cause instanceof AppError ? cause.problems : [];
    const appCode = cause instanceof AppError ? cause.code : undefined;
    // Internal errors keep their detail in the log; the client sees a generic message.
    const message =
      error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message;
    const { stack: _stack, ...data } = shape.data;

    return { ...shape, message, data: { ...data, appCode, problems } };
  },
});

/** Turns an `AppError` thrown by a use case into the matching tRPC error. */
const mapAppErrors = t.middleware(async ({ next, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: ERROR_MAPPINGS[cause.code].trpc, message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ err: result.error.cause ?? result.error }, 'procedure failed');
    }
  }

  return result;
});

export const router = t.router;
export const procedure = t.procedure.use(mapAppErrors);
export const createCallerFactory = t.createCallerFactory;
